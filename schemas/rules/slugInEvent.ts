import type {SlugIsUniqueValidator} from 'sanity'
import {fetchForRule, publishedId} from './api.ts'
import {slugKey, slugOwner} from './slug.ts'
import {finding, refOf, type BuildRule} from './types.ts'

/** A slug must be unique among documents of the same type in the same event, case aside. */
export const isUniqueInEvent: SlugIsUniqueValidator = async (slug, context) => {
  const document = context.document
  const eventId = (document?.event as {_ref?: string} | undefined)?._ref
  if (!document || !eventId) return true
  const id = publishedId(document._id)
  const clash = await fetchForRule<string | null>(
    context,
    // Case-insensitive, as the build compares (schemas/rules/slug.ts): "Keynote" and "keynote" are one address.
    `*[_type == $type && lower(slug.current) == $key && event._ref == $eventId && !(_id in [$id, $draftId])][0]._id`,
    {type: document._type, key: slugKey(slug), eventId, id, draftId: `drafts.${id}`},
  )
  return !clash
}

/** The build's version: one address per type within an event (photos included), case and accents aside. */
export const buildRules: BuildRule[] = [
  {
    name: 'unique address in the event',
    compares: true,
    types: ['session', 'demo', 'photo'],
    check(document, dataset) {
      const owner = slugOwner(dataset, document, refOf(document.event) ?? 'undefined')
      return owner && owner !== document
        ? [
            finding(
              document._type === 'photo' ? '_id' : 'slug',
              `${owner._id} in the same event already uses this address (slugs differing only in case or accents count as the same).`,
              'Give this document a different slug.',
            ),
          ]
        : []
    },
  },
]
