// The sample dataset is what a new project imports first: every document in it must be publishable as it stands.
import {existsSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import {validationMarkerCodes} from '@sanity/validation'
import {DATASET_FILE, describeMarkers, loadNdjson, validateDataset, type Doc, type DocumentResult} from '../helpers/validate.ts'

const where = 'dataset/production.ndjson'

describe(`the sample dataset (${where})`, () => {
  let documents: Doc[]
  let results: DocumentResult[]

  beforeAll(async () => {
    if (!existsSync(DATASET_FILE)) throw new Error(`${where} is missing: the sample dataset has not been written yet.`)
    documents = loadNdjson(DATASET_FILE)
    results = await validateDataset(documents)
  })

  it('holds every document type, and a draft, so that validating it covers them all', () => {
    const types = new Set(documents.map((doc) => doc._type))
    expect([...types].sort()).toEqual(expect.arrayContaining(['demo', 'event', 'photo', 'session', 'topic']))
    expect(
      documents.some((doc) => doc._id.startsWith('drafts.')),
      'the sample should include a draft document',
    ).toBe(true)
    expect(results.map((result) => result.id)).toEqual(documents.map((doc) => doc._id))
  })

  it('uses each document id once', () => {
    const ids = documents.map((doc) => doc._id)
    const repeated = [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))]
    expect(repeated, `These ids appear more than once in ${where}: ${repeated.join(', ')}`).toEqual([])
  })

  it('passes the Studio’s validation with no errors, drafts included', () => {
    const report = describeMarkers(results, ['error'])
    expect(report, `Fix these documents in ${where} (id, field, message):\n${report}`).toBe('')
  })

  it('has no fields that the schema does not know (a misspelt field would be silently ignored)', () => {
    const unknown = results.map(({id, markers}) => ({
      id,
      markers: markers.filter((marker) => marker.code === validationMarkerCodes.objectUnknownField),
    }))
    const report = describeMarkers(unknown, ['error', 'warning', 'info'])
    expect(report, `Rename or remove these fields in ${where}:\n${report}`).toBe('')
  })
})
