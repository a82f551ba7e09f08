// A mistake costs the smallest thing that holds it: a broken link, a bad links entry or a bad claim is
// taken out of its document, which then publishes without it. Each removal is reported as a Finding.
import {hasScheme} from '../../../schemas/rules/urls.ts'
import {listProblem} from '../../../schemas/rules/values.ts'
import {finding, itemsOf, objectAt, type Doc, type Finding} from '../../../schemas/rules/types.ts'
import {CLAIM_STATUSES, LINK_KINDS} from '../../../schemas/vocabulary.ts'

const RICH_TEXT_SCHEMES = ['http', 'https', 'mailto']
const WEB = ['http', 'https']
const LINK_FIX = 'Open the link in the Studio and give it a web or e-mail address, or remove it.'

/** What was taken out, and under which rule of schemas/rules/. */
export type DropFinding = Finding & {rule: string}
type Dropped = {document: Doc; findings: DropFinding[]}

/** A block without its broken link annotations: the linked text stays, as plain text. */
function cleanBlock(block: unknown, path: string, findings: DropFinding[]): unknown {
  const object = objectAt(block)
  if (!object || !Array.isArray(object.markDefs)) return block
  const bad = new Set<unknown>()
  for (const {path: markPath, item} of itemsOf({_id: '', _type: '', markDefs: object.markDefs}, 'markDefs')) {
    if (item._type !== 'link' || hasScheme(item.href, RICH_TEXT_SCHEMES)) continue
    bad.add(item._key)
    findings.push({
      rule: 'valid link',
      ...finding(
        `${path}.${markPath}.href`,
        `The link "${String(item.href ?? '')}" is not a web or e-mail address; its text is shown without the link.`,
        LINK_FIX,
      ),
    })
  }
  if (bad.size === 0) return block
  const children = Array.isArray(object.children)
    ? object.children.map((child) => {
        const span = objectAt(child)
        return span && Array.isArray(span.marks) ? {...span, marks: span.marks.filter((mark) => !bad.has(mark))} : child
      })
    : object.children
  return {...object, markDefs: object.markDefs.filter((mark) => !bad.has(objectAt(mark)?._key)), children}
}

function cleanRichText(blocks: unknown, path: string, findings: DropFinding[]): unknown {
  if (!Array.isArray(blocks)) return blocks
  return blocks.map((block, index) => {
    const key = objectAt(block)?._key
    return cleanBlock(block, `${path}${typeof key === 'string' ? `[_key=="${key}"]` : `[${index}]`}`, findings)
  })
}

/** Why a links entry cannot be shown, or null. */
function linkProblem(link: Record<string, unknown>): string | null {
  if (!hasScheme(link.url, WEB)) return `The link "${String(link.url ?? '')}" is not a web address; it is not shown.`
  return listProblem(link.kind, LINK_KINDS)
}

/** Why a claim cannot be shown, or null. */
function claimProblem(claim: Record<string, unknown>): string | null {
  const status = listProblem(claim.status, CLAIM_STATUSES)
  if (status) return `${status} The claim is not shown.`
  const url = claim.sourceUrl
  return url === undefined || url === null || hasScheme(url, WEB) ? null : `"${String(url)}" is not a web address; the claim is not shown.`
}

/** `field` without the items `problem` refuses, each reported. */
function dropItems(
  document: Doc,
  field: string,
  problem: (item: Record<string, unknown>) => string | null,
  fix: string,
  findings: DropFinding[],
): unknown {
  const rule = field === 'claims' ? 'valid claim' : 'valid link'
  const list = document[field]
  if (!Array.isArray(list)) return list
  const bad = new Set<unknown>()
  for (const {path, item} of itemsOf(document, field)) {
    const why = problem(item)
    if (!why) continue
    bad.add(item)
    findings.push({rule, ...finding(path, why, fix)})
  }
  return bad.size ? list.filter((item) => !bad.has(item)) : list
}

function dropFromDays(days: unknown, findings: DropFinding[]): unknown {
  if (!Array.isArray(days)) return days
  return days.map((day, index) => {
    const object = objectAt(day)
    if (!object || object.recap === undefined) return day
    const key = typeof object._key === 'string' ? `[_key=="${object._key}"]` : `[${index}]`
    return {...object, recap: cleanRichText(object.recap, `days${key}.recap`, findings)}
  })
}

/** `document` with its broken links and claims taken out, and a finding for each. */
export function dropBroken(document: Doc): Dropped {
  const findings: DropFinding[] = []
  const copy: Doc = {...document}
  if (Array.isArray(document.days)) copy.days = dropFromDays(document.days, findings)
  for (const field of ['notes', 'description'])
    if (Array.isArray(document[field])) copy[field] = cleanRichText(document[field], field, findings)
  if (Array.isArray(document.links))
    copy.links = dropItems(document, 'links', linkProblem, 'Give the link a web address and a kind in the Studio, or remove it.', findings)
  if (Array.isArray(document.claims))
    copy.claims = dropItems(document, 'claims', claimProblem, 'Fix the claim’s status and source in the Studio, or remove it.', findings)
  return {document: findings.length ? copy : document, findings}
}
