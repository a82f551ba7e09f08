// What each fixture in test/fixtures/invalid/ must produce: the markers of its faulty documents, with the
// messages editors see. The offline validation test and the Studio journey both check them.

// The messages editors see, as the schema words them.
export const ENDS_BEFORE_START = 'The session ends before it starts. Set an end time after the start time.'
export const OUTSIDE_MADRID =
  'This time falls outside "Fixture Summit Madrid 2016", which runs from 2016-10-25 to 2016-10-28 (Europe/Madrid).'
export const SLUG_IN_USE = 'Slug is already in use' // Sanity's own wording for a failed `isUnique`
export const NO_ALT = 'Add alt text: describe the photo for readers who cannot see it.'
export const WEB_ADDRESS_ONLY = 'Use a web address that starts with http:// or https://.'
export const RICH_TEXT_LINK = 'Links must start with http://, https:// or mailto:. Other kinds, such as javascript:, are not allowed.'
export const SESSION_OF_OTHER_EVENT =
  '"Madrid keynote" belongs to another event (Fixture Summit Madrid 2016). Pick a session of this event.'
export const UNKNOWN_ZONE = '"Europe/Madird" is not a time zone we know. Use an IANA name such as "Europe/Madrid" or "America/New_York".'

export const ROOM_TAKEN_BY_KEYNOTE =
  '"Morning keynote" is also in Auditorium from 09:00 to 10:00 on 2016-10-26. Check the room or the times.'
export const ROOM_TAKEN_BY_DUPLICATE =
  '"Morning keynote, entered twice" is also in auditorium from 09:30 to 10:30 on 2016-10-26. Check the room or the times.'
export const COVER_FROM_PORTO = 'This photo is from another event, "Fixture Summit Porto 2016". Pick a photo of this event as its cover.'
export const PHOTO_BEFORE_VALENCIA =
  'This photo was taken on 2016-10-24 at 23:30, outside "Fixture Summit Valencia 2016" (2016-10-25 to 2016-10-28). Check the time, or the photo’s event.'
export const PHOTO_AFTER_SESSION =
  'This photo was taken at 14:00, but "Valencia morning talk" ran from 09:00 to 10:00. Check the time, or the photo’s session.'

export type Expected = {path: string; message: string; level?: 'error' | 'warning'}

/** What each fixture must produce: the markers (errors unless said) of its faulty documents. Every other document must pass. */
export const EXPECTED: Record<string, Record<string, Expected[]>> = {
  'session-ends-before-start.ndjson': {
    'session.ends-before-start': [{path: 'endsAt', message: ENDS_BEFORE_START}],
  },
  'session-outside-event.ndjson': {
    'session.starts-the-evening-before': [{path: 'startsAt', message: OUTSIDE_MADRID}],
    'session.ends-after-the-last-day': [{path: 'endsAt', message: OUTSIDE_MADRID}],
  },
  'slug-twice-in-event.ndjson': {
    'session.madrid-opening': [{path: 'slug', message: SLUG_IN_USE}],
    'session.madrid-opening-again': [{path: 'slug', message: SLUG_IN_USE}],
  },
  'photo-without-alt.ndjson': {
    'photo.without-alt': [{path: 'alt', message: NO_ALT}],
    'photo.with-empty-alt': [{path: 'alt', message: NO_ALT}],
  },
  'javascript-links.ndjson': {
    'session.javascript-link': [
      {path: 'links[_key=="l2"].url', message: WEB_ADDRESS_ONLY},
      {path: 'links[_key=="l3"].url', message: WEB_ADDRESS_ONLY},
    ],
    'session.javascript-in-notes': [{path: 'notes[_key=="b1"].markDefs[_key=="m1"].href', message: RICH_TEXT_LINK}],
  },
  'demo-session-other-event.ndjson': {
    'demo.session-in-other-event': [{path: 'session', message: SESSION_OF_OTHER_EVENT}],
  },
  'session-room-clash.ndjson': {
    'session.morning-keynote': [{path: 'room', message: ROOM_TAKEN_BY_DUPLICATE, level: 'warning'}],
    'session.keynote-entered-twice': [{path: 'room', message: ROOM_TAKEN_BY_KEYNOTE, level: 'warning'}],
  },
  'event-cover-photo-other-event.ndjson': {
    'event.seville-2016': [{path: 'coverPhoto', message: COVER_FROM_PORTO}],
  },
  'photo-outside-event.ndjson': {
    'photo.taken-the-evening-before': [{path: 'takenAt', message: PHOTO_BEFORE_VALENCIA, level: 'warning'}],
  },
  'photo-outside-session.ndjson': {
    'photo.taken-after-the-session': [{path: 'takenAt', message: PHOTO_AFTER_SESSION, level: 'warning'}],
  },
  'event-unknown-time-zone.ndjson': {
    'event.zone-typo': [{path: 'timeZone', message: UNKNOWN_ZONE}],
  },
  // The rules the build enforces too (schemas/rules/): one slug definition, addresses compared case aside,
  // list values, crops inside the picture.
  'build-rules-in-studio.ndjson': {
    'session.unknown-kind': [{path: 'kind', message: 'Value "party" did not match any allowed values'}],
    'session.keynote-upper': [{path: 'slug', message: SLUG_IN_USE}],
    'session.keynote-lower': [{path: 'slug', message: SLUG_IN_USE}],
    'session.slash-slug': [
      {
        path: 'slug',
        message:
          'The slug "a/b" may only contain letters, digits and underscores, with single hyphens between them. Generate it again from the title.',
      },
    ],
    'photo.cropped-away': [{path: 'image', message: 'The crop leaves nothing of the picture.'}],
  },
}
