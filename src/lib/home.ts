// What the front page leads with, picked from the content graph: the newest coverage, the claims and
// photos worth a look, the topics with most coverage and the events around now.
import {excerpt, richTextToPlain} from './exports/plainText.ts'
import type {Claim, Day, Event, Photo, Session, Site, Topic} from './site.ts'

export type Coverage = {event: Event; day: Day; summary: string; sessions: Session[]; photos: Photo[]}
export type ClaimPick = {claim: Claim; session: Session}

/** Covered days, newest first: a day counts once it has a recap or a session. */
export function latestCoverage(site: Site): Coverage[] {
  return site.events
    .flatMap((event) =>
      event.days
        .filter((day) => day.recap || day.sessions.length > 0)
        .map((day) => ({
          event,
          day,
          summary: excerpt(richTextToPlain(day.recap), 320) || event.summary || '',
          sessions: day.sessions,
          photos: day.sessions.flatMap((session) => session.photos),
        })),
    )
    .sort((a, b) => b.day.date.localeCompare(a.day.date))
}

/** Claims with a figure, from the newest sessions, at most one per session so one talk does not fill the row. */
export function claimPicks(coverage: Coverage[], count: number): ClaimPick[] {
  const picks: ClaimPick[] = []
  for (const session of coverage.flatMap((item) => item.sessions)) {
    const claim = (session.claims ?? []).find((candidate) => candidate.statement && typeof candidate.value === 'number')
    if (claim) picks.push({claim, session})
    if (picks.length === count) break
  }
  return picks
}

/** Topics by how much coverage they have, most first; ties alphabetical. */
export function busiestTopics(site: Site, count: number): {topic: Topic; items: number}[] {
  return site.topics
    .map((topic) => ({topic, items: topic.sessions.length + topic.demos.length}))
    .filter((entry) => entry.items > 0)
    .sort((a, b) => b.items - a.items || a.topic.title.localeCompare(b.topic.title))
    .slice(0, count)
}

/**
 * Events with coverage, newest first, and events announced without any yet ("coming up"), soonest first.
 * Judged by content, not by the clock, so the same content always builds the same page.
 */
export function eventsByCoverage(site: Site, count: number): {covered: Event[]; upcoming: Event[]} {
  const hasCoverage = (event: Event) => event.days.some((day) => day.recap || day.sessions.length > 0)
  return {
    covered: site.events.filter(hasCoverage).slice(0, count),
    upcoming: site.events
      .filter((event) => !hasCoverage(event))
      .sort((a, b) => a.startDate.localeCompare(b.startDate))
      .slice(0, count),
  }
}
