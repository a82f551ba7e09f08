// Values the site can show: items from the fixed lists (the Studio checks them against each field's
// options.list), crops that stay inside the picture, rich text the renderer can nest. Imports and the API
// can send anything.
import {CLAIM_STATUSES, LINK_KINDS, SESSION_KINDS} from '../vocabulary.ts'
import {finding, itemsOf, objectAt, type BuildRule, type Doc, type Finding} from './types.ts'

type List = readonly {value: string; title: string}[]

/** Why `value` is not one of `list`, or null. */
export function listProblem(value: unknown, list: List): string | null {
  if (value === undefined || value === null) return null
  return list.some((item) => item.value === value)
    ? null
    : `"${String(value)}" is not one of ${list.map((item) => `"${item.value}"`).join(', ')}.`
}

/** Why an image crop or hotspot does not fit inside its picture, or null. */
export function cropProblem(image: unknown): string | null {
  const crop = objectAt(objectAt(image)?.crop)
  const hotspot = objectAt(objectAt(image)?.hotspot)
  const fraction = (value: unknown) => typeof value === 'number' && value >= 0 && value <= 1
  if (crop) {
    const {top, bottom, left, right} = crop
    if (![top, bottom, left, right].every(fraction)) return 'The crop has sides outside the picture.'
    if ((left as number) + (right as number) >= 1 || (top as number) + (bottom as number) >= 1)
      return 'The crop leaves nothing of the picture.'
  }
  if (hotspot && ![hotspot.x, hotspot.y, hotspot.width, hotspot.height].every(fraction)) return 'The hotspot lies outside the picture.'
  return null
}

/** Deepest list level the site renders; Portable Text editors offer far fewer. */
export const MAX_LIST_LEVEL = 10

/** Why a rich-text value nests deeper than the site renders, or null. */
export function nestingProblem(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return null
  const level = blocks
    .map((block) => objectAt(block)?.level)
    .find((value) => value !== undefined && !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_LIST_LEVEL))
  return level === undefined ? null : `A list is nested ${String(level)} levels deep; the site shows at most ${MAX_LIST_LEVEL}.`
}

function listFindings(document: Doc): Finding[] {
  const kind = document._type === 'session' ? listProblem(document.kind ?? null, SESSION_KINDS) : null
  const claims = itemsOf(document, 'claims').flatMap(({path, item}) => {
    const problem = listProblem(item.status, CLAIM_STATUSES)
    return problem ? [finding(`${path}.status`, problem, 'Pick the claim’s status again in the Studio.')] : []
  })
  const links = itemsOf(document, 'links').flatMap(({path, item}) => {
    const problem = listProblem(item.kind, LINK_KINDS)
    return problem ? [finding(`${path}.kind`, problem, 'Pick the link’s kind again in the Studio.')] : []
  })
  return [...(kind ? [finding('kind', kind, 'Pick the session’s kind again in the Studio.')] : []), ...claims, ...links]
}

function richTextOf(document: Doc): {path: string; blocks: unknown}[] {
  if (document._type === 'event') return itemsOf(document, 'days').map(({path, item}) => ({path: `${path}.recap`, blocks: item.recap}))
  return [
    {path: 'notes', blocks: document.notes},
    {path: 'description', blocks: document.description},
  ]
}

export const buildRules: BuildRule[] = [
  {name: 'value from the list', types: ['session', 'demo'], check: listFindings},
  {
    name: 'crop inside the picture',
    types: ['photo'],
    check(photo) {
      const problem = cropProblem(photo.image)
      return problem ? [finding('image', problem, 'Open the photo and set the crop and hotspot again.')] : []
    },
  },
  {
    name: 'rich-text nesting',
    types: ['event', 'session', 'demo'],
    check(document) {
      return richTextOf(document).flatMap(({path, blocks}) => {
        const problem = nestingProblem(blocks)
        return problem ? [finding(path, problem, 'Indent the list less deeply.')] : []
      })
    },
  },
]
