import type {ValidationContext} from 'sanity'
import {isTimeZone, localDate, localTime} from '../../core/time.ts'
import {fetchForRule} from './api.ts'
import {outsideEventDays, type EventDates as EventDays} from './sessionTimes.ts'
import {isDateTime} from './dates.ts'
import {finding, refOf, type BuildRule, type Dataset, type Doc} from './types.ts'
export type SessionTimes = {title?: string; startsAt?: string; endsAt?: string} | null

const inEventZone = (event: EventDays) => (event?.timeZone && isTimeZone(event.timeZone) ? event.timeZone : undefined)

/** The core check: a photo taken before the event's first day or after its last, in the event's zone. */
export function photoOutsideEvent(takenAt: string, event: EventDays): string | undefined {
  const zone = inEventZone(event)
  if (!zone || !outsideEventDays(takenAt, event)) return undefined
  const instant = new Date(takenAt)
  return `This photo was taken on ${localDate(instant, zone)} at ${localTime(instant, zone)}, outside "${event!.title ?? 'its event'}" (${event!.startDate} to ${event!.endDate}). Check the time, or the photo’s event.`
}

/** The core check: a photo of a session taken while the session was not on. */
export function photoOutsideSession(takenAt: string, session: SessionTimes, event: EventDays): string | undefined {
  const zone = inEventZone(event)
  if (!session?.startsAt || !session.endsAt || !zone) return undefined
  const instant = new Date(takenAt)
  if (instant >= new Date(session.startsAt) && instant <= new Date(session.endsAt)) return undefined
  return `This photo was taken at ${localTime(instant, zone)}, but "${session.title ?? 'its session'}" ran from ${localTime(session.startsAt, zone)} to ${localTime(session.endsAt, zone)}. Check the time, or the photo’s session.`
}

type Context = {event: EventDays; session: SessionTimes}

async function photoContext(context: ValidationContext): Promise<Context | undefined> {
  const photo = context.document as {event?: {_ref?: string}; session?: {_ref?: string}} | undefined
  if (!photo?.event?._ref) return undefined
  return fetchForRule<Context>(
    context,
    `{"event": *[_id == $eventId][0]{title, startDate, endDate, timeZone},
      "session": *[_id == $sessionId || _id == "drafts." + $sessionId][0]{title, startsAt, endsAt}}`,
    {eventId: photo.event._ref, sessionId: photo.session?._ref ?? ''},
  )
}

/** Studio rule on a photo's `takenAt`: within the event's days. */
export async function takenDuringEvent(takenAt: string | undefined, context: ValidationContext): Promise<true | string> {
  const found = takenAt ? await photoContext(context) : undefined
  return (takenAt && found && photoOutsideEvent(takenAt, found.event)) || true
}

/** Studio rule on a photo's `takenAt`: while its session was on. */
export async function takenDuringSession(takenAt: string | undefined, context: ValidationContext): Promise<true | string> {
  const found = takenAt ? await photoContext(context) : undefined
  return (takenAt && found && photoOutsideSession(takenAt, found.session, found.event)) || true
}

/** The build's version of `photoContext`: the photo's event and session among the published documents. */
function publishedContext(photo: Doc, dataset: Dataset): Context {
  return {
    event: (dataset.byId.get(refOf(photo.event) ?? '') ?? null) as EventDays,
    session: (dataset.byId.get(refOf(photo.session) ?? '') ?? null) as SessionTimes,
  }
}

export const buildRules: BuildRule[] = [
  {
    name: 'photo taken during its event',
    types: ['photo'],
    warns: true,
    check(photo, dataset) {
      const problem = isDateTime(photo.takenAt) && photoOutsideEvent(photo.takenAt, publishedContext(photo, dataset).event)
      return problem ? [finding('takenAt', problem, 'Correct the time the photo was taken, or its event.')] : []
    },
  },
  {
    name: 'photo taken during its session',
    types: ['photo'],
    warns: true,
    check(photo, dataset) {
      const {event, session} = publishedContext(photo, dataset)
      const problem = isDateTime(photo.takenAt) && photoOutsideSession(photo.takenAt, session, event)
      return problem ? [finding('takenAt', problem, 'Correct the time the photo was taken, or its session.')] : []
    },
  },
]
