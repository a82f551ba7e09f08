// schema.org structured data for <script type="application/ld+json">, as plain objects.
import {webHref} from '../urls.ts'
import {dayPath, eventPath, homePath, photoPath, sessionPath} from '../../../core/paths.ts'
import type {Day, Event, Photo, Session} from '../site.ts'
import {excerpt, richTextToPlain} from './plainText.ts'
import {absoluteUrl} from './siteUrl.ts'
import {isoWithOffset} from './zoned.ts'

export type JsonLd = {'@type': string; [property: string]: unknown}

const CONTEXT = 'https://schema.org'

/** Drops empty properties, so pages never publish `"image": null`. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined && item !== '')) as T
}

function venuePlace(event: Event): JsonLd | undefined {
  const {venue} = event
  if (!venue?.name && !venue?.city) return undefined
  return compact({
    '@type': 'Place',
    name: venue.name ?? venue.city,
    address: compact({
      '@type': 'PostalAddress',
      streetAddress: venue.streetAddress,
      postalCode: venue.postalCode,
      addressLocality: venue.city,
      addressCountry: venue.country,
    }),
  })
}

function sessionPlace(session: Session): JsonLd | undefined {
  const venue = venuePlace(session.event)
  if (!session.room) return venue
  return compact({'@type': 'Place', name: session.room, containedInPlace: venue})
}

// Presenters are usually teams, and the model does not say which are people, so none is called a Person.
function performers(session: Session): JsonLd[] {
  return (session.presenters ?? [])
    .filter((presenter) => presenter.name)
    .map((presenter) => ({'@type': 'PerformingGroup', name: presenter.name}))
}

function sessionEvent(session: Session, site: URL): JsonLd {
  const zone = session.event.timeZone
  const performer = performers(session)
  return compact({
    '@type': 'Event',
    name: session.title,
    description: session.summary,
    startDate: isoWithOffset(session.startsAt, zone),
    endDate: isoWithOffset(session.endsAt, zone),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    url: absoluteUrl(sessionPath(session.event.slug, session.slug), site),
    location: sessionPlace(session),
    image: coverUrl(session.event),
    organizer: organizer(session.event),
    performer: performer.length ? performer : undefined,
  })
}

/** The cover's original on Sanity's CDN; the embedded dataset's loopback addresses never leave the build. */
function coverUrl(event: Event): string | undefined {
  const url = event.coverPhoto?.image?.asset?.url
  return url?.startsWith('https://') ? url : undefined
}

/** The organiser, when the event names one, with the organisers' page. */
function organizer(event: Event): JsonLd | undefined {
  return event.organizer ? compact({'@type': 'Organization', name: event.organizer, url: webHref(event.url) ?? undefined}) : undefined
}

/** When the event starts and ends, with the zone's offset: its first and last session, else its dates. */
function eventSpan(event: Event): {startDate: string; endDate: string} {
  if (event.sessions.length === 0) return {startDate: event.startDate, endDate: event.endDate}
  const starts = event.sessions.map((session) => session.startsAt).sort()
  const ends = event.sessions.map((session) => session.endsAt).sort()
  return {startDate: isoWithOffset(starts[0]!, event.timeZone), endDate: isoWithOffset(ends.at(-1)!, event.timeZone)}
}

const recap = (site: URL): JsonLd => ({'@type': 'Organization', name: 'Recap', url: absoluteUrl(homePath(), site)})

/** The event with a sub-event per session, for the event page; `imageUrl` is the optimised cover, if shown. */
export function eventJsonLd(event: Event, site: URL, imageUrl?: string): JsonLd {
  return compact({
    '@context': CONTEXT,
    '@type': 'Event',
    name: event.title,
    description: event.summary,
    ...eventSpan(event),
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    eventStatus: 'https://schema.org/EventScheduled',
    location: venuePlace(event),
    organizer: organizer(event),
    url: absoluteUrl(eventPath(event.slug), site),
    sameAs: webHref(event.url) ?? undefined,
    image: imageUrl ?? coverUrl(event),
    subEvent: event.sessions.map((session) => sessionEvent(session, site)),
  })
}

/** A single session, for its own page. */
export function sessionJsonLd(session: Session, site: URL): JsonLd {
  const {event} = session
  return {
    '@context': CONTEXT,
    ...sessionEvent(session, site),
    superEvent: {'@type': 'Event', name: event.title, url: absoluteUrl(eventPath(event.slug), site)},
  }
}

/** A day's recap as a blog post about the event, crediting the coverage it is based on. */
export function dayJsonLd(event: Event, day: Day, site: URL, imageUrl?: string): JsonLd {
  const {source} = event
  const url = absoluteUrl(dayPath(event.slug, day.number), site)
  return compact({
    '@context': CONTEXT,
    '@type': 'BlogPosting',
    headline: `${event.title}: ${day.label}`,
    description: excerpt(richTextToPlain(day.recap)),
    datePublished: day.date,
    url,
    mainEntityOfPage: url,
    image: imageUrl ?? coverUrl(event),
    about: {'@type': 'Event', name: event.title, url: absoluteUrl(eventPath(event.slug), site)},
    author: recap(site),
    publisher: recap(site),
    isBasedOn:
      source?.title || source?.url
        ? compact({
            '@type': 'CreativeWork',
            name: source.title,
            url: webHref(source.url) ?? undefined,
            publisher: source.publisher ? {'@type': 'Organization', name: source.publisher} : undefined,
          })
        : undefined,
  })
}

/** "Photo by Ana" and "Illustration by Recap" name their creator after "by". */
function creatorName(credit: string): string {
  return credit.replace(/^(?:photo|photograph|illustration|image|picture)s?\s*(?:by|:)\s*/i, '').trim() || credit
}

/** A photo page's image; `contentUrl` is the optimised file the page shows. */
export function photoJsonLd(photo: Photo, event: Event, site: URL, contentUrl: string): JsonLd {
  const license = photo.license?.trim()
  const isUrl = Boolean(webHref(license))
  return compact({
    '@context': CONTEXT,
    '@type': 'ImageObject',
    contentUrl,
    url: absoluteUrl(photoPath(event.slug, photo.slug), site),
    caption: photo.caption,
    description: photo.alt,
    dateCreated: photo.takenAt,
    creditText: photo.credit,
    // Credits do not say whether a person or an organisation made the picture.
    creator: photo.credit ? {'@type': 'Organization', name: creatorName(photo.credit)} : undefined,
    license: isUrl ? license : undefined,
    copyrightNotice: isUrl ? undefined : license,
  })
}

/**
 * JSON for a script element: `<`, `>` and `&` become \u escapes so content such as "</script>" or
 * "<!--" cannot end the element early, and U+2028/U+2029 are escaped for older JavaScript parsers.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
