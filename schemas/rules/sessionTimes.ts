import type {ValidationContext} from 'sanity'
import {eventBounds} from '../../src/lib/time.ts'
import {fetchForRule} from './api.ts'

export type EventDates = {title?: string; startDate?: string; endDate?: string; timeZone?: string} | null

/** True when an instant falls outside the event's days in its zone; undefined when the event cannot say. */
export function outsideEventDays(value: string, event: EventDates): boolean | undefined {
  if (!event?.startDate || !event.endDate || !event.timeZone) return undefined
  let bounds
  try {
    bounds = eventBounds(event.startDate, event.endDate, event.timeZone)
  } catch {
    return undefined // the event's own validation reports a bad zone
  }
  const instant = new Date(value).getTime()
  return instant < bounds.start.getTime() || instant > bounds.end.getTime()
}

/** The core check: an instant outside the event's dates, judged in the event's time zone. */
export function timeOutsideEvent(value: string, event: EventDates): string | undefined {
  if (!outsideEventDays(value, event)) return undefined
  return `This time falls outside "${event!.title ?? 'the event'}", which runs from ${event!.startDate} to ${event!.endDate} (${event!.timeZone}).`
}

/** The core check: a session that ends before (or when) it starts. */
export function endsBeforeStart(startsAt: string | undefined, endsAt: string | undefined): string | undefined {
  if (!startsAt || !endsAt) return undefined
  return new Date(endsAt).getTime() > new Date(startsAt).getTime()
    ? undefined
    : 'The session ends before it starts. Set an end time after the start time.'
}

/** Studio rule: an instant within the dates of the document's event. */
export async function withinEvent(value: string | undefined, context: ValidationContext): Promise<true | string> {
  const eventId = (context.document?.event as {_ref?: string} | undefined)?._ref
  if (!value || !eventId) return true
  const event = await fetchForRule<EventDates>(
    context,
    `*[_id == $id || _id == "drafts." + $id][0]{title, startDate, endDate, timeZone}`,
    {id: eventId},
  )
  return timeOutsideEvent(value, event) ?? true
}

/** Studio rule on `endsAt`. */
export function endsAfterStart(value: string | undefined, context: ValidationContext): true | string {
  return endsBeforeStart(context.document?.startsAt as string | undefined, value) ?? true
}
