// Loads datasets through the same query and linking the build uses.
import {fileURLToPath} from 'node:url'
import {embeddedSource} from '../../src/lib/content/source.ts'
import {SITE_QUERY} from '../../src/lib/queries.ts'
import {buildSite, type Site} from '../../src/lib/site.ts'
import type {SITE_QUERY_RESULT} from '../../src/lib/sanity.types.ts'

const root = new URL('../../', import.meta.url)

export const SITE = new URL('https://recap.example/')

export async function loadDataset(file: string): Promise<Site> {
  const raw = await embeddedSource(fileURLToPath(new URL(file, root))).fetch<SITE_QUERY_RESULT>(SITE_QUERY)
  return buildSite(raw, 1)
}

/** The shipped sample: OpenStack Summit Barcelona 2016. */
export const loadSample = () => loadDataset('dataset/production.ndjson')

/** A Madrid weekend across the end of summer time on 30 October 2016, with a long non-ASCII title. */
export const loadWeekend = () => loadDataset('test/fixtures/exports/dst-weekend.ndjson')

export function sessionBySlug(site: Site, slug: string) {
  const session = site.sessions.find((candidate) => candidate.slug === slug)
  if (!session) throw new Error(`No session ${slug}`)
  return session
}
