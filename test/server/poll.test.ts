import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {startPoller, type PollOptions} from '../../src/server/poll.ts'

beforeEach(() => {
  vi.useFakeTimers({now: 0})
})

afterEach(() => {
  vi.useRealTimers()
})

function poller(overrides: Partial<PollOptions> & {latest?: () => Promise<string | null>} = {}) {
  const newer: string[] = []
  const errors: unknown[] = []
  let built: string | null = '40:2025-06-01T10:00:00Z:session.a:r1'
  const p = startPoller({
    intervalMs: 1_000,
    getDigest: overrides.latest ?? (async () => '40:2025-06-01T10:00:00Z:session.a:r1'),
    getBuiltDigest: () => built,
    onChanged: (digest) => newer.push(digest),
    onError: (error) => errors.push(error),
    ...overrides,
  })
  return {p, newer, errors, setBuilt: (value: string | null) => (built = value)}
}

describe('startPoller', () => {
  it('triggers when the content differs from what the last build saw, a deletion included', async () => {
    let latest = '40:2025-06-01T10:00:00Z:session.a:r1'
    const {p, newer, setBuilt} = poller({latest: async () => latest})
    await vi.advanceTimersByTimeAsync(3_000)
    expect(newer).toEqual([])
    latest = '40:2025-06-01T10:00:01Z:session.b:r7'
    await vi.advanceTimersByTimeAsync(1_000)
    expect(newer).toEqual([latest])
    setBuilt(latest)
    latest = '39:2025-06-01T10:00:01Z:session.b:r7' // one document deleted, nothing else touched
    await vi.advanceTimersByTimeAsync(1_000)
    expect(newer.at(-1)).toBe(latest)
    p.stop()
  })

  it('triggers when nothing was built yet, and not when the API knows no content', async () => {
    const {p, newer, setBuilt} = poller()
    setBuilt(null)
    await p.tick()
    expect(newer).toHaveLength(1)
    const empty = poller({latest: async () => null})
    empty.setBuilt(null)
    await empty.p.tick()
    expect(empty.newer).toHaveLength(0)
    p.stop()
    empty.p.stop()
  })

  it('reports errors and keeps polling', async () => {
    let calls = 0
    const {p, errors, newer} = poller({
      latest: async () => {
        calls += 1
        if (calls === 1) throw new Error('API down')
        return '2025-07-01T00:00:00Z'
      },
    })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(errors).toEqual([new Error('API down')])
    expect(newer.length).toBeGreaterThan(0)
    p.stop()
  })

  it('a slow answer never overlaps the next check', async () => {
    let active = 0
    let maxActive = 0
    const {p} = poller({
      latest: async () => {
        active += 1
        maxActive = Math.max(maxActive, active)
        await new Promise((resolve) => setTimeout(resolve, 5_000))
        active -= 1
        return null
      },
    })
    void p.tick()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(maxActive).toBe(1)
    p.stop()
  })

  it('an interval of 0 polls only when asked', async () => {
    let calls = 0
    const {p} = poller({intervalMs: 0, latest: async () => ((calls += 1), null)})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(0)
    await p.tick()
    expect(calls).toBe(1)
  })
})
