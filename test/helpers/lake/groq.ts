// GROQ for the Content Lake stand-in: groq-js over the stored documents, seen through a perspective.
import {evaluate, parse, type ExprNode} from 'groq-js'
import type {Doc} from './store.ts'

/**
 * The Studio's document lists and searches filter with `text::query()`, which groq-js parses but does not
 * evaluate. Inside `match` it becomes its plain search string; on its own, a filter that keeps everything.
 */
function withoutTextQuery(node: unknown, insideMatch = false): unknown {
  if (Array.isArray(node)) return node.map((child) => withoutTextQuery(child, insideMatch))
  if (!node || typeof node !== 'object') return node
  const expr = node as ExprNode & {namespace?: string; name?: string; args?: ExprNode[]}
  if (expr.type === 'FuncCall' && expr.namespace === 'text' && expr.name === 'query') {
    const search = expr.args?.[0]
    return insideMatch && search ? search : {type: 'Value', value: true}
  }
  const isMatch = expr.type === 'OpCall' && (expr as {op?: string}).op === 'match'
  return Object.fromEntries(Object.entries(expr).map(([key, child]) => [key, withoutTextQuery(child, isMatch)]))
}

/** Drafts over published documents, under the published id, as the `drafts` perspective shows them. */
function draftsFirst(documents: Doc[]): Doc[] {
  const byId = new Map<string, Doc>()
  for (const doc of documents) {
    if (doc._id.startsWith('versions.')) continue
    const id = doc._id.replace(/^drafts\./, '')
    if (doc._id.startsWith('drafts.') || !byId.has(id)) byId.set(id, {...doc, _id: id, _originalId: doc._id})
  }
  return [...byId.values()]
}

export function inPerspective(documents: Doc[], perspective: string | null | undefined): Doc[] {
  if (perspective === 'published') return documents.filter((doc) => !/^(drafts|versions)\./.test(doc._id))
  if (perspective === 'drafts' || perspective === 'previewDrafts') return draftsFirst(documents)
  return documents // raw
}

export async function runQuery(
  documents: Doc[],
  query: string,
  params: Record<string, unknown>,
  perspective?: string | null,
): Promise<unknown> {
  const tree = withoutTextQuery(parse(query, {params})) as ExprNode
  return (await evaluate(tree, {dataset: inPerspective(documents, perspective), params})).get()
}

/** Whether a listener's query (a filter such as `*[_type == "session" && event._ref == $id]`) selects `doc`. */
export async function listenerSees(query: string, params: Record<string, unknown>, doc: Doc | null): Promise<boolean> {
  if (!doc) return false
  const result = await runQuery([doc], query, params)
  return Array.isArray(result) ? result.length > 0 : Boolean(result)
}

/** `$name=<json>` search parameters, as @sanity/client encodes GROQ parameters in a URL. */
export function paramsOf(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
  return params
}
