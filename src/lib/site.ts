import {normalizeSlug} from '../../schemas/rules/slug.ts'
import type {Doc} from '../../schemas/rules/types.ts'
import {enforceRules, type LeftOut, type Warning} from './content/enforce.ts'
import {ContentError} from './content/errors.ts'
import {countingSource, queryRunner, sourceFromEnv, type ContentSource} from './content/source.ts'
import {PUBLISHED_DOCUMENTS_QUERY, SITE_QUERY} from './queries.ts'
import type {SITE_QUERY_RESULT} from './sanity.types.ts'
import {cleanStrings} from './text.ts'
import {isTimeZone, localDate} from '../../core/time.ts'
import {photoSlug} from '../../core/paths.ts'
import {trackedGraph} from './incremental/keys.ts'

type Raw = SITE_QUERY_RESULT
type RawEvent = Raw['events'][number]
type RawSession = Raw['sessions'][number]
type RawDemo = Raw['demos'][number]
export type Photo = Raw['photos'][number] & {slug: string}
export type RichText = NonNullable<RawSession['notes']>
export type Claim = NonNullable<RawSession['claims']>[number]
export type Link = NonNullable<RawSession['links']>[number]
export type TopicRef = {_id: string; title: string; slug: string}
export type Topic = {_id: string; title: string; slug: string; description: string | null; sessions: Session[]; demos: Demo[]}

export type Session = Omit<RawSession, 'title' | 'slug' | 'startsAt' | 'endsAt' | 'topics'> & {
  title: string
  slug: string
  startsAt: string
  endsAt: string
  topics: TopicRef[]
  event: Event
  day: number
  /** The session this one is a segment of, and the segments inside this one. */
  parent: Session | null
  segments: Session[]
  demos: Demo[]
  photos: Photo[]
}
export type Demo = Omit<RawDemo, 'title' | 'slug' | 'topics'> & {
  title: string
  slug: string
  topics: TopicRef[]
  event: Event
  session: Session | null
  photos: Photo[]
}
export type Day = {number: number; date: string; label: string; recap: RichText | null; sessions: Session[]}
export type Event = Omit<RawEvent, 'title' | 'slug' | 'startDate' | 'endDate' | 'timeZone' | 'days'> & {
  title: string
  slug: string
  startDate: string
  endDate: string
  timeZone: string
  days: Day[]
  sessions: Session[]
  demos: Demo[]
  photos: Photo[]
  coverPhoto: Photo | null
}
export type Site = {
  events: Event[]
  sessions: Session[]
  demos: Demo[]
  photos: Photo[]
  topics: Topic[]
  /** Published sessions, demos and photos by id, for resolving rich-text links. */
  byId: Map<string, Session | Demo | Photo>
  /** Documents that break a rule and were not published, with what to fix. */
  leftOut: LeftOut[]
  queries: number
}

/** Fails with the id of a document that lacks something every page relies on. */
function need<T>(value: T | null | undefined, id: string, field: string): T {
  if (value === null || value === undefined || value === '') {
    throw new ContentError(`Document ${id} has no ${field}, which the site needs to publish it. Fix it in the Studio.`)
  }
  return value
}

function datesBetween(start: string, end: string): string[] {
  const dates: string[] = []
  for (let day = new Date(`${start}T00:00:00Z`); day <= new Date(`${end}T00:00:00Z`); day.setUTCDate(day.getUTCDate() + 1)) {
    dates.push(day.toISOString().slice(0, 10))
    if (dates.length > 366) throw new ContentError(`An event from ${start} to ${end} spans more than a year.`)
  }
  return dates
}

/** Topic references that still resolve; a deleted or unfinished topic is left out. */
function toTopics(topics: RawSession['topics']): TopicRef[] {
  return (topics ?? []).flatMap((topic) =>
    topic?.slug && topic.title ? [{_id: topic._id, title: topic.title, slug: normalizeSlug(topic.slug)}] : [],
  )
}

