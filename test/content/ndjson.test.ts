import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readNdjson} from '../../src/lib/content/ndjson.ts'

async function datasetWith(text: string) {
  const file = join(await mkdtemp(join(tmpdir(), 'recap-ndjson-')), 'broken.ndjson')
  await writeFile(file, text)
  return file
}

describe('the NDJSON dataset loader', () => {
  it('rejects a malformed line and names the file and its line number', async () => {
    const file = await datasetWith('{"_id":"a","_type":"topic"}\n\n{"_id":"b","_type":"topic"\n')
    await expect(readNdjson(file)).rejects.toThrow(`${file}:3: not valid JSON`)
  })

  it('rejects a line that is not a document and names its line', async () => {
    const file = await datasetWith('{"_id":"a","_type":"topic"}\n[1,2]\n')
    await expect(readNdjson(file)).rejects.toThrow(`${file}:2: each line must be one JSON object`)
  })

  it('names a document without a _type', async () => {
    const file = await datasetWith('{"_id":"session.x"}\n')
    await expect(readNdjson(file)).rejects.toThrow(`${file}:1: document session.x has no _type`)
  })

  it('says which file is missing and how to point at another', async () => {
    await expect(readNdjson('/nowhere/production.ndjson')).rejects.toThrow(
      'Dataset not found: /nowhere/production.ndjson. Set RECAP_DATASET',
    )
  })

  it('reads every document of the sample dataset', async () => {
    const documents = await readNdjson('dataset/production.ndjson')
    expect(documents.map((document) => document._type)).toEqual(expect.arrayContaining(['event', 'session', 'demo', 'photo']))
  })
})
