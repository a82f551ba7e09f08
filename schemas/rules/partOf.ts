import type {ValidationContext} from 'sanity'
import {fetchForRule, publishedId} from './api.ts'
import {finding, refOf, type BuildRule, type Dataset, type Doc} from './types.ts'

export type SegmentParent = {
  _id?: string
  title?: string | null
  eventId?: string | null
  eventTitle?: string | null
  startsAt?: string | null
  endsAt?: string | null
  partOf?: string | null
}
type Segment = {_id?: string; eventId?: string | null; startsAt?: string | null; endsAt?: string | null}

/**
 * What is wrong with a segment (the Crowdstar part of a keynote) pointing at `parent`, or null: the
 * parent must be another session of the same event, not itself a segment, and hold the segment's times.
 * The Studio rule and the build share it.
 */
export function segmentProblem(segment: Segment, parent: SegmentParent): string | null {
  const title = parent.title ?? 'That session'
  if (publishedId(parent._id) === publishedId(segment._id)) return 'A session cannot be part of itself. Pick the session it ran inside.'
  if (segment.eventId && parent.eventId !== segment.eventId)
    return `"${title}" belongs to another event (${parent.eventTitle ?? parent.eventId}). Pick a session of this event.`
  if (parent.partOf) return `"${title}" is itself part of another session. Pick the session that contains both.`
  if (!segment.startsAt || !segment.endsAt || !parent.startsAt || !parent.endsAt) return null
  const inside = Date.parse(segment.startsAt) >= Date.parse(parent.startsAt) && Date.parse(segment.endsAt) <= Date.parse(parent.endsAt)
  return inside ? null : `This segment runs outside "${title}". Set its times inside the session it is part of, or remove the link.`
}

/** The Studio rule on a session's `partOf` reference. */
export async function insideParent(value: {_ref?: string} | undefined, context: ValidationContext): Promise<true | string> {
  const document = context.document
  if (!value?._ref || !document) return true
  const parent = await fetchForRule<SegmentParent | null>(
    context,
    `*[_id == $id || _id == "drafts." + $id][0]{_id, title, "eventId": event._ref, "eventTitle": event->title, startsAt, endsAt, "partOf": partOf._ref}`,
    {id: value._ref},
  )
  if (!parent) return true
  const segment = {
    _id: document._id,
    eventId: (document.event as {_ref?: string} | undefined)?._ref,
    startsAt: document.startsAt as string | undefined,
    endsAt: document.endsAt as string | undefined,
  }
  return segmentProblem(segment, parent) ?? true
}

const text = (value: unknown) => (typeof value === 'string' ? value : null)

/** A published session as the parent `segmentProblem` expects. */
function parentOf(parent: Doc, dataset: Dataset): SegmentParent {
  const eventId = refOf(parent.event) ?? null
  return {
    _id: parent._id,
    title: text(parent.title),
    eventId,
    eventTitle: text(dataset.byId.get(eventId ?? '')?.title),
    startsAt: text(parent.startsAt),
    endsAt: text(parent.endsAt),
    partOf: refOf(parent.partOf) ?? null,
  }
}

/** The build's version: a parent that is not published (or left out) leaves the segment standing on its own. */
export const buildRules: BuildRule[] = [
  {
    name: 'segment inside its parent session',
    types: ['session'],
    check(session, dataset) {
      const parent = dataset.byId.get(refOf(session.partOf) ?? '')
      if (parent?._type !== 'session') return []
      const segment = {_id: session._id, eventId: refOf(session.event), startsAt: text(session.startsAt), endsAt: text(session.endsAt)}
      const problem = segmentProblem(segment, parentOf(parent, dataset))
      return problem ? [finding('partOf', problem, 'Pick the session of this event it ran inside, or clear the field.')] : []
    },
  },
]
