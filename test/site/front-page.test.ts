// The front page leads with the newest coverage, not the event page again: the picks it makes from the
// sample content (the built page is checked in sample-site.test.ts).
import {describe, expect, it} from 'vitest'
import {busiestTopics, claimPicks, eventsByCoverage, latestCoverage} from '../../src/lib/home.ts'
import {embeddedSource} from '../../src/lib/content/source.ts'
import {SITE_QUERY} from '../../src/lib/queries.ts'
import type {SITE_QUERY_RESULT} from '../../src/lib/sanity.types.ts'
import {buildSite} from '../../src/lib/site.ts'
import {DATASET_FILE} from '../helpers/validate.ts'

const site = buildSite(await embeddedSource(DATASET_FILE, {assets: false}).fetch<SITE_QUERY_RESULT>(SITE_QUERY), 1)

describe('the front page’s picks from the sample', () => {
  it('leads with day 2, the only covered day, its sessions in programme order', () => {
    const [lead, ...rest] = latestCoverage(site)
    expect(lead!.day.number).toBe(2)
    expect(rest).toEqual([])
    const starts = lead!.sessions.map((session) => session.startsAt)
    expect(starts).toEqual([...starts].sort())
  })
  it('takes at most one claim per session, each with a figure', () => {
    const picks = claimPicks(latestCoverage(site), 3)
    expect(picks).toHaveLength(3)
    expect(new Set(picks.map((pick) => pick.session)).size).toBe(3)
    for (const pick of picks) expect(typeof pick.claim.value).toBe('number')
  })
  it('ranks topics by how much is tagged with them', () => {
    const counts = busiestTopics(site, 5).map((entry) => entry.items)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(busiestTopics(site, 5)[0]!.topic.slug).toBe('multicloud')
  })
  it('files the Barcelona summit under recently covered, with nothing coming up', () => {
    const {covered, upcoming} = eventsByCoverage(site, 10)
    expect(covered.map((event) => event.slug)).toEqual(['ossummit-barcelona-2016'])
    expect(upcoming).toEqual([])
  })
})
