// The one definition of a page address part (a slug), shared by the Studio, the build and the static server.
//
// A slug is letters, digits and underscores of any script, joined by single hyphens. It is published in
// Unicode NFC, so a link, the file on disk, the sitemap entry and the server's lookup all use the same bytes.
// Two slugs that differ only in case or normalisation count as the same address.
import type {SlugRule} from 'sanity'
import {photoSlug} from '../../core/paths.ts'
import {finding, objectAt, refOf, type BuildRule, type Dataset, type Doc} from './types.ts'

/** Bytes a slug may take in UTF-8: well inside the 255-byte file name limit of common file systems. */
export const SLUG_MAX_BYTES = 120

const SLUG = /^[\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*(?:-[\p{L}\p{M}\p{N}_]+)*$/u

/** The published form of a slug: NFC. */
export function normalizeSlug(slug: string): string {
  return slug.normalize('NFC')
}

/** The form two slugs are compared in: NFC, lower case, so "Café" and "cafe\u0301" clash. */
export function slugKey(slug: string): string {
  return normalizeSlug(slug).toLowerCase().normalize('NFC')
}

/** What is wrong with a slug, in words an editor can act on, or null when it is fine. */
export function slugProblem(slug: unknown): string | null {
  if (typeof slug !== 'string' || slug === '') return 'The slug is missing. Generate it from the title.'
  const value = normalizeSlug(slug)
  if (!SLUG.test(value)) {
    return `The slug "${slug}" may only contain letters, digits and underscores, with single hyphens between them. Generate it again from the title.`
  }
  const bytes = new TextEncoder().encode(value).length
  if (bytes > SLUG_MAX_BYTES) {
    return `The slug is ${bytes} bytes long, too long for a file name. Shorten it to at most ${SLUG_MAX_BYTES} bytes (about ${Math.floor(SLUG_MAX_BYTES / 3)} non-Latin or ${SLUG_MAX_BYTES} Latin letters).`
  }
  return null
}

/** The Studio's slug validation: required and within the definition above. */
export function validSlug(rule: SlugRule) {
  return rule.required().custom((value) => (value?.current === undefined ? true : (slugProblem(value.current) ?? true)))
}

// ---------------------------------------------------------------------------------------------------------------
// The same rules, enforced by the build

const PAGE_TYPES = ['event', 'session', 'demo', 'topic']

/** The slug a document is published under: its slug field, or for a photo its id without "photo.". */
export function publishedSlug(document: Doc): unknown {
  if (document._type === 'photo') return photoSlug(document._id)
  return objectAt(document.slug)?.current
}

/** Documents of one type grouped by a scope (an event, or the whole site) and slug key; the smallest _id wins. */
export function slugOwner(dataset: Dataset, document: Doc, scope: string): Doc | undefined {
  const owners = dataset.index(`slug-owners:${document._type}`, (documents) => {
    const map = new Map<string, Doc>()
    const sorted = documents.filter((doc) => doc._type === document._type).toSorted((a, b) => (a._id < b._id ? -1 : 1))
    for (const doc of sorted) {
      const slug = publishedSlug(doc)
      const key = `${doc._type === 'event' || doc._type === 'topic' ? '' : refOf(doc.event)}\0${typeof slug === 'string' ? slugKey(slug) : ''}`
      if (!map.has(key)) map.set(key, doc)
    }
    return map
  })
  const slug = publishedSlug(document)
  return owners.get(`${scope}\0${typeof slug === 'string' ? slugKey(slug) : ''}`)
}

export const buildRules: BuildRule[] = [
  {
    name: 'slug',
    types: [...PAGE_TYPES, 'photo'],
    check(document) {
      const problem = slugProblem(publishedSlug(document))
      if (!problem) return []
      if (document._type === 'photo') {
        return [finding('_id', problem.replace('The slug', 'The photo id'), 'Recreate the photo: its id gives its page address.')]
      }
      return [finding('slug', problem, 'Open the document in the Studio and generate the slug again.')]
    },
  },
  {
    name: 'unique address',
    compares: true,
    types: ['event', 'topic'],
    check(document, dataset) {
      const owner = slugOwner(dataset, document, '')
      return owner && owner !== document
        ? [
            finding(
              'slug',
              `The ${document._type} ${owner._id} already uses this address (slugs differing only in case or accents count as the same).`,
              'Give this document a different slug.',
            ),
          ]
        : []
    },
  },
]
