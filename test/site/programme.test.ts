// The programme's shape: rooms (or tracks) become columns only where a day has two or more, each slot spans its
// times on the grid, and filter CSS is generated only for safe names.
import {describe, expect, it} from 'vitest'
import {columnsOf, filterCss, gridPlacement, type Filter} from '../../src/lib/programme.ts'
import type {Session} from '../../src/lib/site.ts'

const slot = (room: string | null, startsAt: string, endsAt: string, track: string | null = null) =>
  ({room, track, startsAt, endsAt}) as Session

describe('columnsOf', () => {
  it('gives no columns for a day in one room and one track, like the sample’s day 2', () => {
    expect(columnsOf([slot('Hall A', 'T09', 'T10', 'Keynotes'), slot('Hall A', 'T10', 'T11'), slot(null, 'T11', 'T12')])).toBeNull()
  })
  it('gives the rooms in order of first use when there are two or more', () => {
    expect(columnsOf([slot('Hall B', 'T09', 'T10'), slot('Hall A', 'T09', 'T10'), slot('Hall B', 'T10', 'T11')])).toEqual({
      by: 'room',
      names: ['Hall B', 'Hall A'],
    })
  })
  it('falls back to tracks when there are no rooms to split by', () => {
    expect(columnsOf([slot(null, 'T09', 'T10', 'Containers'), slot(null, 'T09', 'T10', 'Edge')])).toEqual({
      by: 'track',
      names: ['Containers', 'Edge'],
    })
  })
})

describe('gridPlacement', () => {
  it('puts each slot in its room column, spanning its start to its end', () => {
    const keynote = slot('Hall A', '2016-10-26T07:00:00Z', '2016-10-26T08:30:00Z')
    const talk = slot('Hall B', '2016-10-26T07:30:00Z', '2016-10-26T08:00:00Z')
    const lunch = slot(null, '2016-10-26T10:00:00Z', '2016-10-26T11:00:00Z')
    const placement = gridPlacement([keynote, talk, lunch], {by: 'room', names: ['Hall A', 'Hall B']})
    // Lines: 07:00 → 2, 07:30 → 3, 08:00 → 4, 08:30 → 5, 10:00 → 6, 11:00 → 7 (line 1 is the room headings).
    expect(placement.get(keynote)).toBe('grid-row:2 / 5;grid-column:1 / span 1')
    expect(placement.get(talk)).toBe('grid-row:3 / 4;grid-column:2 / span 1')
    // A slot without a room spans every column.
    expect(placement.get(lunch)).toBe('grid-row:6 / 7;grid-column:1 / -1')
  })
})

describe('filterCss', () => {
  it('hides the rows and days that do not match while a filter is the target', () => {
    const filter: Filter = {id: 'only-talk', label: 'Talk', attribute: 'data-kind', value: 'talk'}
    const css = filterCss([filter])
    expect(css).toContain('.event-agenda:has(#only-talk:target) .row:not([data-kind="talk"]):not(:has([data-kind="talk"])){display:none}')
    expect(css).toContain('.event-agenda:has(#only-talk:target) .day:not(:has([data-kind="talk"])){display:none}')
  })
})
