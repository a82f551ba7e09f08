// A segment (a guest slot inside a keynote) points at its parent session: the Studio rule and the
// build reject one of another event, one of itself, and one running outside the parent's times.
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {segmentProblem} from '../../schemas/rules/partOf.ts'
import type {Doc} from '../../schemas/rules/types.ts'
import {enforceRules} from '../../src/lib/content/enforce.ts'
import {embeddedSource} from '../../src/lib/content/source.ts'
import {SITE_QUERY} from '../../src/lib/queries.ts'
import type {SITE_QUERY_RESULT} from '../../src/lib/sanity.types.ts'
import {buildSite} from '../../src/lib/site.ts'
import {DATASET_FILE, FIXTURES_DIR, formatPath, markersFor, validateNdjson} from '../helpers/validate.ts'

const FIXTURE = resolve(FIXTURES_DIR, 'segments/part-of.ndjson')
const results = validateNdjson(FIXTURE)

async function partOfErrors(id: string) {
  return markersFor(await results, id)
    .filter((marker) => marker.level === 'error')
    .map((marker) => ({path: formatPath(marker.path), message: marker.message}))
}

describe('a session’s "Part of" reference in the Studio', () => {
  it('passes for a segment inside its keynote’s times', async () => {
    expect(await partOfErrors('session.segment-inside')).toEqual([])
  })
  it('rejects a segment that runs past the end of its parent', async () => {
    expect(await partOfErrors('session.segment-overrunning')).toEqual([
      {
        path: 'partOf',
        message: 'This segment runs outside "Madrid keynote". Set its times inside the session it is part of, or remove the link.',
      },
    ])
  })
  it('rejects a parent of another event', async () => {
    expect(await partOfErrors('session.segment-other-event')).toEqual([
      {path: 'partOf', message: '"Madrid keynote" belongs to another event (Fixture Summit Madrid 2016). Pick a session of this event.'},
    ])
  })
  it('rejects a session that is part of itself', async () => {
    expect(await partOfErrors('session.segment-of-itself')).toEqual([
      {path: 'partOf', message: 'A session cannot be part of itself. Pick the session it ran inside.'},
    ])
  })
})

describe('segmentProblem, the rule the build shares', () => {
  const keynote = {_id: 'session.k', title: 'Keynote', eventId: 'event.a', startsAt: '2016-10-26T07:00:00Z', endsAt: '2016-10-26T08:30:00Z'}
  it('accepts a segment that starts and ends with its parent', () => {
    expect(segmentProblem({_id: 'session.s', eventId: 'event.a', startsAt: keynote.startsAt, endsAt: keynote.endsAt}, keynote)).toBeNull()
  })
  it('rejects one starting a minute early', () => {
    expect(
      segmentProblem({_id: 'session.s', eventId: 'event.a', startsAt: '2016-10-26T06:59:00Z', endsAt: '2016-10-26T07:30:00Z'}, keynote),
    ).toMatch(/runs outside "Keynote"/)
  })
  it('rejects a parent that is itself a segment', () => {
    expect(segmentProblem({_id: 'session.s', eventId: 'event.a'}, {...keynote, partOf: 'session.other'})).toMatch(
      /itself part of another session/,
    )
  })
})

describe('the build', () => {
  const graph = async (file: string) => {
    const raw = await embeddedSource(file, {assets: false}).fetch<SITE_QUERY_RESULT>(SITE_QUERY)
    return {raw, site: () => buildSite(raw, 1)}
  }
  it('links the sample’s Crowdstar segment into its keynote', async () => {
    const {site} = await graph(DATASET_FILE)
    const keynote = site().sessions.find((session) => session.slug === 'keynote-multicloud')!
    expect(keynote.segments.map((segment) => segment.slug)).toEqual(['crowdstar-ironic'])
    expect(keynote.segments[0]!.parent).toBe(keynote)
  })
  it('leaves out each segment the Studio rejects, with the Studio’s sentence, and links the one inside its keynote', async () => {
    const documents = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Doc)
    const {published, leftOut} = enforceRules(documents)
    const studio = await Promise.all(
      ['session.segment-overrunning', 'session.segment-other-event', 'session.segment-of-itself'].map(partOfErrors),
    )
    expect(leftOut.map(({id, field, problem}) => ({id, path: field, message: problem}))).toEqual([
      {id: 'session.segment-of-itself', ...studio[2]![0]},
      {id: 'session.segment-other-event', ...studio[1]![0]},
      {id: 'session.segment-overrunning', ...studio[0]![0]},
    ])
    const raw = (await (await evaluate(parse(SITE_QUERY), {dataset: published})).get()) as SITE_QUERY_RESULT
    const keynote = buildSite(raw, 1).sessions.find((session) => session.slug === 'madrid-keynote')!
    expect(keynote.segments.map((segment) => segment.slug)).toEqual(['segment-inside'])
  })
})
