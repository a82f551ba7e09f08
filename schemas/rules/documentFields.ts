// Checks on single fields of sessions, demos and photos. Pure: the Studio and the build call the same function.

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
