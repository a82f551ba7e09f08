// What a rule the build enforces looks like. Each module in schemas/rules/ that the Studio uses also exports
// `buildRules`, the same checks as pure functions over published documents, and schemas/rules/index.ts lists
// them; test/schema/build-rules.test.ts fails when a rule module is missing from that list.

/** A document as stored: the build checks it before anything reads its fields. */
export type Doc = {_id: string; _type: string; [field: string]: unknown}

/** One broken rule: where, what is wrong and what to do, in words an editor understands. */
export type Finding = {field: string; problem: string; fix: string}

/** The documents being published, with lazily built lookups shared by all rules. */
export interface Dataset {
  readonly documents: readonly Doc[]
  readonly byId: ReadonlyMap<string, Doc>
  /** A lookup built once per check run, e.g. documents by slug. */
  index<T>(name: string, build: (documents: readonly Doc[]) => T): T
}

export type BuildRule = {
  /** Short name shown in the build log and /api/status, e.g. "session ends after it starts". */
  name: string
  /** Document types the rule applies to. */
  types: readonly string[]
  /** True for a rule that compares documents with each other (one address, two documents). */
  compares?: boolean
  /** True for a rule the Studio shows as a warning: the build reports the finding and still publishes the document. */
  warns?: boolean
  check(document: Doc, dataset: Dataset): Finding[]
}

/** The `_ref` of a reference field, or undefined. */
export function refOf(value: unknown): string | undefined {
  const ref = (value as {_ref?: unknown} | null | undefined)?._ref
  return typeof ref === 'string' ? ref : undefined
}

/** The object at `value` when it is a plain object, else undefined. */
export function objectAt(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** Items of an array field with their `_key`, for field paths like links[_key=="a"].url. */
export function itemsOf(document: Doc, field: string): {path: string; item: Record<string, unknown>}[] {
  const list = document[field]
  if (!Array.isArray(list)) return []
  return list.flatMap((item, index) => {
    const object = objectAt(item)
    if (!object) return []
    const key = typeof object._key === 'string' ? `[_key=="${object._key}"]` : `[${index}]`
    return [{path: `${field}${key}`, item: object}]
  })
}

export const finding = (field: string, problem: string, fix: string): Finding => ({field, problem, fix})
