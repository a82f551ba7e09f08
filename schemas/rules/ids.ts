import {finding, type BuildRule} from './types.ts'

// Sanity's id alphabet; anything else came from outside the Studio and cannot be linked to safely.
const ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

export const buildRules: BuildRule[] = [
  {
    name: 'unique id',
    compares: true,
    types: ['*'],
    check(document, dataset) {
      const problems = []
      if (!ID.test(document._id)) {
        problems.push(
          finding(
            '_id',
            `The id "${document._id}" is not a Sanity document id.`,
            'Import the document again under an id of letters, digits, dots, hyphens and underscores.',
          ),
        )
      }
      if (dataset.byId.get(document._id) !== document) {
        problems.push(
          finding(
            '_id',
            'Another document earlier in the content has the same _id; only that one is published.',
            'Give this document its own _id, or remove the copy.',
          ),
        )
      }
      return problems
    },
  },
]
