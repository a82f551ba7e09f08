// The frab/c3voc schedule.json that conference apps (Giggity, EventFahrplan, ConfClerk) read.
import {createHash} from 'node:crypto'
import {webHref} from '../urls.ts'
import {eventPath, sessionPath} from '../../../core/paths.ts'
import type {Day, Event, Link, Session} from '../site.ts'
import {zonedTimeToUtc} from '../../../core/time.ts'
import {sessionGuid, uuidV5} from './guid.ts'
import {richTextToPlain} from './plainText.ts'
import {absoluteUrl} from './siteUrl.ts'
import {formatDuration, isoWithOffset, minutesBetween, wallClock} from './zoned.ts'

/** Sessions that start before this local time belong to the previous night, as in frab and pretalx. */
export const DAY_CHANGE = '04:00'
export const TIMESLOT_DURATION = '00:05'

type Reference = {type: 'slides' | 'web' | 'article' | 'media' | 'related'; url: string; title?: string}

// The schedule format has fewer link types than the content model.
const LINK_TYPES = new Map<string, Reference['type']>([
  ['project', 'web'],
  ['documentation', 'web'],
  ['repository', 'web'],
  ['slides', 'slides'],
  ['video', 'media'],
  ['article', 'article'],
  ['other', 'related'],
])

/** The schema allows no hyphen in an acronym except a "-YYYY-word" suffix: "ossummit_barcelona_2016". */
export function scheduleAcronym(slug: string): string {
  return slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .padEnd(4, '_')
}

/** Lower-case, hyphenated, ending in a letter or digit, as the schema's slug pattern wants. */
function scheduleSlug(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/[^a-z0-9]+$/, '') || 'session'
  )
}

/** Sessions without a room are placed at the venue: that is all the coverage knows. */
function roomName(session: Session): string {
  return session.room || session.event.venue?.name || session.event.title
}

/**
 * A deprecated but required integer id, derived from the whole guid so it survives added sessions and two
 * guids that share their first digits still get different ids (schedule.xml requires them unique).
 */
function legacyId(guid: string): number {
  return Number.parseInt(createHash('sha1').update(guid).digest('hex').slice(0, 7), 16) + 1
}

/** The day a session belongs to under the day change, falling back to its calendar date. */
function scheduleDayOf(session: Session): number {
  const {date, time} = wallClock(session.startsAt, session.event.timeZone)
  if (time >= `${DAY_CHANGE}:00`) return session.day
  const previous = new Date(`${date}T00:00:00Z`)
  previous.setUTCDate(previous.getUTCDate() - 1)
  const night = session.event.days.find((day) => day.date === previous.toISOString().slice(0, 10))
  return night?.number ?? session.day
}

function references(links: Link[] | null): Reference[] {
  return (links ?? [])
    .filter((link) => webHref(link.url))
    .map((link) => ({type: LINK_TYPES.get(link.kind ?? 'other') ?? 'related', url: link.url!, ...(link.title ? {title: link.title} : {})}))
}

function scheduleEvent(session: Session, site: URL) {
  const zone = session.event.timeZone
  const guid = sessionGuid(session)
  return {
    guid,
    id: legacyId(guid),
    date: isoWithOffset(session.startsAt, zone),
    start: wallClock(session.startsAt, zone).time.slice(0, 5),
    end: isoWithOffset(session.endsAt, zone),
    duration: formatDuration(minutesBetween(session.startsAt, session.endsAt)),
    room: roomName(session),
    slug: scheduleSlug(session.slug),
    url: absoluteUrl(sessionPath(session.event.slug, session.slug), site),
    title: session.title,
    subtitle: '',
    track: session.track || null,
    type: session.kind ?? 'other',
    language: 'en',
    abstract: session.summary || null,
    description: richTextToPlain(session.notes) || null,
    persons: (session.presenters ?? []).filter((p) => p.name).map((p) => person(p.name!, site)),
    links: references(session.links),
  }
}

/** A presenter with ids that stay the same in every session and build: derived from the site and the name. */
function person(name: string, site: URL) {
  const guid = uuidV5(`${site.origin}/#person:${name.normalize('NFC').toLowerCase()}`)
  return {name, guid, id: legacyId(guid)}
}

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

function scheduleDay(day: Day, event: Event, rooms: string[], site: URL) {
  const zone = event.timeZone
  const sessions = event.sessions.filter((session) => scheduleDayOf(session) === day.number)
  return {
    index: day.number,
    date: day.date,
    day_start: isoWithOffset(zonedTimeToUtc(day.date, `${DAY_CHANGE}:00`, zone), zone),
    day_end: isoWithOffset(new Date(zonedTimeToUtc(nextDate(day.date), `${DAY_CHANGE}:00`, zone).getTime() - 60000), zone),
    rooms: Object.fromEntries(rooms.map((room) => [room, sessions.filter((s) => roomName(s) === room).map((s) => scheduleEvent(s, site))])),
  }
}

/** The newest edit to the event or any of its sessions, so apps notice when the schedule changed. */
function scheduleVersion(event: Event): string {
  return [event._updatedAt, ...event.sessions.map((session) => session._updatedAt)].sort().at(-1)!
}

const TIME_ZONE_NAME = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/

export function eventSchedule(event: Event, site: URL) {
  const rooms = [...new Set(event.sessions.map(roomName))]
  const tracks = [...new Set(event.sessions.map((s) => s.track).filter((t): t is string => Boolean(t)))]
  const eventUrl = absoluteUrl(eventPath(event.slug), site)
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: {name: 'Recap'},
    schedule: {
      version: scheduleVersion(event),
      base_url: eventUrl,
      conference: {
        acronym: scheduleAcronym(event.slug),
        title: event.title,
        ...(event.summary ? {description: event.summary} : {}),
        start: event.startDate,
        end: event.endDate,
        daysCount: event.days.length,
        timeslot_duration: TIMESLOT_DURATION,
        // Only names the schema's pattern accepts; for any other zone apps infer it from the offsets.
        ...(TIME_ZONE_NAME.test(event.timeZone) ? {time_zone_name: event.timeZone} : {}),
        url: webHref(event.url) ?? eventUrl,
        rooms: rooms.map((name) => ({name, guid: uuidV5(`${eventUrl}#room:${name}`)})),
        tracks: tracks.map((name) => ({name, slug: scheduleSlug(name)})),
        // The JSON format has no day_change field; the XML one does, so it is kept here for reference.
        meta: {day_change: DAY_CHANGE},
        days: event.days.map((day) => scheduleDay(day, event, rooms, site)),
      },
    },
  }
}

export type Schedule = ReturnType<typeof eventSchedule>
