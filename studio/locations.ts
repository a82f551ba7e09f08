// Which pages of the site show a document, for the Presentation tool's "Used on" list and the
// Preview action. Paths come from the site's own path helpers, so they never disagree with its routes.
import type {DocumentLocation, DocumentLocationsState} from 'sanity/presentation'
import {
  dayPath,
  eventPath,
  eventsPath,
  photoPath,
  photosPath,
  photoSlug,
  sessionPath,
  demoPath,
  topicPath,
  topicsPath,
} from '../core/paths.ts'
import {localDate} from '../core/time.ts'

export const PAGE_TYPES = ['event', 'session', 'demo', 'photo', 'topic']

type EventFacts = {title?: string; slug?: string; startDate?: string; endDate?: string; timeZone?: string}
type Named = {title?: string; slug?: string}
export type LocatedDocument = {
  _id: string
  _type: string
  title?: string
  slug?: string
  startsAt?: string
  event?: EventFacts | null
  session?: Named | null
  demo?: Named | null
  topics?: (Named | null)[] | null
}

/** The document as it is being edited (its draft when there is one), with what its pages need from the documents it refers to. */
export const LOCATIONS_QUERY = `coalesce(*[_id == "drafts." + $id][0], *[_id == $id][0]){
  _id, _type, "title": coalesce(title, caption, alt), "slug": slug.current, startsAt,
  "event": select(_type == "event" => {title, "slug": slug.current, startDate, endDate, timeZone}, event->{title, "slug": slug.current, startDate, endDate, timeZone}),
  "session": session->{title, "slug": slug.current},
  "demo": demo->{title, "slug": slug.current},
  "topics": topics[]->{title, "slug": slug.current}
}`

/** The day of the event (1 for its first) on which `instant` falls in the event's zone. */
function dayNumber(instant: string, event: EventFacts): number | null {
  if (!event.startDate || !event.timeZone) return null
  const days = (Date.parse(localDate(instant, event.timeZone)) - Date.parse(event.startDate)) / 86_400_000
  return Number.isInteger(days) && days >= 0 ? days + 1 : null
}

function eventLocations(event: EventFacts | null | undefined): DocumentLocation[] {
  return event?.slug ? [{title: event.title ?? 'Event', href: eventPath(event.slug)}] : []
}

function topicLocations(topics: LocatedDocument['topics']): DocumentLocation[] {
  return (topics ?? []).flatMap((topic) =>
    topic?.slug ? [{title: `Topic: ${topic.title ?? topic.slug}`, href: topicPath(topic.slug)}] : [],
  )
}

function pagesOf(document: LocatedDocument): DocumentLocation[] {
  const event = document.event
  const title = document.title ?? 'Untitled'
  switch (document._type) {
    case 'event':
      return event?.slug ? [...eventLocations(event), {title: 'All events', href: eventsPath()}] : []
    case 'session': {
      if (!event?.slug || !document.slug) return []
      const day = document.startsAt ? dayNumber(document.startsAt, event) : null
      return [
        {title, href: sessionPath(event.slug, document.slug)},
        ...eventLocations(event),
        ...(day ? [{title: `${event.title ?? 'Event'}, day ${day}`, href: dayPath(event.slug, day)}] : []),
        ...topicLocations(document.topics),
      ]
    }
    case 'demo':
      if (!event?.slug || !document.slug) return []
      return [
        {title, href: demoPath(event.slug, document.slug)},
        ...(document.session?.slug
          ? [{title: document.session.title ?? 'Session', href: sessionPath(event.slug, document.session.slug)}]
          : []),
        ...eventLocations(event),
        ...topicLocations(document.topics),
      ]
    case 'photo':
      if (!event?.slug) return []
      return [
        {title: document.title ?? 'Photo', href: photoPath(event.slug, photoSlug(document._id.replace(/^drafts\./, '')))},
        ...(document.session?.slug
          ? [{title: document.session.title ?? 'Session', href: sessionPath(event.slug, document.session.slug)}]
          : []),
        ...(document.demo?.slug ? [{title: document.demo.title ?? 'Demo', href: demoPath(event.slug, document.demo.slug)}] : []),
        {title: `Photos of ${event.title ?? 'the event'}`, href: photosPath(event.slug)},
      ]
    case 'topic':
      return document.slug
        ? [
            {title: `Topic: ${title}`, href: topicPath(document.slug)},
            {title: 'All topics', href: topicsPath()},
          ]
        : []
    default:
      return []
  }
}

export function documentLocations(document: LocatedDocument | null): DocumentLocationsState {
  const locations = document ? pagesOf(document) : []
  return locations.length
    ? {locations}
    : {message: 'This document is not on any page yet: it needs a slug and, except for topics, an event.', tone: 'caution'}
}