/** Links the flat query result into a graph of events, days, sessions, demos, photos and topics. */
export function buildSite(raw: Raw, queries: number, leftOut: LeftOut[] = []): Site {
  const photos: Photo[] = raw.photos
    .filter((photo) => photo.image?.asset?.url)
    .map((photo) => ({...photo, slug: normalizeSlug(photoSlug(photo._id))}))
  const photoById = new Map(photos.map((photo) => [photo._id, photo]))

  const events: Event[] = raw.events.map((event) => {
    const startDate = need(event.startDate, event._id, 'first day')
    const endDate = need(event.endDate, event._id, 'last day')
    const timeZone = need(event.timeZone, event._id, 'time zone')
    if (!isTimeZone(timeZone)) throw new ContentError(`Document ${event._id} has an unknown time zone "${timeZone}".`)
    const daysByDate = new Map((event.days ?? []).map((day) => [day.date, day]))
    return {
      ...event,
      title: need(event.title, event._id, 'title'),
      slug: normalizeSlug(need(event.slug, event._id, 'slug')),
      startDate,
      endDate,
      timeZone,
      days: datesBetween(startDate, endDate).map((date, index) => ({
        number: index + 1,
        date,
        label: daysByDate.get(date)?.label ?? `Day ${index + 1}`,
        recap: daysByDate.get(date)?.recap?.length ? daysByDate.get(date)!.recap : null,
        sessions: [],
      })),
      sessions: [],
      demos: [],
      photos: photos.filter((photo) => photo.eventId === event._id),
      coverPhoto: (event.coverPhotoId && photoById.get(event.coverPhotoId)) || null,
    }
  })
  const eventById = new Map(events.map((event) => [event._id, event]))
  const eventOf = (id: string, eventId: string | null) => {
    const event = eventById.get(need(eventId, id, 'event'))
    if (!event) throw new ContentError(`Document ${id} belongs to event ${eventId}, which is not published.`)
    return event
  }

  const sessions: Session[] = raw.sessions.map((session) => {
    const event = eventOf(session._id, session.eventId)
    const startsAt = need(session.startsAt, session._id, 'start time')
    const date = localDate(startsAt, event.timeZone)
    const day = event.days.find((candidate) => candidate.date === date)
    if (!day) throw new ContentError(`Document ${session._id} starts on ${date}, outside its event's dates.`)
    const linked: Session = {
      ...session,
      title: need(session.title, session._id, 'title'),
      slug: normalizeSlug(need(session.slug, session._id, 'slug')),
      startsAt,
      endsAt: need(session.endsAt, session._id, 'end time'),
      topics: toTopics(session.topics),
      event,
      day: day.number,
      parent: null,
      segments: [],
      demos: [],
      photos: event.photos.filter((photo) => photo.sessionId === session._id),
    }
    day.sessions.push(linked)
    event.sessions.push(linked)
    return linked
  })
  const sessionById = new Map(sessions.map((session) => [session._id, session]))
  for (const session of sessions) linkParent(session, sessionById)

  const demos: Demo[] = raw.demos.map((demo) => {
    const event = eventOf(demo._id, demo.eventId)
    const session = (demo.sessionId && sessionById.get(demo.sessionId)) || null
    const linked: Demo = {
      ...demo,
      title: need(demo.title, demo._id, 'title'),
      slug: normalizeSlug(need(demo.slug, demo._id, 'slug')),
      topics: toTopics(demo.topics),
      event,
      session: session?.event === event ? session : null,
      photos: event.photos.filter((photo) => photo.demoId === demo._id),
    }
    linked.session?.demos.push(linked)
    event.demos.push(linked)
    return linked
  })

  const topics: Topic[] = raw.topics
    .filter((topic) => topic.slug && topic.title)
    .map((topic) => ({
      _id: topic._id,
      title: topic.title!,
      slug: normalizeSlug(topic.slug!),
      description: topic.description,
      sessions: sessions.filter((session) => session.topics.some((ref) => ref._id === topic._id)),
      demos: demos.filter((demo) => demo.topics.some((ref) => ref._id === topic._id)),
    }))

  const byId = new Map<string, Session | Demo | Photo>([...sessions, ...demos, ...photos].map((document) => [document._id, document]))
  return {events, sessions, demos, photos, topics, byId, leftOut, queries}
}

/** Ties a segment to the session it ran inside (schemas/rules/partOf.ts has left out a segment that breaks the rule). */
function linkParent(session: Session, sessionById: Map<string, Session>) {
  if (!session.partOfId) return
  const parent = sessionById.get(session.partOfId)
  if (!parent) return // an unpublished parent: the segment stands on its own
  session.parent = parent
  parent.segments.push(session)
}

declare global {
  // Shared between Astro's config hooks and its page renderer, which load separate module copies.
  var __recapQueryCount: number | undefined
  var __recapLeftOut: LeftOut[] | undefined
  var __recapWarnings: Warning[] | undefined
  // Set only by the draft preview, which renders these same pages from its own, refreshed graph.
  var __recapPreviewSite: (() => Promise<Site>) | undefined
}

let sitePromise: Promise<Site> | undefined

/**
 * The documents `source` shows that pass every rule in schemas/rules/, linked into the graph; the
 * rest are named in `leftOut`. The public build and the draft preview both see content through this.
 */
export async function enforcedSite(source: ContentSource, queries: () => number = () => 1): Promise<{site: Site; warnings: Warning[]}> {
  const documents = await source.fetch<Doc[]>(PUBLISHED_DOCUMENTS_QUERY)
  if (!Array.isArray(documents)) throw new ContentError(`${source.description} did not answer with a list of documents.`)
  // Cleaned before the rules run, so a title of nothing but control characters counts as missing.
  const {published, leftOut, dropped, warnings} = enforceRules(cleanStrings(documents))
  const raw = (await queryRunner(published)(SITE_QUERY)) as Raw
  // Removals travel with the left-out list (kind "dropped"), so the log, status and Studio show both.
  return {site: buildSite(raw, queries(), [...leftOut, ...dropped]), warnings}
}

/** The content graph for this build: fetched once, with one query, and shared by every page. */
export function loadSite(source: ContentSource = sourceFromEnv()): Promise<Site> {
  if (globalThis.__recapPreviewSite) return globalThis.__recapPreviewSite()
  sitePromise ??= (async () => {
    const counted = countingSource(source, () => {
      globalThis.__recapQueryCount = (globalThis.__recapQueryCount ?? 0) + 1
    })
    const {site, warnings} = await enforcedSite(counted, () => globalThis.__recapQueryCount ?? 0)
    globalThis.__recapLeftOut = site.leftOut
    globalThis.__recapWarnings = warnings
    // Tracked, so an incremental build knows which documents each page shows.
    return trackedGraph(site, [...site.events, ...site.sessions, ...site.demos, ...site.photos, ...site.topics])
  })()
  return sitePromise
}
