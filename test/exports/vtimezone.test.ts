import {describe, expect, it} from 'vitest'
import {contentLine, localDateTime, serializeLines} from '../../src/lib/exports/icsText.ts'
import {vtimezone, zoneTransitions} from '../../src/lib/exports/vtimezone.ts'
import {utcStarts} from './ical.ts'

/** The zone's UTC offset in minutes at an instant, read from Intl rather than Recap's zone code. */
function intlOffset(zone: string, at: number): number {
  const name = new Intl.DateTimeFormat('en', {timeZone: zone, timeZoneName: 'longOffset'})
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')!.value
  const [, sign, hours, minutes] = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(name)!
  return sign ? (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0
}

/** The UTC instant of a wall-clock time (none of these middays falls in a gap). */
function intlUtc(date: string, time: string, zone: string): string {
  const wall = Date.parse(`${date}T${time}Z`)
  const guess = wall - intlOffset(zone, wall) * 60_000
  return new Date(wall - intlOffset(zone, guess) * 60_000).toISOString().replace('.000', '')
}

/** A calendar with one entry per local wall-clock time, read back through the VTIMEZONE. */
function readBack(zone: string, year: number, times: [string, string][]) {
  const text = serializeLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Recap//Tests//EN',
    ...vtimezone(zone, year, year),
    ...times.flatMap(([date, time], index) => [
      'BEGIN:VEVENT',
      `UID:${index}@test`,
      'DTSTAMP:20200101T000000Z',
      contentLine('DTSTART', localDateTime(date, time), {TZID: zone}),
      `SUMMARY:${date} ${time}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ])
  return utcStarts(text).map((entry) => entry.utc)
}

describe('VTIMEZONE', () => {
  const zones = [
    'Europe/Madrid',
    'America/New_York',
    'Australia/Sydney',
    'America/Sao_Paulo',
    'Australia/Lord_Howe',
    'Africa/Casablanca',
    'Asia/Kolkata',
  ]
  const middays: [string, string][] = Array.from({length: 12}, (_, month) => [`2016-${String(month + 1).padStart(2, '0')}-15`, '12:00:00'])

  it.each(zones)('local times in %s convert to the same UTC instants as Intl’s zone data', (zone) => {
    const expected = middays.map(([date, time]) => intlUtc(date, time, zone))
    expect(readBack(zone, 2016, middays)).toEqual(expected)
  })

  it('the oracle itself agrees with known instants: Madrid in winter and summer, Kolkata at +05:30', () => {
    expect(intlUtc('2016-01-15', '12:00:00', 'Europe/Madrid')).toBe('2016-01-15T11:00:00Z')
    expect(intlUtc('2016-07-15', '12:00:00', 'Europe/Madrid')).toBe('2016-07-15T10:00:00Z')
    expect(intlUtc('2016-07-15', '12:00:00', 'Asia/Kolkata')).toBe('2016-07-15T06:30:00Z')
  })

  it('finds the 2016 changes in Madrid at 02:00 in March and 03:00 in October', () => {
    const changes = zoneTransitions('Europe/Madrid', 2016, 2016)
    expect(changes.map(({at, from, to}) => [at.toISOString(), from, to])).toEqual([
      ['2016-03-27T01:00:00.000Z', 60, 120],
      ['2016-10-30T01:00:00.000Z', 120, 60],
    ])
    const lines = vtimezone('Europe/Madrid', 2016, 2016)
    expect(lines).toContain('DTSTART:20160327T020000')
    expect(lines).toContain('DTSTART:20161030T030000')
  })

  it('a zone without daylight saving gets a single STANDARD observance', () => {
    const lines = vtimezone('Asia/Tokyo', 2016, 2016)
    expect(lines.filter((line) => line.startsWith('BEGIN:'))).toEqual(['BEGIN:VTIMEZONE', 'BEGIN:STANDARD'])
    expect(lines).toContain('TZOFFSETTO:+0900')
  })
})
