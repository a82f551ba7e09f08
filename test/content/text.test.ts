import {describe, expect, it} from 'vitest'
import {cleanStrings, cleanText} from '../../src/lib/text.ts'

// Every kind of character HTML reports as a parse error or XML 1.0 forbids, lone surrogates kept lone.
const UNSAFE = '\u0000\u0001\u0008\u000B\u000C\u000E\u001F\u007F\u0080\u0085\u009F\uDFFF\uD800\uFDD0\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{10FFFF}'

describe('cleanText', () => {
  it('removes controls, noncharacters and lone surrogates', () => {
    expect(cleanText(`Ro${UNSAFE}om 1`)).toBe('Room 1')
    expect(cleanText('\uD800')).toBe('')
    expect(cleanText('end\uDBFF')).toBe('end')
  })

  it('keeps tab, newlines and every other character, astral ones included', () => {
    const kept = 'a\tb\nc\r\nd \u00A0é東京\u200B\u{1F600}\u{10FFFD}\uFFFD'
    expect(cleanText(kept)).toBe(kept)
  })
})

describe('cleanStrings', () => {
  it('cleans every string in nested objects and arrays, and leaves other values and keys alone', () => {
    const document = {
      _id: 'session.a',
      title: `T\u0001itle`,
      count: 3,
      flag: true,
      none: null,
      notes: [{children: [{text: `sp\uFFFEan`, marks: ['e\u007Fm']}]}],
    }
    expect(cleanStrings(document)).toEqual({
      _id: 'session.a',
      title: 'Title',
      count: 3,
      flag: true,
      none: null,
      notes: [{children: [{text: 'span', marks: ['em']}]}],
    })
    expect(cleanStrings({'k\u0001ey': 'v'})).toEqual({'k\u0001ey': 'v'})
  })

  it('returns clean content as the same objects, and never changes its input', () => {
    const clean = {title: 'Fine', days: [{label: 'Day 1'}]}
    expect(cleanStrings(clean)).toBe(clean)
    const dirty = {title: 'Fine', days: [{label: 'Day\u0001 1'}, {label: 'Day 2'}]}
    const cleaned = cleanStrings(dirty)
    expect(dirty.days[0]!.label).toBe('Day\u0001 1')
    expect(cleaned.days[1]).toBe(dirty.days[1])
  })
})
