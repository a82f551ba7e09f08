import type {ValidationContext} from 'sanity'
import {fetchForRule, publishedId} from './api.ts'
import {finding, refOf, type BuildRule} from './types.ts'

/** What the cover check needs of the chosen photo. */
export type CoverPhoto = {eventId?: string; eventTitle?: string} | null

/** The core check: an event's cover photo must be one of its own photos. */
export function coverPhotoProblem(eventId: string, photo: CoverPhoto): string | undefined {
  if (!photo?.eventId || photo.eventId === publishedId(eventId)) return undefined
  return `This photo is from another event, "${photo.eventTitle ?? photo.eventId}". Pick a photo of this event as its cover.`
}

/** Studio rule on an event's `coverPhoto`. */
export async function coverPhotoOfEvent(value: {_ref?: string} | undefined, context: ValidationContext): Promise<true | string> {
  if (!value?._ref || !context.document?._id) return true
  const photo = await fetchForRule<CoverPhoto>(
    context,
    `*[_id == $id || _id == "drafts." + $id][0]{"eventId": event._ref, "eventTitle": event->title}`,
    {id: value._ref},
  )
  return coverPhotoProblem(context.document._id, photo) ?? true
}

export const buildRules: BuildRule[] = [
  {
    name: 'cover photo of the event',
    types: ['event'],
    check(event, dataset) {
      const photo = dataset.byId.get(refOf(event.coverPhoto) ?? '')
      const eventId = refOf(photo?.event)
      const title = dataset.byId.get(eventId ?? '')?.title
      const problem = photo && coverPhotoProblem(event._id, {eventId, eventTitle: typeof title === 'string' ? title : undefined})
      return problem ? [finding('coverPhoto', problem, 'Pick one of this event’s own photos, or clear the cover.')] : []
    },
  },
]
