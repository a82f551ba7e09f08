// The two small in-memory structures: the dedupe window and the byte-bounded LRU.

import {describe, expect, it} from 'vitest'
import {createDedupe} from '../../src/server/dedupe.ts'
import {createLru} from '../../core/lru.ts'

describe('createDedupe', () => {
  it('remembers keys for the window, then forgets them', () => {
    let now = 0
    const dedupe = createDedupe({windowMs: 1_000, now: () => now})
    dedupe.add('a')
    now = 999
    expect(dedupe.has('a')).toBe(true)
    now = 1_001
    expect(dedupe.has('a')).toBe(false)
    expect(dedupe.size).toBe(0)
  })

  it('keys loaded with their original time expire on schedule', () => {
    const dedupe = createDedupe({windowMs: 1_000, now: () => 5_000})
    dedupe.add('old', 3_000)
    dedupe.add('recent', 4_500)
    expect([dedupe.has('old'), dedupe.has('recent')]).toEqual([false, true])
  })

  it('never holds more than the cap', () => {
    const dedupe = createDedupe({maxEntries: 3, now: () => 0})
    for (const key of ['a', 'b', 'c', 'd']) dedupe.add(key)
    expect(dedupe.size).toBe(3)
    expect(dedupe.has('a')).toBe(false)
    expect(dedupe.has('d')).toBe(true)
  })
})

describe('createLru', () => {
  it('evicts the least recently used entries to stay under its byte limit', () => {
    const lru = createLru<string>(10)
    lru.set('a', 'A', 4)
    lru.set('b', 'B', 4)
    expect(lru.get('a')).toBe('A') // a is now the most recent
    lru.set('c', 'C', 4)
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['A', undefined, 'C'])
    expect(lru.bytes).toBe(8)
  })

  it('does not keep an entry bigger than the whole cache', () => {
    const lru = createLru<string>(10)
    lru.set('big', 'x', 11)
    expect(lru.get('big')).toBeUndefined()
    expect(lru.bytes).toBe(0)
  })
})
