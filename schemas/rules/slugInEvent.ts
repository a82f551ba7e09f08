import type {SlugIsUniqueValidator} from 'sanity'
import {fetchForRule, publishedId} from './api.ts'

/** A slug must be unique among documents of the same type in the same event. */
export const isUniqueInEvent: SlugIsUniqueValidator = async (slug, context) => {
  const document = context.document
  const eventId = (document?.event as {_ref?: string} | undefined)?._ref
  if (!document || !eventId) return true
  const id = publishedId(document._id)
  const clash = await fetchForRule<string | null>(
    context,
    `*[_type == $type && slug.current == $slug && event._ref == $eventId && !(_id in [$id, $draftId])][0]._id`,
    {type: document._type, slug, eventId, id, draftId: `drafts.${id}`},
  )
  return !clash
}
