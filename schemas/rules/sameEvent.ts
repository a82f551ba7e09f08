import type {ReferenceFilterSearchOptions, SanityDocument, ValidationContext} from 'sanity'
import {fetchForRule} from './api.ts'
import {finding, refOf, type BuildRule, type Doc} from './types.ts'

/** What the check needs of the referenced session or demo. */
export type InEvent = {title?: string; _type?: string; eventId?: string; eventTitle?: string} | null

/** The core check: a session or demo referred to from another event's document. */
export function fromOtherEvent(eventId: string, target: InEvent): string | undefined {
  if (!target || target.eventId === eventId) return undefined
  return `"${target.title ?? 'This'}" belongs to another event (${target.eventTitle ?? target.eventId}). Pick a ${target._type ?? 'document'} of this event.`
}

/** Studio rule: a reference to a session or demo must point at one of the document's own event. */
export async function inSameEvent(value: {_ref?: string} | undefined, context: ValidationContext): Promise<true | string> {
  const eventId = (context.document?.event as {_ref?: string} | undefined)?._ref
  if (!value?._ref || !eventId) return true
  const target = await fetchForRule<InEvent>(
    context,
    `*[_id == $id || _id == "drafts." + $id][0]{title, _type, "eventId": event._ref, "eventTitle": event->title}`,
    {id: value._ref},
  )
  return fromOtherEvent(eventId, target) ?? true
}

/** Offers only documents of the same event in a reference picker. */
export function sameEventFilter({document}: {document: SanityDocument}): ReferenceFilterSearchOptions {
  return {filter: 'event._ref == $eventId', params: {eventId: (document.event as {_ref?: string} | undefined)?._ref ?? ''}}
}

/** Why the document `target` cannot be linked from a document of event `eventId`, or null. */
export function otherEventProblem(target: Doc | undefined, eventId: string | undefined, title?: string): string | null {
  const targetEvent = refOf(target?.event)
  if (!target || !eventId || !targetEvent || targetEvent === eventId) return null
  return `"${String(target.title ?? title ?? target._id)}" belongs to another event (${targetEvent}).`
}

export const buildRules: BuildRule[] = [
  {
    name: 'belongs to a published event',
    types: ['session', 'demo', 'photo'],
    check(document, dataset) {
      const eventId = refOf(document.event)
      if (eventId && dataset.byId.get(eventId)?._type === 'event') return []
      return [
        finding(
          'event',
          eventId ? `Its event ${eventId} is not published, or was left out because of its own problem.` : 'It belongs to no event.',
          eventId ? 'Publish the event, or fix the problem listed for it.' : 'Pick the event it belongs to.',
        ),
      ]
    },
  },
  {
    name: 'points within its event',
    types: ['demo', 'photo'],
    check(document, dataset) {
      return (['session', 'demo'] as const).flatMap((field) => {
        const problem = otherEventProblem(dataset.byId.get(refOf(document[field]) ?? ''), refOf(document.event))
        return problem ? [finding(field, problem, `Pick a ${field} of this document's own event, or clear the field.`)] : []
      })
    },
  },
]
