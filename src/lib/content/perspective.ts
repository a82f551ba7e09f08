import type {RawDocument} from './ndjson.ts'

export type Perspective = 'published' | 'drafts'

/** True for drafts and release versions, which the published perspective leaves out. */
export function isUnpublished(id: string): boolean {
  return id.startsWith('drafts.') || id.startsWith('versions.')
}

/**
 * The documents a query sees under a perspective, with the Content Lake's semantics:
 * `published` drops drafts and versions; `drafts` lays each `drafts.` document over its published
 * version under the published id (keeping `_originalId`), and still drops release versions.
 */
export function applyPerspective(documents: RawDocument[], perspective: Perspective): RawDocument[] {
  if (perspective === 'published') return documents.filter((document) => !isUnpublished(document._id))
  const drafts = new Map<string, RawDocument>()
  for (const document of documents) {
    if (document._id.startsWith('drafts.')) drafts.set(document._id.slice('drafts.'.length), document)
  }
  const seen = new Set<string>()
  const view: RawDocument[] = []
  for (const document of documents) {
    if (document._id.startsWith('versions.')) continue
    const id = document._id.startsWith('drafts.') ? document._id.slice('drafts.'.length) : document._id
    if (seen.has(id)) continue
    seen.add(id)
    const chosen = drafts.get(id) ?? document
    view.push({...chosen, _id: id, _originalId: chosen._id})
  }
  return view
}
