// iCalendar (RFC 5545) files: one per event with all its sessions, and one per session.
import {SESSION_KINDS, titleOf} from '../../../schemas/vocabulary.ts'
import {sessionPath} from '../../../core/paths.ts'
import type {Event, Session} from '../site.ts'
import {claimLines} from './claims.ts'
import {sessionGuid} from './guid.ts'
import {contentLine, escapeText, localDateTime, serializeLines, utcDateTime} from './icsText.ts'
import {absoluteUrl} from './siteUrl.ts'
import {vtimezone} from './vtimezone.ts'
import {wallClock} from './zoned.ts'
import {zoneOffsetMinutes} from '../../../core/time.ts'

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8'
export const PRODUCT_ID = '-//Recap//Conference coverage//EN'

/**
 * `DTSTART;TZID=Europe/Madrid:20161026T090000`: the wall-clock time people saw on the programme. A local
 * time that happens twice (the hour repeated when clocks go back) is written in UTC instead: RFC 5545 reads
 * such a time as its first occurrence, and parsers differ, while UTC means one instant to every client.
 */
function zonedLine(name: string, instant: string, zone: string): string {
  const {date, time} = wallClock(instant, zone)
  if (isRepeatedLocalTime(instant, zone)) return contentLine(name, utcDateTime(instant))
  return contentLine(name, localDateTime(date, time), {TZID: zone})
}

/** True when another instant within a few hours reads the same on the zone's clocks. */
export function isRepeatedLocalTime(instant: string | Date, zone: string): boolean {
  const at = new Date(instant).getTime()
  const reading = wallClock(new Date(at), zone)
  const shifts = new Set([-3, 3].map((hours) => zoneOffsetMinutes(new Date(at + hours * 3_600_000), zone) - reading.offsetMinutes))
  return [...shifts].some((minutes) => {
    if (minutes === 0) return false
    const twin = wallClock(new Date(at - minutes * 60_000), zone)
    return twin.date === reading.date && twin.time === reading.time
  })
}

function description(session: Session): string {
  return [session.summary ?? '', claimLines(session.claims).join('\n')].filter(Boolean).join('\n\n')
}

function location(session: Session): string {
  const {venue} = session.event
  return [session.room, venue?.name, venue?.city].filter(Boolean).join(', ')
}

function vevent(session: Session, site: URL): string[] {
  const zone = session.event.timeZone
  const text = (name: string, value: string) => (value ? [contentLine(name, escapeText(value))] : [])
  const kind = titleOf(SESSION_KINDS, session.kind)
  return [
    'BEGIN:VEVENT',
    contentLine('UID', `${sessionGuid(session)}@recap`),
    // The document's last edit, not the build time, so unchanged content gives identical files.
    contentLine('DTSTAMP', utcDateTime(session._updatedAt)),
    contentLine('LAST-MODIFIED', utcDateTime(session._updatedAt)),
    zonedLine('DTSTART', session.startsAt, zone),
    zonedLine('DTEND', session.endsAt, zone),
    ...text('SUMMARY', session.title),
    ...text('DESCRIPTION', description(session)),
    ...text('LOCATION', location(session)),
    contentLine('URL', absoluteUrl(sessionPath(session.event.slug, session.slug), site)),
    ...text('CATEGORIES', kind),
    'END:VEVENT',
  ]
}

function calendar(name: string, event: Event, sessions: Session[], site: URL): string {
  const years = [event.startDate, event.endDate, ...sessions.flatMap((s) => [s.startsAt, s.endsAt])].map((value) =>
    Number(value.slice(0, 4)),
  )
  return serializeLines([
    'BEGIN:VCALENDAR',
    contentLine('VERSION', '2.0'),
    contentLine('PRODID', PRODUCT_ID),
    contentLine('CALSCALE', 'GREGORIAN'),
    // No METHOD: METHOD:PUBLISH makes the file an iTIP message (RFC 5546), which requires an ORGANIZER that
    // coverage of someone else's conference does not have; libical flags it. A plain calendar file is read as
    // published events by every client.
    contentLine('X-WR-CALNAME', escapeText(name)),
    contentLine('X-WR-TIMEZONE', event.timeZone),
    ...vtimezone(event.timeZone, Math.min(...years), Math.max(...years)),
    ...sessions.flatMap((session) => vevent(session, site)),
    'END:VCALENDAR',
  ])
}

/** Every session of the event, for subscribing to the whole programme. */
export function eventCalendar(event: Event, site: URL): string {
  return calendar(event.title, event, event.sessions, site)
}

/** A single session, for "add to calendar" on its page. */
export function sessionCalendar(session: Session, site: URL): string {
  return calendar(`${session.title} (${session.event.title})`, session.event, [session], site)
}
