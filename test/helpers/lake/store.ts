// The documents of a Content Lake stand-in, and the document actions the Studio sends to change them.
// Every change goes through one transaction: revisions are checked first (409, as the Content Lake answers),
// then documents get a new `_rev` and `_updatedAt`, and listeners hear of every document that changed.
import {randomUUID} from 'node:crypto'
import {Mutation} from '@sanity/mutator'

export type Doc = {_id: string; _type: string; _rev?: string; _updatedAt?: string; [field: string]: unknown}

/** An error the Content Lake would answer with: an HTTP status and its description. */
export class LakeError extends Error {
  readonly status: number
  readonly type: string
  constructor(status: number, message: string, type = 'mutationError') {
    super(message)
    this.status = status
    this.type = type
  }
}

export type Change = {id: string; before: Doc | null; after: Doc | null}
export type Transaction = {transactionId: string; timestamp: string; changes: Change[]}

type Action = {actionType: string; [key: string]: unknown}
type Patch = {ifRevisionID?: string; [operation: string]: unknown}

const draftOf = (id: string) => `drafts.${id.replace(/^drafts\./, '')}`

export class DocumentStore {
  readonly documents = new Map<string, Doc>()
  private subscribers = new Set<(transaction: Transaction) => void>()

  constructor(seed: Doc[] = []) {
    for (const document of seed) this.documents.set(document._id, {...document, _rev: randomUUID().slice(0, 22)})
  }

  get(id: string): Doc | null {
    return this.documents.get(id) ?? null
  }

  all(): Doc[] {
    return [...this.documents.values()]
  }

  subscribe(listener: (transaction: Transaction) => void): () => void {
    this.subscribers.add(listener)
    return () => void this.subscribers.delete(listener)
  }

  /** Applies the actions as one transaction; nothing changes if any of them fails. */
  applyActions(actions: Action[], transactionId: string = randomUUID()): Transaction {
    const staged = new Map<string, Doc | null>()
    const read = (id: string) => (staged.has(id) ? staged.get(id)! : this.get(id))
    for (const action of actions) {
      const run = ACTIONS[action.actionType]
      if (!run) throw new LakeError(400, `Unknown action type "${action.actionType}"`, 'validationError')
      run(action, read, (id, doc) => void staged.set(id, doc))
    }
    this.refuseDanglingReferences(staged)
    return this.commit(staged, transactionId)
  }

  /** Stores an asset (or any document) created outside the actions API, as an upload does. */
  put(document: Doc): Transaction {
    return this.commit(new Map([[document._id, document]]), randomUUID())
  }

  /** Deleting a document that others still refer to strongly fails, as on the Content Lake. */
  private refuseDanglingReferences(staged: Map<string, Doc | null>) {
    const deleted = [...staged].filter(([id, doc]) => !doc && this.documents.has(id)).map(([id]) => id)
    const after = [...new Map([...this.documents, ...staged]).values()].filter((doc): doc is Doc => !!doc)
    for (const id of deleted) {
      const referrers = strongReferrers(after, id)
      if (referrers.length === 0) continue
      throw new LakeError(
        409,
        `Document "${id}" cannot be deleted as there are references to it from "${referrers.join('", "')}"`,
        'documentHasExistingReferencesError',
      )
    }
  }

  private commit(staged: Map<string, Doc | null>, transactionId: string): Transaction {
    const timestamp = new Date().toISOString()
    const changes: Change[] = []
    for (const [id, next] of staged) {
      const before = this.get(id)
      if (!before && !next) continue
      const after = next && {...next, _id: id, _rev: transactionId, _updatedAt: timestamp, _createdAt: next._createdAt ?? timestamp}
      if (after) this.documents.set(id, after)
      else this.documents.delete(id)
      changes.push({id, before, after})
    }
    const transaction = {transactionId, timestamp, changes}
    for (const subscriber of this.subscribers) subscriber(transaction)
    return transaction
  }
}

type Read = (id: string) => Doc | null
type Write = (id: string, doc: Doc | null) => void

function expectRevision(doc: Doc | null, revision: unknown, id: string) {
  if (typeof revision !== 'string' || !revision) return
  if (doc?._rev !== revision) {
    throw new LakeError(409, `Document "${id}" has unexpected revision ID ("${doc?._rev ?? 'none'}"), expected "${revision}"`)
  }
}

function existing(read: Read, id: string): Doc {
  const doc = read(id)
  if (!doc) throw new LakeError(409, `Document "${id}" does not exist`)
  return doc
}

function applyPatch(doc: Doc, patch: Patch): Doc {
  const {ifRevisionID: _ignored, ...operations} = patch
  return new Mutation({mutations: [{patch: {...operations, id: doc._id}}]}).apply(structuredClone(doc)) as Doc
}

/** The documents that hold a strong reference to `target`. */
function strongReferrers(documents: Doc[], target: string): string[] {
  const refers = (value: unknown): boolean =>
    Array.isArray(value)
      ? value.some(refers)
      : !!value &&
        typeof value === 'object' &&
        (((value as {_ref?: string})._ref === target && !(value as {_weak?: boolean})._weak) || Object.values(value).some(refers))
  return documents.filter(refers).map((doc) => doc._id)
}

// What each action does, as https://www.sanity.io/docs/http-actions describes it.
const ACTIONS: Record<string, (action: Action, read: Read, write: Write) => void> = {
  'sanity.action.document.create'(action, read, write) {
    const attributes = action.attributes as Doc
    const id = attributes._id ?? draftOf(action.publishedId as string)
    if (read(id)) {
      if (action.ifExists === 'ignore') return
      throw new LakeError(409, `Document "${id}" already exists`)
    }
    write(id, {...attributes, _id: id})
  },
  'sanity.action.document.edit'(action, read, write) {
    const {draftId, publishedId} = action as unknown as {draftId: string; publishedId: string}
    const patch = action.patch as Patch
    const base = read(draftId) ?? read(publishedId)
    if (!base) throw new LakeError(409, `Cannot edit "${publishedId}": neither it nor its draft exists`)
    expectRevision(base, patch.ifRevisionID, base._id)
    write(draftId, applyPatch({...base, _id: draftId}, patch))
  },
  'sanity.action.document.replaceDraft'(action, read, write) {
    const attributes = action.attributes as Doc
    write(attributes._id ?? draftOf(action.publishedId as string), attributes)
  },
  'sanity.action.document.publish'(action, read, write) {
    const {draftId, publishedId} = action as unknown as {draftId: string; publishedId: string}
    const draft = existing(read, draftId)
    expectRevision(draft, action.ifDraftRevisionId, draftId)
    expectRevision(read(publishedId), action.ifPublishedRevisionId, publishedId)
    write(publishedId, {...draft, _id: publishedId})
    write(draftId, null)
  },
  'sanity.action.document.unpublish'(action, read, write) {
    const {draftId, publishedId} = action as unknown as {draftId: string; publishedId: string}
    const published = existing(read, publishedId)
    if (!read(draftId)) write(draftId, {...published, _id: draftId})
    write(publishedId, null)
  },
  'sanity.action.document.discard'(action, read, write) {
    const draftId = action.draftId as string
    existing(read, draftId)
    write(draftId, null)
  },
  'sanity.action.document.delete'(action, read, write) {
    const publishedId = action.publishedId as string
    const ids = [publishedId, ...((action.includeDrafts as string[] | undefined) ?? [])]
    if (!ids.some((id) => read(id))) throw new LakeError(409, `Document "${publishedId}" does not exist`)
    for (const id of ids) write(id, null)
  },
}
