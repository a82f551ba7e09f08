// Catch-up for lost webhooks (Sanity retries only twice, 30 s apart): every interval, compare
// the content's latest `_updatedAt` with what the last build saw and trigger when it is newer.
// Deletions don't change any remaining `_updatedAt`, so only a webhook catches those.

import {systemClock, type Clock} from './queue.ts'

export interface PollOptions {
  /** 0 disables the timer; `tick()` still works. */
  intervalMs: number
  getLatestUpdatedAt(): Promise<string | null>
  /** Newest `_updatedAt` a successful or running build covers (null: unknown). */
  getBuiltUpdatedAt(): string | null
  onNewer(latest: string, built: string | null): void
  onError(error: unknown): void
  clock?: Clock
}

export interface Poller {
  /** Checks once now (skipped while a check is still running). */
  tick(): Promise<void>
  stop(): void
}

export function startPoller(options: PollOptions): Poller {
  const {intervalMs, getLatestUpdatedAt, getBuiltUpdatedAt, onNewer, onError, clock = systemClock} = options
  let timer: unknown = null
  let running: Promise<void> | null = null
  let stopped = false

  async function check(): Promise<void> {
    try {
      const latest = await getLatestUpdatedAt()
      if (stopped || !latest) return
      const built = getBuiltUpdatedAt()
      if (isNewer(latest, built)) onNewer(latest, built)
    } catch (error) {
      if (!stopped) onError(error)
    }
  }

  function tick(): Promise<void> {
    running ??= check().finally(() => {
      running = null
    })
    return running
  }

  function arm(): void {
    if (stopped || intervalMs <= 0) return
    // Re-armed after each check, so a slow API can't pile checks up.
    timer = clock.setTimeout(() => {
      timer = null
      void tick().finally(arm)
    }, intervalMs)
  }
  arm()

  return {
    tick,
    stop() {
      stopped = true
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
    },
  }
}

export function isNewer(latest: string, built: string | null): boolean {
  if (built === null) return true
  const a = Date.parse(latest)
  const b = Date.parse(built)
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b
  return latest > built
}
