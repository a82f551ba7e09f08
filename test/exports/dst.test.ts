// Calendar times around daylight-saving changes, read back by two independent parsers (ical.js and node-ical):
// each must see exactly the instant the session has, including the hour that happens twice.
import {sync as nodeIcalSync, type VEvent} from 'node-ical'
import ICAL from 'ical.js'
import {beforeAll, describe, expect, it} from 'vitest'
import {eventCalendar, isRepeatedLocalTime} from '../../src/lib/exports/ics.ts'
import type {Site} from '../../src/lib/site.ts'
import {calendarEvents} from './ical.ts'
import {loadDataset, SITE} from './load.ts'

let site: Site
beforeAll(async () => {
  site = await loadDataset('test/fixtures/exports/dst-zones.ndjson')
})

const iso = (date: Date) => date.toISOString().replace('.000', '')

function viaIcalJs(text: string) {
  return new Map(
    calendarEvents(text).map((event) => [event.summary, {start: iso(event.startDate.toJSDate()), end: iso(event.endDate.toJSDate())}]),
  )
}

function viaNodeIcal(text: string) {
  const entries = Object.values(nodeIcalSync.parseICS(text)).filter((entry) => entry?.type === 'VEVENT') as VEvent[]
  return new Map(entries.map((entry) => [String(entry.summary), {start: iso(entry.start), end: iso(entry.end!)}]))
}

describe.each(['event.berlin', 'event.new-york', 'event.kathmandu'])('the calendar of %s', (id) => {
  it('gives every session the same start and end instant in ical.js and node-ical, with DTEND after DTSTART', () => {
    const event = site.events.find((candidate) => candidate._id === id)!
    const text = eventCalendar(event, SITE)
    const [icalJs, nodeIcalRead] = [viaIcalJs(text), viaNodeIcal(text)]
    expect(event.sessions.length).toBeGreaterThan(0)
    for (const session of event.sessions) {
      const expected = {start: iso(new Date(session.startsAt)), end: iso(new Date(session.endsAt))}
      expect(icalJs.get(session.title), `ical.js: ${session.title}`).toEqual(expected)
      expect(nodeIcalRead.get(session.title), `node-ical: ${session.title}`).toEqual(expected)
      expect(Date.parse(expected.end)).toBeGreaterThan(Date.parse(expected.start))
    }
  })
})

describe('repeated local hours', () => {
  it('are the only times written in UTC; the rest keep the event zone', () => {
    const berlin = eventCalendar(
      site.events.find((event) => event._id === 'event.berlin')!,
      SITE,
    )
    expect(berlin).toContain('DTSTART:20241027T003000Z')
    expect(berlin).toContain('DTSTART:20241027T013000Z')
    expect(berlin).toContain('DTSTART;TZID=Europe/Berlin:20240331T033000')
    expect(berlin).toContain('DTSTART;TZID=Europe/Berlin:20240331T013000')
    const kathmandu = eventCalendar(
      site.events.find((event) => event._id === 'event.kathmandu')!,
      SITE,
    )
    expect(kathmandu).toContain('DTSTART;TZID=Asia/Kathmandu:20240501T100000')
    expect(kathmandu).toContain('TZOFFSETTO:+0545')
  })

  it('are recognised on both sides of the change and nowhere else', () => {
    expect(isRepeatedLocalTime('2024-11-03T05:30:00Z', 'America/New_York')).toBe(true)
    expect(isRepeatedLocalTime('2024-11-03T06:30:00Z', 'America/New_York')).toBe(true)
    expect(isRepeatedLocalTime('2024-11-03T07:30:00Z', 'America/New_York')).toBe(false)
    expect(isRepeatedLocalTime('2024-03-10T07:30:00Z', 'America/New_York')).toBe(false)
    expect(isRepeatedLocalTime('2024-05-01T04:15:00Z', 'Asia/Kathmandu')).toBe(false)
  })
})

it('ical.js and a UTC time agree with the zone database (the check is not circular)', () => {
  const time = ICAL.Time.fromDateTimeString('2024-10-27T01:30:00Z')
  expect(iso(time.toJSDate())).toBe('2024-10-27T01:30:00Z')
})
