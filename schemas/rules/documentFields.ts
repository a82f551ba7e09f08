// Checks on single fields of sessions, demos and photos. Pure: the Studio and the build call the same function.
import {finding, type BuildRule, type Doc, type Finding} from './types.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** Calendar apps recognise a session by its UUID. */
export function badCalendarId(guid: string | undefined): string | undefined {
  return !guid || UUID.test(guid) ? undefined : 'The calendar ID must be a UUID. Recreate the session.'
}

/** A demo was shown in a session or at a booth: one of them must be given. */
export function demoWithoutPlace(demo: {location?: string; session?: unknown}): string | undefined {
  return demo.location || demo.session ? undefined : 'Say where the demo was shown: pick its session, or name the booth.'
}

/** Readers who cannot see a photo get its alt text. Empty or blank text counts as missing. */
export function missingAltText(alt: string | undefined): string | undefined {
  return alt?.trim() ? undefined : 'Add alt text: describe the photo for readers who cannot see it.'
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

/** One finding on `field` when `problem` is set. */
const found = (field: string, problem: string | undefined, fix: string): Finding[] => (problem ? [finding(field, problem, fix)] : [])

const FIELD_CHECKS: Record<string, (document: Doc) => Finding[]> = {
  photo: (photo) => found('alt', missingAltText(text(photo.alt)), 'Write the alt text in the Studio and publish again.'),
  session: (session) =>
    found(
      'guid',
      session.guid === undefined ? undefined : badCalendarId(text(session.guid) ?? String(session.guid)),
      'Recreate the session in the Studio.',
    ),
  demo: (demo) =>
    found(
      'location',
      demoWithoutPlace({location: text(demo.location), session: demo.session}),
      'Pick the demo’s session or name its booth in the Studio.',
    ),
}

export const buildRules: BuildRule[] = [
  {name: 'field the Studio requires', types: Object.keys(FIELD_CHECKS), check: (document) => FIELD_CHECKS[document._type]!(document)},
]
