import type {ValidationContext} from 'sanity'
import {isTimeZone, localDate, localTime} from '../../core/time.ts'
import {fetchForRule, publishedId} from './api.ts'
import {finding, refOf, type BuildRule, type Doc} from './types.ts'

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

const slotOf = (session: Doc): Slot => session as unknown as Slot
const roomKey = (eventId: string, room: string) => `${eventId}\u0000${room.trim().toLowerCase()}`

/** Sessions by event and room, built once per check run: each session is compared only with its room's. */
function sessionsByRoom(documents: readonly Doc[]): Map<string, Slot[]> {
  const byRoom = new Map<string, Slot[]>()
  for (const document of documents) {
    const eventId = refOf(document.event)
    if (document._type !== 'session' || !eventId || typeof document.room !== 'string') continue
    const key = roomKey(eventId, document.room)
    const list = byRoom.get(key) ?? []
    list.push(slotOf(document))
    byRoom.set(key, list)
  }
  return byRoom
}

export const buildRules: BuildRule[] = [
  {
    name: 'room free at the time',
    types: ['session'],
    compares: true,
    warns: true,
    check(session, dataset) {
      const eventId = refOf(session.event) ?? ''
      if (typeof session.room !== 'string') return []
      const sessions = dataset.index('sessions by event and room', sessionsByRoom).get(roomKey(eventId, session.room)) ?? []
      const zone = dataset.byId.get(eventId)?.timeZone
      const problem = roomClash(slotOf(session), sessions, typeof zone === 'string' ? zone : 'UTC')
      return problem ? [finding('room', problem, 'Correct the room or the times of one of the two sessions.')] : []
    },
  },
]
