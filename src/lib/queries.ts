import {defineQuery} from 'groq'

// Shared projections. Every query a build runs is defined in this module and typed by `npm run typegen`.

const imageFields = /* groq */ `
  crop,
  hotspot,
  "asset": asset->{
    _id,
    url,
    "width": metadata.dimensions.width,
    "height": metadata.dimensions.height,
    "lqip": metadata.lqip
  }
`

const photoFields = /* groq */ `
  _id,
  _type,
  _updatedAt,
  title,
  kind,
  alt,
  caption,
  credit,
  license,
  takenAt,
  "eventId": event._ref,
  "sessionId": session._ref,
  "demoId": demo._ref,
  "image": image{${imageFields}}
`

// Inline references are resolved here, in the same query, so no page or link fetches on its own.
const richTextFields = /* groq */ `
  ...,
  _type == "figure" => {"photo": photo->{${photoFields}}},
  markDefs[]{
    ...,
    _type == "internalLink" => {
      "target": reference->{_id, _type}
    }
  }
`

const claimFields = /* groq */ `_key, statement, value, unit, baseline, claimedBy, status, sourceUrl`
const linkFields = /* groq */ `_key, kind, title, url`
const topicRefFields = /* groq */ `"topics": topics[]->{_id, title, "slug": slug.current}`

/** The whole published content graph, fetched once per build and handed to every page. */
export const SITE_QUERY = defineQuery(`{
  "events": *[_type == "event"] | order(startDate desc) {
    _id,
    _updatedAt,
    title,
    "slug": slug.current,
    series,
    startDate,
    endDate,
    timeZone,
    organizer,
    venue{name, streetAddress, postalCode, city, country},
    url,
    summary,
    source{title, url, publisher},
    "coverPhotoId": coverPhoto._ref,
    "days": days[]{_key, date, label, "recap": recap[]{${richTextFields}}}
  },
  "sessions": *[_type == "session"] | order(startsAt asc) {
    _id,
    _type,
    _updatedAt,
    title,
    "slug": slug.current,
    "eventId": event._ref,
    kind,
    startsAt,
    endsAt,
    timesApproximate,
    "partOfId": partOf._ref,
    room,
    track,
    summary,
    guid,
    "notes": notes[]{${richTextFields}},
    presenters[]{_key, name, organization, role},
    ${topicRefFields},
    claims[]{${claimFields}},
    links[]{${linkFields}}
  },
  "demos": *[_type == "demo"] | order(title asc) {
    _id,
    _type,
    _updatedAt,
    title,
    "slug": slug.current,
    "eventId": event._ref,
    "sessionId": session._ref,
    location,
    presentedBy,
    "description": description[]{${richTextFields}},
    technologies,
    ${topicRefFields},
    claims[]{${claimFields}},
    links[]{${linkFields}}
  },
  "photos": *[_type == "photo"] | order(takenAt asc) {${photoFields}},
  "topics": *[_type == "topic"] | order(title asc) {_id, title, "slug": slug.current, description}
}`)

/** Every published document as stored, for the rules the build enforces before the site query runs. */
export const PUBLISHED_DOCUMENTS_QUERY = defineQuery(`*[!(_id in path("drafts.**")) && !(_id in path("versions.**"))]`)

/**
 * A digest of the published documents the site shows: their count and the newest change. Any
 * create, update or delete moves one of them, so the rebuild service's poll sees deletions too.
 */
export const CONTENT_DIGEST_QUERY = defineQuery(`{
  "count": count(*[_type in ["event", "session", "demo", "photo", "topic"] && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]),
  "latest": *[_type in ["event", "session", "demo", "photo", "topic"] && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_updatedAt desc, _id desc)[0]{_id, _rev, _updatedAt}
}`)
