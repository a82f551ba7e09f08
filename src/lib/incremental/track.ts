// Rules for code that reads the content graph while a page renders:
// - Every read must go through the tracked graph. Reads the tracker cannot see (iterating a Map)
//   throw; use `get(id)` or the graph's lists.
// - No module-level memo may hold graph data across pages: a page served from such a memo reads
//   nothing through the graph, so it would not be rendered again when those documents change.
//   Module-level caches may hold only values that depend on their key alone (time zone offsets,
//   formatters, image facts keyed by file).
// Which documents a page reads while it renders. The content graph is handed out wrapped in
// proxies; while a page renders, every property read on a document (or on anything inside it)
// notes that document's `_id`. Reading `_id` itself notes nothing: a document's identity never
// changes, and lookups such as `find((session) => session._id === id)` touch every candidate.
// Content inside a document with no document below it (rich text, image fields) is handed out as
// it is: reading the field that leads to it has already noted its document (and content handed to
// a page as props is part of its cache key). Wrapping every block and span of rich text made
// tracking a tenth of the render time. Which objects lead to documents is worked out once, when
// the graph is built, over enumerable fields and Map values: the graph must not change after that.
// Pages may render concurrently: each render notes its reads in its own async context.
import {AsyncLocalStorage} from 'node:async_hooks'

const proxies = new WeakMap<object, object>()
const targets = new WeakMap<object, object>()
let nodes = new WeakSet<object>()
// Objects other than documents with a document somewhere inside: these must stay wrapped.
let holders = new WeakSet<object>()
const reading = new AsyncLocalStorage<Set<string>>()

/** Marks the graph's documents, so reads inside them are noted under their `_id`. */
export function trackDocuments(graph: object, documents: {_id: string}[]): void {
  nodes = new WeakSet(documents)
  holders = new WeakSet()
  const seen = new Map<object, boolean | 'walking'>()
  for (const value of [graph, ...documents]) holdsDocuments(value, seen)
}

/** True when a document is reachable from `value` through objects that are not documents. */
function holdsDocuments(value: object, seen: Map<object, boolean | 'walking'>): boolean {
  const known = seen.get(value)
  // An object met again while its own walk is still going is part of a cycle: kept wrapped, to be safe.
  if (known !== undefined) return known !== false
  seen.set(value, 'walking')
  let holds = false
  for (const child of value instanceof Map ? value.values() : Object.values(value)) {
    if (child && typeof child === 'object' && (nodes.has(child) || holdsDocuments(child, seen))) holds = true
  }
  seen.set(value, holds)
  if (holds) holders.add(value)
  return holds
}

/** The object behind a tracked proxy (the value itself when it is not one). */
export function untracked<T>(value: T): T {
  return ((value && typeof value === 'object' && targets.get(value)) || value) as T
}

export function isDocument(value: unknown): value is {_id: string} {
  return Boolean(value && typeof value === 'object' && nodes.has(untracked(value)))
}

/** Wraps a value so that reads through it are noted; `owner` is the document it belongs to. */
export function tracked<T>(value: T, owner: string | null = null): T {
  if (!value || typeof value !== 'object') return value
  const target = untracked(value) as object
  if (!nodes.has(target) && !holders.has(target)) return target as T
  const known = proxies.get(target)
  if (known) return known as T
  const self = nodes.has(target) ? (target as {_id: string})._id : owner
  const note = (key: string | symbol) => {
    if (self !== null && key !== '_id') reading.getStore()?.add(self)
  }
  const proxy = new Proxy(target, {
    get(object, key) {
      const result = Reflect.get(object, key)
      if (typeof key !== 'symbol') note(key)
      if (object instanceof Map && typeof result === 'function') return mapMethod(object, key, result, self)
      return typeof key === 'symbol' ? result : tracked(result, self)
    },
    has(object, key) {
      note(key)
      return Reflect.has(object, key)
    },
    ownKeys(object) {
      note('')
      return Reflect.ownKeys(object)
    },
  })
  proxies.set(target, proxy)
  targets.set(proxy, target)
  return proxy as T
}

// Iterating a Map hands out its values without passing them through `tracked`: those reads would
// go unnoted, so a page could show a document and not be rendered again when it changes.
const UNSEEN = new Set<string | symbol>(['forEach', 'values', 'entries', 'keys', Symbol.iterator])

/** A method of a tracked Map: `get` hands out tracked values, iteration throws (see UNSEEN). */
function mapMethod(map: Map<unknown, unknown>, key: string | symbol, method: (...args: unknown[]) => unknown, self: string | null) {
  if (UNSEEN.has(key)) return () => unseenRead(key)
  return key === 'get' ? (id: unknown) => tracked(map.get(id), self) : method.bind(map)
}

function unseenRead(key: string | symbol): never {
  const method = typeof key === 'symbol' ? 'for…of or spreading ([...map])' : `${key}()`
  throw new Error(
    `A tracked Map of the content graph was read with ${method}, which hands out documents without noting them, so the page would not be rendered again when they change. Look each one up with get(id), or iterate one of the graph's lists (site.sessions, site.events, …) instead.`,
  )
}

/** Runs `render` and returns the ids of the documents read while it ran. */
export async function recordReads<T>(render: () => Promise<T>): Promise<{result: T; read: Set<string>}> {
  const read = new Set<string>()
  return {result: await reading.run(read, render), read}
}
