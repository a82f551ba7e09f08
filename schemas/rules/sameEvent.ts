import type {ReferenceFilterSearchOptions, SanityDocument, ValidationContext} from 'sanity'
import {fetchForRule} from './api.ts'

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
