import {execFile} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'
import {eventCalendar, sessionCalendar} from '../../src/lib/exports/ics.ts'
import {escapeText, foldLine} from '../../src/lib/exports/icsText.ts'
import type {Site} from '../../src/lib/site.ts'
import {calendarEvents, utcStarts} from './ical.ts'
import {loadSample, loadWeekend, sessionBySlug, SITE} from './load.ts'

let sample: Site
let weekend: Site
beforeAll(async () => {
  ;[sample, weekend] = await Promise.all([loadSample(), loadWeekend()])
})

/** Physical lines as raw bytes, split at CRLF, so folding is checked on octets. */
function physicalLines(text: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(text)
  const lines: Uint8Array[] = []
  let start = 0
  for (let index = 0; index < bytes.length - 1; index++) {
    if (bytes[index] === 0x0d && bytes[index + 1] === 0x0a) {
      lines.push(bytes.subarray(start, index))
      start = index + 2
    }
  }
  expect(start).toBe(bytes.length)
  return lines
}

const unfold = (text: string) => text.replace(/\r\n /g, '')

describe('session calendar', () => {
  it('the session calendar parses with ical.js and starts at 09:00 Europe/Madrid (07:00 UTC)', () => {
    const [entry] = utcStarts(sessionCalendar(sessionBySlug(sample, 'keynote-multicloud'), SITE))
    expect(entry).toEqual({
      summary: 'Day 2 keynote: OpenStack in a multicloud world',
      zone: 'Europe/Madrid',
      local: '2016-10-26T09:00:00',
      utc: '2016-10-26T07:00:00Z',
    })
    const [event] = calendarEvents(sessionCalendar(sessionBySlug(sample, 'keynote-multicloud'), SITE))
    expect(event.endDate.convertToZone(event.endDate.zone!).toString()).toBe('2016-10-26T10:30:00')
  })

  it('gives the same times when the build machine runs in Pacific/Auckland', async () => {
    const probe = fileURLToPath(new URL('./tz-probe.ts', import.meta.url))
    const {stdout} = await promisify(execFile)(process.execPath, [probe], {
      env: {...process.env, TZ: 'Pacific/Auckland'},
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
    })
    const entries: {summary: string; local: string; utc: string}[] = JSON.parse(stdout)
    expect(entries.find((entry) => entry.summary.startsWith('Day 2 keynote'))).toMatchObject({
      local: '2016-10-26T09:00:00',
      utc: '2016-10-26T07:00:00Z',
    })
    expect(entries.find((entry) => entry.summary === 'Monday closing')?.utc).toBe('2016-10-31T08:00:00Z')
  }, 30_000)

  it('sessions on both sides of the end of summer time keep their wall-clock times', () => {
    const starts = utcStarts(eventCalendar(weekend.events[0], SITE)).map(({local, utc}) => [local, utc])
    expect(starts).toEqual([
      ['2016-10-29T10:00:00', '2016-10-29T08:00:00Z'],
      ['2016-10-30T01:30:00', '2016-10-29T23:30:00Z'],
      ['2016-10-30T10:00:00', '2016-10-30T09:00:00Z'],
      ['2016-10-31T09:00:00', '2016-10-31T08:00:00Z'],
    ])
  })

  it('UID is the session guid', () => {
    const session = sessionBySlug(sample, 'crowdstar-ironic')
    const [event] = calendarEvents(sessionCalendar(session, SITE))
    expect(event.uid).toBe('35ac038c-35c2-4829-9abd-580df4ad3fe6@recap')
  })

  it('DTSTAMP is present and is the session’s last edit in UTC', () => {
    const session = sessionBySlug(weekend, 'sunday-ueberblick')
    const text = sessionCalendar(session, SITE)
    expect(text).toContain('\r\nDTSTAMP:20161101T091530Z\r\n')
    for (const session of sample.sessions) expect(sessionCalendar(session, SITE)).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/)
  })

  it('commas, semicolons and newlines in titles are escaped', () => {
    const session = {...sessionBySlug(sample, 'arm-openstack-linaro'), title: 'ARM, x86; and\nRISC-V \\ more'}
    const text = unfold(sessionCalendar(session, SITE))
    expect(text).toContain('\r\nSUMMARY:ARM\\, x86\\; and\\nRISC-V \\\\ more\r\n')
    expect(calendarEvents(sessionCalendar(session, SITE))[0].summary).toBe('ARM, x86; and\nRISC-V \\ more')
  })

  it('describes the session with its summary and claims, attributed', () => {
    const [event] = calendarEvents(sessionCalendar(sessionBySlug(sample, 'crowdstar-ironic'), SITE))
    expect(event.description).toContain('cut costs by 60% — as claimed by Crowdstar')
    expect(event.description.startsWith('Crowdstar explained')).toBe(true)
  })

  it('names room, venue and city as the location, the session page as URL and the kind as category', () => {
    const text = unfold(sessionCalendar(sessionBySlug(weekend, 'saturday-opening'), SITE))
    expect(text).toContain('\r\nLOCATION:Nave 16\\, Sala A\\, Matadero Madrid\\, Madrid\r\n')
    expect(text).toContain('\r\nURL:https://recap.example/events/cloud-weekend-2016/sessions/saturday-opening/\r\n')
    expect(text).toContain('\r\nCATEGORIES:Keynote\r\n')
  })

  it('carries the calendar headers', () => {
    const text = sessionCalendar(sessionBySlug(sample, 'keynote-multicloud'), SITE)
    for (const line of ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Recap//Conference coverage//EN', 'CALSCALE:GREGORIAN']) {
      expect(text).toContain(`${line}\r\n`)
    }
    // Not an iTIP message: METHOD:PUBLISH would require an ORGANIZER (RFC 5546), which coverage has none of.
    expect(text).not.toContain('METHOD:')
    expect(unfold(text)).toContain('X-WR-CALNAME:Day 2 keynote: OpenStack in a multicloud world (OpenStack Summit Barcelona 2016)\r\n')
  })
})

