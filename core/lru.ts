// A small LRU bounded by total bytes (Map keeps insertion order; re-inserting marks recent use).

export interface Lru<V> {
  get(key: string): V | undefined
  set(key: string, value: V, bytes: number): void
  readonly bytes: number
}

export function createLru<V>(maxBytes: number): Lru<V> {
  const entries = new Map<string, {value: V; bytes: number}>()
  let total = 0

  return {
    get(key) {
      const entry = entries.get(key)
      if (!entry) return undefined
      entries.delete(key)
      entries.set(key, entry)
      return entry.value
    },
    set(key, value, bytes) {
      const old = entries.get(key)
      if (old) {
        entries.delete(key)
        total -= old.bytes
      }
      if (bytes > maxBytes) return
      entries.set(key, {value, bytes})
      total += bytes
      for (const [oldest, entry] of entries) {
        if (total <= maxBytes) break
        entries.delete(oldest)
        total -= entry.bytes
      }
    },
    get bytes() {
      return total
    },
  }
}
