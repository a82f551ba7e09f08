// Each editorial mistake the schema guards against, shown on a small fixture in test/fixtures/invalid/.
// Every fixture also holds the corrected document, which must pass, so no check here can pass vacuously.
import {readdirSync} from 'node:fs'
import {resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {FIXTURES_DIR, errorsOf, formatPath, markersFor, validateNdjson, type DocumentResult, type Marker} from '../helpers/validate.ts'

const INVALID_DIR = resolve(FIXTURES_DIR, 'invalid')

import {
  ENDS_BEFORE_START,
  OUTSIDE_MADRID,
  SLUG_IN_USE,
  NO_ALT,
  WEB_ADDRESS_ONLY,
  RICH_TEXT_LINK,
  SESSION_OF_OTHER_EVENT,
  UNKNOWN_ZONE,
  EXPECTED,
  ROOM_TAKEN_BY_KEYNOTE,
  ROOM_TAKEN_BY_DUPLICATE,
  COVER_FROM_PORTO,
  PHOTO_BEFORE_VALENCIA,
  PHOTO_AFTER_SESSION,
  type Expected,
} from './invalid-fixtures.ts'

const validated = new Map<string, Promise<DocumentResult[]>>()
function fixture(name: string): Promise<DocumentResult[]> {
  if (!validated.has(name)) validated.set(name, validateNdjson(resolve(INVALID_DIR, name)))
  return validated.get(name)!
}

const summary = (markers: readonly Marker[]) =>
  markers.map((marker) => ({level: marker.level, path: formatPath(marker.path), message: marker.message}))

/** The document has exactly these errors, and nothing else. */
async function expectErrors(file: string, id: string, expected: Expected[]) {
  const markers = markersFor(await fixture(file), id)
  expect(summary(markers), `markers of ${id} in ${file}`).toEqual(
    expected.map((item) => ({level: item.level ?? 'error', path: item.path, message: item.message})),
  )
}

/** The document has no markers at all: the corrected version passes. */
async function expectPasses(file: string, id: string) {
  const markers = markersFor(await fixture(file), id)
  expect(summary(markers), `${id} in ${file} should pass`).toEqual([])
}

describe('a session that ends before it starts', () => {
  const file = 'session-ends-before-start.ndjson'
  it('gets an error on its end time asking for an end after the start', async () => {
    await expectErrors(file, 'session.ends-before-start', [{path: 'endsAt', message: ENDS_BEFORE_START}])
  })
  it('passes once it ends after it starts', async () => {
    await expectPasses(file, 'session.ends-after-start')
  })
})

describe('a session outside its event’s dates, judged in the event’s time zone (Europe/Madrid, UTC+2)', () => {
  const file = 'session-outside-event.ndjson'
  it('is an error when it starts at 23:30 local time the evening before the first day', async () => {
    await expectErrors(file, 'session.starts-the-evening-before', [{path: 'startsAt', message: OUTSIDE_MADRID}])
  })
  it('passes when it starts at 00:30 local time on the first day, though that is the day before in UTC', async () => {
    await expectPasses(file, 'session.starts-just-after-midnight')
  })
  it('is an error when it ends at 00:30 local time the night after the last day', async () => {
    await expectErrors(file, 'session.ends-after-the-last-day', [{path: 'endsAt', message: OUTSIDE_MADRID}])
  })
  it('passes when it ends at 23:55 local time on the last day', async () => {
    await expectPasses(file, 'session.ends-before-midnight')
  })
})

describe('a slug used twice in one event', () => {
  const file = 'slug-twice-in-event.ndjson'
  it('is an error on the slug of both sessions of that event', async () => {
    await expectErrors(file, 'session.madrid-opening', [{path: 'slug', message: SLUG_IN_USE}])
    await expectErrors(file, 'session.madrid-opening-again', [{path: 'slug', message: SLUG_IN_USE}])
    const marker = errorsOf(markersFor(await fixture(file), 'session.madrid-opening'))[0]
    expect(marker?.code).toBe('slug.not-unique')
  })
  it('passes for the same slug on a session of another event', async () => {
    await expectPasses(file, 'session.berlin-opening')
  })
  it('passes for a draft of that session, which shares its slug', async () => {
    await expectPasses(file, 'drafts.session.berlin-opening')
  })
  it('passes for a demo with the same slug in the same event: slugs are unique per document type', async () => {
    await expectPasses(file, 'demo.madrid-opening-keynote')
  })
  it('passes for a different slug in the same event', async () => {
    await expectPasses(file, 'session.madrid-closing')
  })
})

describe('a photo without alt text', () => {
  const file = 'photo-without-alt.ndjson'
  it('is an error on alt when the field is missing', async () => {
    await expectErrors(file, 'photo.without-alt', [{path: 'alt', message: NO_ALT}])
  })
  it('is an error on alt when the field is empty', async () => {
    await expectErrors(file, 'photo.with-empty-alt', [{path: 'alt', message: NO_ALT}])
  })
  it('passes with alt text (and its image counts as uploaded, as after an import)', async () => {
    await expectPasses(file, 'photo.with-alt')
  })
})

describe('a javascript: link', () => {
  const file = 'javascript-links.ndjson'
  it('in a session’s links is an error on that link’s address, whatever its letter case', async () => {
    await expectErrors(file, 'session.javascript-link', [
      {path: 'links[_key=="l2"].url', message: WEB_ADDRESS_ONLY},
      {path: 'links[_key=="l3"].url', message: WEB_ADDRESS_ONLY},
    ])
  })
  it('in a rich-text link annotation is an error on its href', async () => {
    await expectErrors(file, 'session.javascript-in-notes', [
      {path: 'notes[_key=="b1"].markDefs[_key=="m1"].href', message: RICH_TEXT_LINK},
    ])
  })
  it('passes when the links are http:// and https:// addresses', async () => {
    await expectPasses(file, 'session.web-links')
  })
  it('passes when a rich-text link is https:// or mailto:', async () => {
    await expectPasses(file, 'session.web-links-in-notes')
  })
})

describe('a demo whose session belongs to another event', () => {
  const file = 'demo-session-other-event.ndjson'
  it('is an error on the session, naming the session and its event', async () => {
    await expectErrors(file, 'demo.session-in-other-event', [{path: 'session', message: SESSION_OF_OTHER_EVENT}])
  })
  it('passes when the session is one of the demo’s own event', async () => {
    await expectPasses(file, 'demo.session-in-same-event')
  })
})

describe('an event’s time zone', () => {
  const file = 'event-unknown-time-zone.ndjson'
  it('is an error when the zone is unknown ("Europe/Madird"), with an example of a valid one', async () => {
    await expectErrors(file, 'event.zone-typo', [{path: 'timeZone', message: UNKNOWN_ZONE}])
  })
  it('passes when the zone is a valid IANA name ("Europe/Madrid")', async () => {
    await expectPasses(file, 'event.zone-valid')
  })
})

describe('the rules the build shares with the Studio', () => {
  const file = 'build-rules-in-studio.ndjson'
  it('refuse a slug outside the one definition, and a slug that differs from another only in case', async () => {
    await expectErrors(file, 'session.slash-slug', EXPECTED[file]!['session.slash-slug']!)
    await expectErrors(file, 'session.keynote-lower', [{path: 'slug', message: SLUG_IN_USE}])
  })
  it('refuse a crop that leaves nothing of the picture, and a kind not on the list', async () => {
    await expectErrors(file, 'photo.cropped-away', EXPECTED[file]!['photo.cropped-away']!)
    await expectErrors(file, 'session.unknown-kind', EXPECTED[file]!['session.unknown-kind']!)
  })
  it('pass a slug within the definition', async () => {
    await expectPasses(file, 'session.fine')
  })
})

describe('two sessions in one room at overlapping times', () => {
  const file = 'session-room-clash.ndjson'
  it('is a warning on the room of each, naming the other session and its times in the event’s zone', async () => {
    await expectErrors(file, 'session.morning-keynote', [{path: 'room', message: ROOM_TAKEN_BY_DUPLICATE, level: 'warning'}])
    await expectErrors(file, 'session.keynote-entered-twice', [{path: 'room', message: ROOM_TAKEN_BY_KEYNOTE, level: 'warning'}])
  })
  it('passes for the next session in that room, starting when the previous one ends', async () => {
    await expectPasses(file, 'session.next-in-the-auditorium')
  })
  it('passes for a session at the same time in another room', async () => {
    await expectPasses(file, 'session.meanwhile-in-room-2')
  })
})

describe('an event’s cover photo', () => {
  const file = 'event-cover-photo-other-event.ndjson'
  it('is an error when the photo is from another event, naming that event', async () => {
    await expectErrors(file, 'event.seville-2016', [{path: 'coverPhoto', message: COVER_FROM_PORTO}])
  })
  it('passes when the photo is one of the event’s own', async () => {
    await expectPasses(file, 'event.porto-2016')
  })
})

describe('a photo taken outside the event’s days, judged in the event’s zone', () => {
  const file = 'photo-outside-event.ndjson'
  it('is a warning at 23:30 local time the evening before the first day', async () => {
    await expectErrors(file, 'photo.taken-the-evening-before', [{path: 'takenAt', message: PHOTO_BEFORE_VALENCIA, level: 'warning'}])
  })
  it('passes at 00:30 local time on the first day, though that is the day before in UTC', async () => {
    await expectPasses(file, 'photo.taken-just-after-midnight')
  })
})

describe('a photo of a session taken while the session was not on', () => {
  const file = 'photo-outside-session.ndjson'
  it('is a warning naming the session and its times', async () => {
    await expectErrors(file, 'photo.taken-after-the-session', [{path: 'takenAt', message: PHOTO_AFTER_SESSION, level: 'warning'}])
  })
  it('passes when taken during the session', async () => {
    await expectPasses(file, 'photo.taken-during-the-session')
  })
})

describe('the fixtures', () => {
  it('cover every file in test/fixtures/invalid', () => {
    const files = readdirSync(INVALID_DIR).filter((name) => name.endsWith('.ndjson'))
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.keys(EXPECTED))('%s holds only the mistakes it is named for', async (file) => {
    const results = await fixture(file)
    const actual = Object.fromEntries(
      results.map(({id, markers}) => [id, summary(markers)] as const).filter(([, markers]) => markers.length > 0),
    )
    const expected = Object.fromEntries(
      Object.entries(EXPECTED[file]!).map(([id, items]) => [
        id,
        items.map((item) => ({level: item.level ?? 'error', path: item.path, message: item.message})),
      ]),
    )
    expect(actual).toEqual(expected)
    // Each fixture also has at least one document that passes: the corrected version.
    expect(results.some(({markers}) => markers.length === 0)).toBe(true)
  })
})
