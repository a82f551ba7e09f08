// The build's gate: every rule in schemas/rules/ runs against every published document before a page renders.
// A document that breaks one is left out and the rest publishes; whatever pointed at it then sees a deleted
// document. Leaving a document out can break another (a session whose event is gone), so the rules run again
// over what is left until nothing more falls out. A rule the Studio shows as a warning (`warns`) leaves nothing
// out: it runs once over what is published, and its findings go to the build log as warnings. Before any of
// that, broken links and claims are taken out of their documents (drop.ts), so they cost only themselves.
import {buildRules} from '../../../schemas/rules/index.ts'
import type {BuildRule, Dataset, Doc, Finding} from '../../../schemas/rules/types.ts'
import {dropBroken} from './drop.ts'

/** One finding about one document, as the build log and /api/status show it. */
export type LeftOut = {
  id: string
  type: string
  title: string | null
  field: string
  rule: string
  problem: string
  fix: string
  kind?: 'dropped'
}
/** A finding of a warning rule: the document is published all the same. */
export type Warning = LeftOut

function dataset(documents: readonly Doc[]): Dataset {
  const byId = new Map<string, Doc>()
  for (const document of documents) if (!byId.has(document._id)) byId.set(document._id, document)
  const indexes = new Map<string, unknown>()
  return {
    documents,
    byId,
    index<T>(name: string, build: (documents: readonly Doc[]) => T): T {
      if (!indexes.has(name)) indexes.set(name, build(documents))
      return indexes.get(name) as T
    },
  }
}

function rulesByType(rules: readonly BuildRule[]): (type: string) => readonly BuildRule[] {
  const cache = new Map<string, BuildRule[]>()
  return (type) => {
    let list = cache.get(type)
    if (!list) {
      list = rules.filter((rule) => rule.types.includes(type) || rule.types.includes('*'))
      cache.set(type, list)
    }
    return list
  }
}

/** A rule that throws on strange input still leaves the document out, with a message. */
function safeCheck(rule: BuildRule, document: Doc, data: Dataset): Finding[] {
  try {
    return rule.check(document, data)
  } catch (error) {
    return [
      {
        field: '(document)',
        problem: `The content could not be checked (${(error as Error).message}).`,
        fix: 'Open the document in the Studio and publish it again.',
      },
    ]
  }
}

function entryOf(document: Doc, rule: string, found: Finding): LeftOut {
  const title = typeof document.title === 'string' ? document.title.slice(0, 120) : null
  return {id: document._id, type: document._type, title, rule, ...found}
}

/** Documents without their broken links and claims, and an entry (kind "dropped") for each removal. */
function dropAll(documents: readonly Doc[]): {kept: Doc[]; dropped: LeftOut[]} {
  const dropped: LeftOut[] = []
  const kept = documents.map((document) => {
    const result = dropBroken(document)
    for (const {rule, ...found} of result.findings) dropped.push({...entryOf(document, rule, found), kind: 'dropped'})
    return result.document
  })
  return {kept, dropped}
}

/** The findings of every document that breaks a rule, checked against the others in `documents`. */
function checkAll(documents: readonly Doc[], forType: (type: string) => readonly BuildRule[]) {
  const data = dataset(documents)
  const findings = new Map<Doc, LeftOut[]>()
  for (const document of documents) {
    for (const rule of forType(document._type)) {
      for (const found of safeCheck(rule, document, data)) {
        const list = findings.get(document) ?? []
        list.push(entryOf(document, rule.name, found))
        findings.set(document, list)
      }
    }
  }
  return findings
}

/** Leaves out what fails `rules`, again and again, until what is left passes them all. */
function settle(documents: Doc[], forType: (type: string) => readonly BuildRule[], leftOut: Map<Doc, LeftOut[]>): Doc[] {
  let kept = documents
  for (;;) {
    const failed = checkAll(kept, forType)
    if (failed.size === 0) return kept
    for (const [document, findings] of failed) leftOut.set(document, findings)
    kept = kept.filter((document) => !failed.has(document))
  }
}

/**
 * Splits published documents into those that pass every rule and the findings for those that do not.
 * Rules that compare documents with each other (two documents, one address) run once the others have
 * settled, so a document is never refused for clashing with one that is left out anyway.
 */
export function enforceRules(
  documents: readonly Doc[],
  rules: readonly BuildRule[] = buildRules,
): {published: Doc[]; leftOut: LeftOut[]; dropped: LeftOut[]; warnings: Warning[]} {
  const leftOut = new Map<Doc, LeftOut[]>()
  const errors = rules.filter((rule) => !rule.warns)
  const {kept, dropped} = dropAll(documents)
  const settled = settle(kept, rulesByType(errors.filter((rule) => !rule.compares)), leftOut)
  const published = settle(settled, rulesByType(errors), leftOut)
  const warnings = [...checkAll(published, rulesByType(rules.filter((rule) => rule.warns))).values()].flat()
  const survivors = new Set(published.map((document) => document._id))
  // A removal from a document that is left out anyway is not worth a second line.
  const reported = byId(dropped.filter((entry) => survivors.has(entry.id)))
  return {published, leftOut: byId([...leftOut.values()].flat()), dropped: reported, warnings: byId(warnings)}
}

const byId = <T extends {id: string}>(entries: T[]) => entries.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const describe = (entry: LeftOut) =>
  `${entry.type} ${entry.id}${entry.title ? ` ("${entry.title}")` : ''}: ${entry.field}: ${entry.problem} Fix: ${entry.fix} (rule: ${entry.rule})`

/** One line per finding for the build log: document, field, rule and fix. */
export function describeLeftOut(entry: LeftOut): string {
  return entry.kind === 'dropped' ? describeDropped(entry) : `Left out ${describe(entry)}`
}

/** One line per removal for the build log; the document is published without the removed part. */
export function describeDropped(entry: LeftOut): string {
  return `Warning, dropped from ${describe(entry)}`
}

/** One line per warning for the build log; the document is published. */
export function describeWarning(entry: Warning): string {
  return `Warning, published anyway: ${describe(entry)}`
}
