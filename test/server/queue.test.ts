import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {createQueue, type Job, type QueueEvent, type QueueOptions} from '../../src/server/queue.ts'

const QUIET = 3_000
const MAX_WAIT = 30_000
const RETRY_MIN = 5_000
const RETRY_MAX = 40_000

interface Harness {
  queue: ReturnType<typeof createQueue>
  runs: {startedAt: number; endedAt?: number; ok?: boolean; attempt: number}[]
  events: QueueEvent[]
  maxConcurrent: number
}

/** A queue whose builds take `durationMs` and fail while `failing()` says so. */
function harness({
  durationMs = 1_000,
  failing = () => false,
  options = {},
}: {durationMs?: number; failing?: (run: number) => boolean; options?: Partial<QueueOptions>} = {}): Harness {
  const h: Harness = {queue: null as never, runs: [], events: [], maxConcurrent: 0}
  let active = 0
  h.queue = createQueue({
    quietMs: QUIET,
    maxWaitMs: MAX_WAIT,
    retryMinMs: RETRY_MIN,
    retryMaxMs: RETRY_MAX,
    onEvent: (event) => h.events.push(event),
    run: (job: Job) => {
      const entry: Harness['runs'][number] = {startedAt: job.startedAt, attempt: job.attempt}
      const index = h.runs.push(entry) - 1
      active += 1
      h.maxConcurrent = Math.max(h.maxConcurrent, active)
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          active -= 1
          entry.endedAt = Date.now()
          entry.ok = !failing(index)
          if (entry.ok) resolve()
          else reject(new Error(`build ${index} failed`))
        }, durationMs)
        job.signal.addEventListener('abort', () => {
          clearTimeout(timer)
          active -= 1
          reject(new Error('aborted'))
        })
      })
    },
    ...options,
  })
  return h
}

