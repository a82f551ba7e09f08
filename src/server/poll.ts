// Catch-up for lost webhooks (Sanity retries only twice, 30 s apart): every interval, ask for the
// content's digest (count and newest change of the published documents the site shows) and
// trigger when it differs from what the last build saw. A delete lowers the count, so a missed
// delete webhook is caught as surely as a missed edit.

import {systemClock, type Clock} from './queue.ts'

export interface PollOptions {
  /** 0 disables the timer; `tick()` still works. */
  intervalMs: number
  /** The content's digest now (null: the API knows no content). */
  getDigest(): Promise<string | null>
  /** Digest a successful or running build covers (null: unknown). */
  getBuiltDigest(): string | null
  onChanged(digest: string, built: string | null): void
  onError(error: unknown): void
  clock?: Clock
}

export interface Poller {
  /** Checks once now (skipped while a check is still running). */
  tick(): Promise<void>
  stop(): void
}

export function startPoller(options: PollOptions): Poller {
  const {intervalMs, getDigest, getBuiltDigest, onChanged, onError, clock = systemClock} = options
  let timer: unknown = null
  let running: Promise<void> | null = null
  let stopped = false

  async function check(): Promise<void> {
    try {
      const digest = await getDigest()
      if (stopped || !digest) return
      const built = getBuiltDigest()
      if (digest !== built) onChanged(digest, built)
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
