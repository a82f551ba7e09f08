// Coalescing build queue: one build at a time, triggers collapse, nothing is dropped.
//
// Invariant: every trigger accepted at time T is followed by a run that started at or after T
// and succeeded, or by a reported failure (and then a retry with capped exponential backoff).
// A run reads content after it starts, and a trigger's change happened before it arrived.
// Triggers during a run make exactly one follow-up run. A run waits for `quietMs` without
// new triggers, but never longer than `maxWaitMs` after the first waiting trigger, and starts
// no sooner than `minIntervalMs` after the last successful run started (a failed run started
// nothing downstream, so its retry waits only for the backoff or its own delay).

export interface Clock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

// Looked up on each call, so test fake timers apply.
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface Job {
  /** Triggers accepted up to this time are covered if the run succeeds. */
  startedAt: number
  /** 1 for a first try, 2 for the first retry... */
  attempt: number
  /** Aborted when the queue stops (shutdown). */
  signal: AbortSignal
}

export type QueueEvent =
  | {type: 'scheduled'; at: number}
  | {type: 'started'; job: Job}
  | {type: 'succeeded'; job: Job; durationMs: number}
  | {type: 'failed'; job: Job; durationMs: number; error: unknown; retryAt: number}
  | {type: 'stopped'; job: Job}

export interface QueueOptions {
  run(job: Job): Promise<void>
  quietMs: number
  maxWaitMs: number
  retryMinMs: number
  retryMaxMs: number
  /** Least time from the start of the last successful run to the next start (default 0). */
  minIntervalMs?: number
  /** How long the failed run asked to be left alone (a Retry-After), instead of the backoff. */
  retryDelayMs?(error: unknown): number | null
  clock?: Clock
  onEvent?(event: QueueEvent): void
}

export interface QueueState {
  running: boolean
  runningSince: number | null
  /** A trigger is waiting for a run (not counting the one in flight). */
  pending: boolean
  pendingSince: number | null
  nextRunAt: number | null
  failures: number
}

export interface Queue {
  /** Records a trigger accepted at `at` (default now). `immediate` skips the quiet period. */
  trigger(options?: {at?: number; immediate?: boolean}): void
  state(): QueueState
  /** Cancels timers, aborts the run in flight and waits for it to end. */
  stop(): Promise<void>
}

export function createQueue(options: QueueOptions): Queue {
  const {run, quietMs, maxWaitMs, retryMinMs, retryMaxMs, minIntervalMs = 0, clock = systemClock} = options
  const retryDelayMs = options.retryDelayMs ?? (() => null)
  const emit = options.onEvent ?? (() => {})

  let firstWaiting: number | null = null
  let lastWaiting: number | null = null
  let immediate = false
  let failures = 0
  let retryAt = 0
  let lastSucceededAt = Number.NEGATIVE_INFINITY
  let timer: unknown = null
  let nextRunAt: number | null = null
  let stopped = false
  interface Run {
    job: Job
    controller: AbortController
    /** Earliest trigger this run covers; it waits again if the run fails. */
    covers: number
    done: Promise<void>
  }
  let current: Run | null = null

  function schedule(): void {
    if (stopped || current || firstWaiting === null || lastWaiting === null) return
    const debounced = immediate ? clock.now() : Math.min(lastWaiting + quietMs, firstWaiting + maxWaitMs)
    const at = Math.max(debounced, retryAt, lastSucceededAt + minIntervalMs)
    if (timer !== null && nextRunAt === at) return
    if (timer !== null) clock.clearTimeout(timer)
    nextRunAt = at
    timer = clock.setTimeout(start, Math.max(0, at - clock.now()))
    emit({type: 'scheduled', at})
  }

  function start(): void {
    timer = null
    nextRunAt = null
    if (stopped || current || firstWaiting === null) return
    const covers = firstWaiting
    firstWaiting = null
    lastWaiting = null
    immediate = false
    const controller = new AbortController()
    const job: Job = {startedAt: clock.now(), attempt: failures + 1, signal: controller.signal}
    const entry: Run = {job, controller, covers, done: Promise.resolve()}
    current = entry
    entry.done = execute(entry)
  }

  async function execute(entry: Run): Promise<void> {
    const {job} = entry
    emit({type: 'started', job})
    try {
      await run(job)
      failures = 0
      retryAt = 0
      lastSucceededAt = job.startedAt
      emit({type: 'succeeded', job, durationMs: clock.now() - job.startedAt})
    } catch (error) {
      if (stopped) {
        emit({type: 'stopped', job})
      } else {
        // The triggers this run covered are waiting again.
        failures += 1
        retryAt = clock.now() + (retryDelayMs(error) ?? Math.min(retryMaxMs, retryMinMs * 2 ** (failures - 1)))
        firstWaiting = firstWaiting === null ? entry.covers : Math.min(firstWaiting, entry.covers)
        lastWaiting = lastWaiting ?? entry.covers
        emit({type: 'failed', job, durationMs: clock.now() - job.startedAt, error, retryAt})
      }
    } finally {
      current = null
      schedule()
    }
  }

  return {
    trigger({at = clock.now(), immediate: now = false} = {}) {
      if (stopped) return
      // Accepted before the run in flight started: that run covers it (a failure re-queues it).
      if (current && at <= current.job.startedAt) {
        current.covers = Math.min(current.covers, at)
        return
      }
      firstWaiting = firstWaiting === null ? at : Math.min(firstWaiting, at)
      lastWaiting = lastWaiting === null ? at : Math.max(lastWaiting, at)
      immediate ||= now
      schedule()
    },
    state() {
      return {
        running: current !== null,
        runningSince: current?.job.startedAt ?? null,
        pending: firstWaiting !== null,
        pendingSince: firstWaiting,
        nextRunAt,
        failures,
      }
    },
    async stop() {
      stopped = true
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
      nextRunAt = null
      if (current) {
        current.controller.abort()
        await current.done
      }
    },
  }
}