beforeEach(() => {
  vi.useFakeTimers({now: 1_000_000})
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createQueue', () => {
  it('a trigger builds once the quiet period has passed', async () => {
    const h = harness()
    const start = Date.now()
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET - 1)
    expect(h.runs).toHaveLength(0)
    expect(h.queue.state()).toMatchObject({pending: true, running: false, nextRunAt: start + QUIET})
    await vi.advanceTimersByTimeAsync(1)
    expect(h.runs).toHaveLength(1)
    expect(h.queue.state()).toMatchObject({pending: false, running: true})
  })

  it('each new trigger restarts the quiet period', async () => {
    const h = harness()
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(2_000)
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(h.runs).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(h.runs).toHaveLength(1)
  })

  it('triggers during a build collapse into exactly one follow-up build', async () => {
    const h = harness({durationMs: 10_000})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET)
    expect(h.runs).toHaveLength(1)
    for (let i = 0; i < 5; i += 1) {
      await vi.advanceTimersByTimeAsync(1_000)
      h.queue.trigger()
    }
    expect(h.runs).toHaveLength(1)
    expect(h.queue.state()).toMatchObject({running: true, pending: true})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.runs).toHaveLength(2)
    expect(h.runs[1]!.startedAt).toBeGreaterThanOrEqual(h.runs[0]!.endedAt!)
    expect(h.maxConcurrent).toBe(1)
    expect(h.queue.state()).toMatchObject({running: false, pending: false})
  })

  it('a steady stream still builds after the maximum wait', async () => {
    const h = harness()
    const start = Date.now()
    for (let second = 0; second < 45; second += 1) {
      h.queue.trigger()
      await vi.advanceTimersByTimeAsync(1_000)
    }
    expect(h.runs.length).toBeGreaterThanOrEqual(1)
    expect(h.runs[0]!.startedAt).toBe(start + MAX_WAIT)
  })

  it('a failed build is retried with backoff and the trigger stays pending', async () => {
    const h = harness({failing: (run) => run < 4})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 1_000)
    expect(h.runs).toHaveLength(1)
    expect(h.queue.state()).toMatchObject({pending: true, running: false, failures: 1})
    const failure = h.events.find((event) => event.type === 'failed')
    expect(failure).toMatchObject({type: 'failed', error: new Error('build 0 failed')})

    await vi.advanceTimersByTimeAsync(200_000)
    expect(h.runs.map((run) => run.ok)).toEqual([false, false, false, false, true])
    const gaps = h.runs.slice(1).map((run, i) => run.startedAt - h.runs[i]!.endedAt!)
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000]) // doubling, capped at RETRY_MAX
    expect(h.runs.map((run) => run.attempt)).toEqual([1, 2, 3, 4, 5])
    expect(h.queue.state()).toMatchObject({pending: false, failures: 0})
  })

  it('a trigger during a failing build is covered by the retry, not a second build', async () => {
    const h = harness({durationMs: 2_000, failing: (run) => run === 0})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 1_000)
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(100_000)
    expect(h.runs.map((run) => run.ok)).toEqual([false, true])
  })

  it('a trigger accepted before the running build started is covered by it', async () => {
    const h = harness({durationMs: 5_000})
    const early = Date.now()
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET)
    // e.g. a delivery whose journal write finished after the build started
    h.queue.trigger({at: early + 1})
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.runs).toHaveLength(1)
  })

  it('immediate skips the quiet period', async () => {
    const h = harness()
    h.queue.trigger({immediate: true})
    await vi.advanceTimersByTimeAsync(0)
    expect(h.runs).toHaveLength(1)
  })

  it('stop aborts the running build and runs nothing afterwards', async () => {
    const h = harness({durationMs: 10_000})
    h.queue.trigger({immediate: true})
    await vi.advanceTimersByTimeAsync(10)
    h.queue.trigger()
    await h.queue.stop()
    expect(h.events.at(-1)).toMatchObject({type: 'stopped'})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(100_000)
    expect(h.runs).toHaveLength(1)
    expect(h.queue.state().running).toBe(false)
  })

  it('every trigger is followed by a successful build that started no earlier (random schedule)', async () => {
    // mulberry32: small, seeded, good enough to vary the schedule
    let seed = 42
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
    }
    for (let round = 0; round < 20; round += 1) {
      const draws: number[] = []
      const h = harness({durationMs: 1_500, failing: (run) => (draws[run] ??= random()) < 0.3})
      const triggers: number[] = []
      for (let i = 0; i < 40; i += 1) {
        await vi.advanceTimersByTimeAsync(Math.floor(random() * 4_000))
        triggers.push(Date.now())
        h.queue.trigger()
      }
      await vi.advanceTimersByTimeAsync(30 * 60_000)
      const successes = h.runs.filter((run) => run.ok).map((run) => run.startedAt)
      for (const at of triggers) {
        expect(
          successes.some((startedAt) => startedAt >= at),
          `trigger at ${at}`,
        ).toBe(true)
      }
      expect(h.maxConcurrent).toBe(1)
      expect(h.queue.state()).toMatchObject({running: false, pending: false})
      await h.queue.stop()
    }
  })

  it('a run starts no sooner than the minimum interval after the previous one', async () => {
    const h = harness({durationMs: 500, options: {minIntervalMs: 60_000}})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 500)
    const first = h.runs[0]!.startedAt
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET)
    expect(h.runs).toHaveLength(1)
    expect(h.queue.state().nextRunAt).toBe(first + 60_000)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.runs.map((run) => run.startedAt)).toEqual([first, first + 60_000])
  })

  it('a failed run imposes no minimum interval: its retry waits only for its own delay', async () => {
    const h = harness({
      durationMs: 100,
      failing: (run) => run === 0,
      options: {minIntervalMs: 60_000, retryDelayMs: () => 1_000},
    })
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 100)
    const failedAt = Date.now()
    expect(h.queue.state()).toMatchObject({failures: 1, nextRunAt: failedAt + 1_000})
    await vi.advanceTimersByTimeAsync(1_000)
    expect(h.runs.map((run) => run.startedAt)).toEqual([failedAt - 100, failedAt + 1_000])
  })

  it('the minimum interval counts from the last successful run, also after a retry', async () => {
    const h = harness({
      durationMs: 100,
      failing: (run) => run === 1,
      options: {minIntervalMs: 60_000, retryDelayMs: () => 1_000},
    })
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 100)
    const first = h.runs[0]!.startedAt
    // The run after a success still waits the interval, and fails.
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(h.runs.map((run) => run.startedAt)).toEqual([first, first + 60_000])
    // Its retry comes after the delay, succeeds, and starts the interval anew.
    await vi.advanceTimersByTimeAsync(100 + 1_000 + 100)
    const retried = h.runs[2]!
    expect(retried).toMatchObject({startedAt: first + 60_000 + 100 + 1_000, ok: true})
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET)
    expect(h.queue.state().nextRunAt).toBe(retried.startedAt + 60_000)
    expect(h.runs).toHaveLength(3)
  })

  it('a failure that names its own delay is retried after that delay, not the backoff', async () => {
    const h = harness({
      durationMs: 100,
      failing: (run) => run === 0,
      options: {retryDelayMs: (error) => ((error as Error).message.includes('build 0') ? 17_000 : null)},
    })
    h.queue.trigger()
    await vi.advanceTimersByTimeAsync(QUIET + 100)
    const failedAt = Date.now()
    expect(h.queue.state()).toMatchObject({failures: 1, nextRunAt: failedAt + 17_000})
    await vi.advanceTimersByTimeAsync(17_000)
    expect(h.runs).toHaveLength(2)
    expect(h.runs[1]!.startedAt).toBe(failedAt + 17_000)
  })
})
