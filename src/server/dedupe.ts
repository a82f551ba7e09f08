// Remembers which deliveries were already accepted, for a limited time and a limited count.
// Entries only come from verified deliveries, so an attacker can't flood it; the cap is a backstop.

export interface DedupeOptions {
  /** How long a key is remembered. Must outlive the signature tolerance window. */
  windowMs?: number
  maxEntries?: number
  now?: () => number
}

export interface Dedupe {
  has(key: string): boolean
  add(key: string, at?: number): void
  delete(key: string): void
  readonly size: number
}

export const DEFAULT_DEDUPE_WINDOW_MS = 15 * 60_000

export function createDedupe(options: DedupeOptions = {}): Dedupe {
  const {windowMs = DEFAULT_DEDUPE_WINDOW_MS, maxEntries = 100_000, now = Date.now} = options
  const seenAt = new Map<string, number>()

  function expire(): void {
    const cutoff = now() - windowMs
    // Map keeps insertion order, which is (nearly) time order: stop at the first fresh entry.
    for (const [key, at] of seenAt) {
      if (at >= cutoff && seenAt.size <= maxEntries) break
      seenAt.delete(key)
    }
  }

  return {
    has(key) {
      expire()
      return seenAt.has(key)
    },
    add(key, at = now()) {
      seenAt.delete(key)
      seenAt.set(key, at)
      expire()
    },
    delete(key) {
      seenAt.delete(key)
    },
    get size() {
      return seenAt.size
    },
  }
}
