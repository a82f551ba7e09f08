// The shape of an event's programme: which days have coverage, the filters it offers and, where a day
// has several rooms, the grid that puts each room in a column.
import {SESSION_KINDS} from '../../schemas/vocabulary.ts'
import type {Day, Event, Session} from './site.ts'

export type Filter = {id: string; label: string; attribute: 'data-kind' | 'data-topics'; value: string}

const SAFE = /^[a-z0-9-]+$/

export const isCovered = (day: Day) => day.sessions.length > 0 || Boolean(day.recap)

/** Kinds and topics that occur in the event, each with the fragment its filter link targets. */
export function programmeFilters(event: Event): {kinds: Filter[]; topics: Filter[]} {
  const kinds = SESSION_KINDS.filter((kind) => event.sessions.some((session) => session.kind === kind.value)).map((kind) => ({
    id: `only-${kind.value}`,
    label: kind.title,
    attribute: 'data-kind' as const,
    value: kind.value,
  }))
  const topics = new Map<string, string>()
  for (const session of event.sessions) for (const topic of session.topics) topics.set(topic.slug, topic.title)
  const topicFilters = [...topics]
    .filter(([slug]) => SAFE.test(slug))
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([slug, title]) => ({id: `about-${slug}`, label: title, attribute: 'data-topics' as const, value: slug}))
  return {kinds: kinds.filter((kind) => SAFE.test(kind.value)), topics: topicFilters}
}

/**
 * The CSS that makes the filter links work without script: while `#only-talk` is the URL's target, rows
 * (and days) without a talk are hidden, and the link shows as current.
 */
export function filterCss(filters: Filter[]): string {
  return filters
    .map(({id, attribute, value}) => {
      const match = attribute === 'data-kind' ? `[data-kind="${value}"]` : `[data-topics~="${value}"]`
      const active = `.event-agenda:has(#${id}:target)`
      return (
        `${active} .row:not(${match}):not(:has(${match})){display:none}` +
        `${active} .day:not(:has(${match})){display:none}` +
        `${active} a[href="#${id}"]{background:var(--accent);color:var(--bg);border-color:var(--accent)}` +
        `${active} .filter-none{display:block}`
      )
    })
    .join('\n')
}

export type Columns = {by: 'room' | 'track'; names: string[]}

/** A day's columns: its rooms when it has two or more, else its tracks when it has two or more, else none. */
export function columnsOf(sessions: Session[]): Columns | null {
  for (const by of ['room', 'track'] as const) {
    const names = [...new Set(sessions.map((session) => session[by]).filter((name): name is string => Boolean(name)))]
    if (names.length >= 2) return {by, names}
  }
  return null
}

/** Grid lines for each session: one row line per distinct start or end time, one column per room or track. */
export function gridPlacement(sessions: Session[], columns: Columns): Map<Session, string> {
  const times = [...new Set(sessions.flatMap((session) => [session.startsAt, session.endsAt]))].sort()
  const line = (instant: string) => times.indexOf(instant) + 2 // line 1 is under the column headings
  return new Map(
    sessions.map((session) => {
      const name = session[columns.by]
      const column = name ? columns.names.indexOf(name) + 1 : 0
      const span = column > 0 ? `${column} / span 1` : '1 / -1'
      return [session, `grid-row:${line(session.startsAt)} / ${line(session.endsAt)};grid-column:${span}`]
    }),
  )
}
