// One representative page per template, found by its path in a build, so the bench follows the
// site's routes instead of hard-coding pages. The first match in natural order is taken.
import {listFiles} from './files.ts'

export const TEMPLATES = ['home', 'event', 'day', 'session', 'demo', 'photo', 'topic', 'search'] as const
export type Template = (typeof TEMPLATES)[number]

/** Templates that must ship no JavaScript. */
export const CONTENT_TEMPLATES = TEMPLATES.filter((template) => template !== 'search')

const PATTERNS: Record<Template, RegExp> = {
  home: /^index\.html$/,
  // Numbered folders are pagination (events/2/, photos/2/), not an event or a photo.
  event: /^events\/(?!\d+\/)[^/]+\/index\.html$/,
  day: /^events\/[^/]+\/day-[^/]+\/index\.html$/,
  session: /^events\/[^/]+\/sessions\/[^/]+\/index\.html$/,
  demo: /^events\/[^/]+\/demos\/[^/]+\/index\.html$/,
  photo: /^events\/[^/]+\/photos\/(?!\d+\/)[^/]+\/index\.html$/,
  topic: /^topics\/[^/]+\/index\.html$/,
  search: /^search\/index\.html$/,
}

const natural = new Intl.Collator('en', {numeric: true})

/** Template → the page's URL path (e.g. /events/summit-0/) for every template the build has. */
export async function templatePages(siteDir: string): Promise<Partial<Record<Template, string>>> {
  const html = (await listFiles(siteDir)).filter((file) => file.endsWith('.html')).sort(natural.compare)
  const found: Partial<Record<Template, string>> = {}
  for (const template of TEMPLATES) {
    const file = html.find((name) => PATTERNS[template].test(name))
    if (file) found[template] = `/${file.replace(/index\.html$/, '')}`
  }
  return found
}
