// What every page relies on: a document without these cannot be published at all.
import {finding, objectAt, type BuildRule, type Doc} from './types.ts'

const NEEDED = new Map<string, readonly [field: string, label: string][]>([
  ['event', [['title', 'title']]],
  [
    'session',
    [
      ['title', 'title'],
      ['kind', 'kind'],
    ],
  ],
  ['demo', [['title', 'title']]],
  ['topic', [['title', 'title']]],
  ['photo', [['image', 'image']]],
])

function present(document: Doc, field: string): boolean {
  const value = document[field]
  if (field === 'image')
    return typeof objectAt(objectAt(value)?.asset)?._ref === 'string' || typeof objectAt(value)?._sanityAsset === 'string'
  return typeof value === 'string' && value.trim() !== ''
}

export const buildRules: BuildRule[] = [
  {
    name: 'has what its page needs',
    types: [...NEEDED.keys()],
    check(document) {
      return (NEEDED.get(document._type) ?? [])
        .filter(([field]) => !present(document, field))
        .map(([field, label]) =>
          finding(field, `The ${document._type} has no ${label}.`, `Add the ${label} in the Studio and publish again.`),
        )
    },
  },
]
