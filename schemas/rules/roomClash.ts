import type {ValidationContext} from 'sanity'
import {isTimeZone, localDate, localTime} from '../../src/lib/time.ts'
import {fetchForRule, publishedId} from './api.ts'

/** What the room check needs of a session. */
export type Slot = {_id: string; title?: string; room?: string; startsAt?: string; endsAt?: string}

const sameRoom = (a?: string, b?: string) => !!a?.trim() && a.trim().toLowerCase() === b?.trim().toLowerCase()
const overlaps = (a: Slot, b: Slot) =>
  !!(a.startsAt && a.endsAt && b.startsAt && b.endsAt) &&
  new Date(a.startsAt) < new Date(b.endsAt) &&
  new Date(b.startsAt) < new Date(a.endsAt)

/**
 * The core check, for the Studio and the build alike: the first other session of the same event in the same room
 * at an overlapping time, as a sentence naming it in the event's time zone. A session's own draft is not "other".
 */
export function roomClash(session: Slot, sameEventSessions: Slot[], timeZone: string): string | undefined {
  const clash = sameEventSessions.find(
    (other) => publishedId(other._id) !== publishedId(session._id) && sameRoom(session.room, other.room) && overlaps(session, other),
  )
  if (!clash) return undefined
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC'
  const when = `from ${localTime(clash.startsAt!, zone)} to ${localTime(clash.endsAt!, zone)} on ${localDate(clash.startsAt!, zone)}`
  return `"${clash.title ?? 'Another session'}" is also in ${clash.room!.trim()} ${when}. Check the room or the times.`
}

/** Studio rule on `room`: warns about another session in the same room at the same time. */
export async function roomIsFree(room: string | undefined, context: ValidationContext): Promise<true | string> {
  const session = context.document as Slot & {event?: {_ref?: string}}
  const eventId = session?.event?._ref
  if (!room?.trim() || !eventId || !session.startsAt || !session.endsAt) return true
  const found = await fetchForRule<{timeZone?: string; sessions: Slot[]}>(
    context,
    `{"timeZone": *[_id == $eventId][0].timeZone,
      "sessions": *[_type == "session" && event._ref == $eventId && defined(room)]{_id, title, room, startsAt, endsAt}}`,
    {eventId},
  )
  return roomClash(session, found.sessions, found.timeZone ?? 'UTC') ?? true
}
