// The benchmark's datasets must be content an editor could have made: the S preset, generated
// afresh, passes the Studio's validation like the sample dataset does.
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {generateDataset, SIZES} from '../../bench/generate.ts'
import {describeMarkers, loadNdjson, validateDataset, type Doc, type DocumentResult} from '../helpers/validate.ts'

describe('the generated benchmark dataset (size S)', () => {
  let dir: string
  let documents: Doc[]
  let results: DocumentResult[]

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recap-bench-dataset-'))
    documents = loadNdjson(await generateDataset(dir, SIZES.S))
    results = await validateDataset(documents)
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  it('has the preset’s numbers of events, sessions, demos and photos, plus topics and a draft', () => {
    const count = (type: string) => documents.filter((doc) => doc._type === type && !doc._id.startsWith('drafts.')).length
    expect({events: count('event'), sessions: count('session'), demos: count('demo'), photos: count('photo')}).toEqual({
      events: SIZES.S.events,
      sessions: SIZES.S.sessions,
      demos: SIZES.S.demos,
      photos: SIZES.S.photos,
    })
    expect(count('topic')).toBeGreaterThan(0)
    expect(documents.some((doc) => doc._id.startsWith('drafts.'))).toBe(true)
  })

  it('uses rich text with inline references to other documents', () => {
    const text = JSON.stringify(documents.filter((doc) => doc._type === 'session'))
    expect(text).toContain('"_type":"internalLink"')
  })

  it('passes the Studio’s validation, every document, warnings included', () => {
    expect(results.map((result) => result.id)).toEqual(documents.map((doc) => doc._id))
    const report = describeMarkers(results, ['error', 'warning'])
    expect(report, `Generated documents that fail validation (id, field, message):\n${report}`).toBe('')
  })
})