describe('event calendar', () => {
  it('has one entry per session, in one VTIMEZONE', () => {
    const event = sample.events[0]
    const text = eventCalendar(event, SITE)
    expect(calendarEvents(text)).toHaveLength(event.sessions.length)
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1)
  })

  it('is identical across builds', () => {
    expect(eventCalendar(sample.events[0], SITE)).toBe(eventCalendar(sample.events[0], SITE))
  })
})

describe('line format', () => {
  const calendars = () => [
    eventCalendar(sample.events[0], SITE),
    eventCalendar(weekend.events[0], SITE),
    ...weekend.sessions.map((session) => sessionCalendar(session, SITE)),
  ]

  it('every line ends in CRLF and no line exceeds 75 octets', () => {
    for (const text of calendars()) {
      expect(text.endsWith('\r\n')).toBe(true)
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
      for (const line of physicalLines(text)) expect(line.length).toBeLessThanOrEqual(75)
    }
  })

  it('a multi-byte character is never split by folding', () => {
    const session = sessionBySlug(weekend, 'sunday-ueberblick')
    const text = sessionCalendar(session, SITE)
    // A strict decoder throws on any line that ends or starts inside a character.
    const decoder = new TextDecoder('utf-8', {fatal: true})
    const lines = physicalLines(text).map((line) => decoder.decode(line))
    const summary = lines.findIndex((line) => line.startsWith('SUMMARY:'))
    expect(lines[summary + 1].startsWith(' ')).toBe(true)
    expect(calendarEvents(text)[0].summary).toBe(session.title)
  })

  it('folds at octets, with continuation lines starting with one space', () => {
    const lines = foldLine(`SUMMARY:${'é'.repeat(80)}`)
    // "é" is two octets: the first line stops at 74 rather than cut one in half.
    expect(lines.map((line) => new TextEncoder().encode(line).length)).toEqual([74, 75, 21])
    expect(lines.slice(1).every((line) => line.startsWith(' ') && !line.startsWith('  '))).toBe(true)
    expect(lines.join('').replace(/ /g, '')).toBe(`SUMMARY:${'é'.repeat(80)}`)
    expect(foldLine('SUMMARY:short')).toEqual(['SUMMARY:short'])
  })

  it('keeps a line of exactly 75 octets whole and folds one of 76', () => {
    expect(foldLine(`X:${'a'.repeat(73)}`)).toHaveLength(1)
    expect(foldLine(`X:${'a'.repeat(74)}`).map((line) => line.length)).toEqual([75, 2])
    // "€" is three octets: 2 + 24 × 3 = 74, and a 25th would make 77.
    expect(foldLine(`X:${'€'.repeat(25)}`).map((line) => Buffer.byteLength(line))).toEqual([74, 4])
  })

  it('emoji outside the basic plane stay whole', () => {
    const lines = foldLine(`X:${'🎤'.repeat(40)}`)
    for (const line of lines) expect(line.isWellFormed() && Buffer.byteLength(line) <= 75).toBe(true)
    expect(lines.map((line, index) => (index ? line.slice(1) : line)).join('')).toBe(`X:${'🎤'.repeat(40)}`)
  })

  it('escapes backslashes before the other characters', () => {
    expect(escapeText('a\\,b')).toBe('a\\\\\\,b')
    expect(escapeText('one\r\ntwo')).toBe('one\\ntwo')
  })
})
