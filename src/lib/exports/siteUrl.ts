// Absolute addresses for files that leave the site: calendars, feeds, schedules and structured data.

export const DEFAULT_SITE_URL = 'http://localhost:4321'

/** Astro's `context.site`, or the local preview address when no SITE_URL was configured. */
export function siteUrlOf(site: URL | undefined): URL {
  return site ?? new URL(DEFAULT_SITE_URL)
}

/** A path from paths.ts made absolute against the site. */
export function absoluteUrl(path: string, site: URL): string {
  return new URL(path, site).href
}
