import type {ValidationContext} from 'sanity'
import {eventBounds, isTimeZone} from '../../core/time.ts'
import {fetchForRule} from './api.ts'
import {isDate, isDateTime} from './dates.ts'
import {finding, refOf, type BuildRule} from './types.ts'

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
  return outsideEventProblem(value, event) ?? undefined
}

/** The core check: a session that ends before (or when) it starts. */
export function endsBeforeStart(startsAt: string | undefined, endsAt: string | undefined): string | undefined {
  if (!startsAt || !endsAt) return undefined
  return endProblem(startsAt, endsAt) ?? undefined
}

/** Studio rule: an instant within the dates of the document's event. */
export async function withinEvent(value: string | undefined, context: ValidationContext): Promise<true | string> {
  const eventId = (context.document?.event as {_ref?: string} | undefined)?._ref
  if (!value || !eventId) return true
  const event = await fetchForRule<EventDates>(context, `*[_id == $id || _id == "drafts." + $id][0]{title, startDate, endDate, timeZone}`, {
    id: eventId,
  })
  return timeOutsideEvent(value, event) ?? true
}

/** Studio rule on `endsAt`. */
export function endsAfterStart(value: string | undefined, context: ValidationContext): true | string {
  return endsBeforeStart(context.document?.startsAt as string | undefined, value) ?? true
}

/** Why `startsAt`..`endsAt` cannot be published, for the Studio and the build alike. */
export function endProblem(startsAt: string, endsAt: string): string | null {
  return new Date(endsAt).getTime() > new Date(startsAt).getTime()
    ? null
    : 'The session ends before it starts. Set an end time after the start time.'
}

const bounds = new Map<string, {start: Date; end: Date}>()

/** Event bounds, worked out once per event: the build checks thousands of sessions against few events. */
function boundsOf(startDate: string, endDate: string, zone: string) {
  const key = `${startDate}|${endDate}|${zone}`
  let found = bounds.get(key)
  if (!found) {
    found = eventBounds(startDate, endDate, zone)
    bounds.set(key, found)
  }
  return found
}

/** Why `instant` is not within the event, or null. */
export function outsideEventProblem(instant: string, event: EventDates): string | null {
  if (!event || !isDate(event.startDate) || !isDate(event.endDate) || !event.timeZone || !isTimeZone(event.timeZone)) return null
  const bounds = boundsOf(event.startDate, event.endDate, event.timeZone)
  const time = new Date(instant).getTime()
  return time < bounds.start.getTime() || time > bounds.end.getTime()
    ? `This time falls outside "${event.title ?? 'the event'}", which runs from ${event.startDate} to ${event.endDate} (${event.timeZone}).`
    : null
}

export const buildRules: BuildRule[] = [
  {
    name: 'session ends after it starts',
    types: ['session'],
    check({startsAt, endsAt}) {
      if (!isDateTime(startsAt) || !isDateTime(endsAt)) return []
      return endProblem(startsAt, endsAt)
        ? [finding('endsAt', 'The session ends before it starts.', 'Set an end time after the start time.')]
        : []
    },
  },
  {
    name: 'session within its event',
    types: ['session'],
    check(session, dataset) {
      const event = dataset.byId.get(refOf(session.event) ?? '') as EventDates | undefined
      return (['startsAt', 'endsAt'] as const).flatMap((field) => {
        const value = session[field]
        const problem = isDateTime(value) && event ? outsideEventProblem(value, event) : null
        return problem ? [finding(field, problem, 'Move the session into the event’s dates, or correct the event’s dates.')] : []
      })
    },
  },
]
