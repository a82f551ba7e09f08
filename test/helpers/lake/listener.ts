// The Content Lake's listener (/data/listen) for the stand-in: Server-Sent Events, a `welcome` first, then one
// `mutation` event per changed document that the listener's query selects, before or after the change.
import {randomUUID} from 'node:crypto'
import {listenerSees, paramsOf} from './groq.ts'
import type {Change, DocumentStore, Transaction} from './store.ts'

export type EventStream = (send: (chunk: string) => void) => () => void

type Listener = {query: string; params: Record<string, unknown>; withResult: boolean; withPrevious: boolean; visibility: string}
type Seen = {change: Change; transition: 'appear' | 'update' | 'disappear'}

function listenerOf(url: URL): Listener {
  return {
    query: url.searchParams.get('query') ?? '',
    params: paramsOf(url.searchParams),
    withResult: url.searchParams.get('includeResult') !== 'false',
    withPrevious: url.searchParams.get('includePreviousRevision') === 'true',
    visibility: url.searchParams.get('visibility') ?? 'query',
  }
}

async function seenBy(listener: Listener, transaction: Transaction): Promise<Seen[]> {
  const seen: Seen[] = []
  for (const change of transaction.changes) {
    const before = await listenerSees(listener.query, listener.params, change.before)
    const after = await listenerSees(listener.query, listener.params, change.after)
    if (before || after) seen.push({change, transition: !before ? 'appear' : !after ? 'disappear' : 'update'})
  }
  return seen
}

/** The event as the Content Lake words it; `effects` is a Mendoza patch that sets the whole document. */
function mutationEvent(listener: Listener, transaction: Transaction, {change, transition}: Seen, index: number, total: number) {
  return {
    type: 'mutation',
    eventId: `${transaction.transactionId}#${change.id}`,
    documentId: change.id,
    transactionId: transaction.transactionId,
    transition,
    identity: 'p-editor',
    mutations: [change.after ? {createOrReplace: change.after} : {delete: {id: change.id}}],
    previousRev: change.before?._rev,
    resultRev: transaction.transactionId,
    timestamp: transaction.timestamp,
    visibility: listener.visibility,
    effects: {apply: [0, change.after], revert: [0, change.before]},
    transactionTotalEvents: total,
    transactionCurrentEvent: index + 1,
    ...(listener.withResult && change.after ? {result: change.after} : {}),
    ...(listener.withPrevious ? {previous: change.before} : {}),
  }
}

/** A listener on the store, as an event stream the HTTP adapter writes out. Transactions go out in order. */
export function listen(store: DocumentStore, url: URL): EventStream {
  const listener = listenerOf(url)
  return (send) => {
    send(`event: welcome\ndata: ${JSON.stringify({listenerName: randomUUID()})}\n\n`)
    let queue = Promise.resolve()
    const unsubscribe = store.subscribe((transaction) => {
      queue = queue.then(async () => {
        const seen = await seenBy(listener, transaction)
        for (const [index, item] of seen.entries()) {
          const event = mutationEvent(listener, transaction, item, index, seen.length)
          send(`event: mutation\nid: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`)
        }
      })
    })
    const keepAlive = setInterval(() => send(':\n\n'), 15_000)
    return () => {
      clearInterval(keepAlive)
      unsubscribe()
    }
  }
}
