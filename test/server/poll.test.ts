import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {isNewer, startPoller, type PollOptions} from '../../src/server/poll.ts'

beforeEach(() => {
  vi.useFakeTimers({now: 0})
})

afterEach(() => {
  vi.useRealTimers()
})

function poller(overrides: Partial<PollOptions> & {latest?: () => Promise<string | null>} = {}) {
  const newer: string[] = []
  const errors: unknown[] = []
  let built: string | null = '2025-06-01T10:00:00Z'
  const p = startPoller({
    intervalMs: 1_000,
    getLatestUpdatedAt: overrides.latest ?? (async () => '2025-06-01T10:00:00Z'),
    getBuiltUpdatedAt: () => built,
    onNewer: (latest) => newer.push(latest),
    onError: (error) => errors.push(error),
    ...overrides,
  })
  return {p, newer, errors, setBuilt: (value: string | null) => (built = value)}
}

describe('startPoller', () => {
  it('triggers when the content is newer than the last build saw', async () => {
    let latest = '2025-06-01T10:00:00Z'
    const {p, newer} = poller({latest: async () => latest})
    await vi.advanceTimersByTimeAsync(3_000)
    expect(newer).toEqual([])
    latest = '2025-06-01T10:00:01Z'
    await vi.advanceTimersByTimeAsync(1_000)
    expect(newer).toEqual(['2025-06-01T10:00:01Z'])
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

  it('isNewer compares instants, not spellings', () => {
    expect(isNewer('2025-06-01T10:00:00.000Z', '2025-06-01T10:00:00Z')).toBe(false)
    expect(isNewer('2025-06-01T12:00:00+02:00', '2025-06-01T09:59:59Z')).toBe(true)
    expect(isNewer('b', 'a')).toBe(true)
    expect(isNewer('x', null)).toBe(true)
  })
})
