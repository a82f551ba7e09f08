import type {ValidationContext} from 'sanity'
import {eventBounds} from '../../src/lib/time.ts'
import {fetchForRule} from './api.ts'

type EventDates = {title?: string; startDate?: string; endDate?: string; timeZone?: string} | null

/** Checks that an instant falls within the dates of the document's event, in the event's time zone. */
export async function withinEvent(value: string | undefined, context: ValidationContext): Promise<true | string> {
  const eventId = (context.document?.event as {_ref?: string} | undefined)?._ref
  if (!value || !eventId) return true
  const event = await fetchForRule<EventDates>(
    context,
    `*[_id == $id || _id == "drafts." + $id][0]{title, startDate, endDate, timeZone}`,
    {id: eventId},
  )
  if (!event?.startDate || !event.endDate || !event.timeZone) return true
  let bounds
  try {
    bounds = eventBounds(event.startDate, event.endDate, event.timeZone)
  } catch {
    return true // the event's own validation reports a bad zone
  }
  const instant = new Date(value).getTime()
  if (instant < bounds.start.getTime() || instant > bounds.end.getTime()) {
    return `This time falls outside "${event.title ?? 'the event'}", which runs from ${event.startDate} to ${event.endDate} (${event.timeZone}).`
  }
  return true
}

/** The end of a session must come after its start. */
export function endsAfterStart(value: string | undefined, context: ValidationContext): true | string {
  const startsAt = context.document?.startsAt as string | undefined
  if (!value || !startsAt) return true
  return new Date(value).getTime() > new Date(startsAt).getTime()
    ? true
    : 'The session ends before it starts. Set an end time after the start time.'
}
