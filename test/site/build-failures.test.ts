import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {buildSite, tempDir} from '../helpers/build.ts'

let parent: string
let dist: string

// A previous good build, which a failed build must leave exactly as it was.
beforeEach(async () => {
  parent = await tempDir('failure')
  dist = join(parent, 'dist')
  await mkdir(dist)
  await writeFile(join(dist, 'index.html'), 'previous release')
})

async function expectPreviousSiteKept() {
  expect(await readFile(join(dist, 'index.html'), 'utf8')).toBe('previous release')
  expect((await readdir(parent)).filter((name) => name.startsWith('dist'))).toEqual(['dist'])
}

async function datasetFile(lines: string[]) {
  const file = join(parent, 'broken.ndjson')
  await writeFile(file, lines.join('\n'))
  return file
}

describe('a build that cannot get its content', () => {
  it('names a missing dataset file and keeps the previous site', async () => {
    const result = await buildSite({RECAP_DATASET: join(parent, 'missing.ndjson')}, dist)
    expect(result.code).toBe(1)
    expect(result.output).toContain(`Dataset not found: ${join(parent, 'missing.ndjson')}`)
    await expectPreviousSiteKept()
  })

  it('names the line of a malformed dataset', async () => {
    const file = await datasetFile(['{"_id":"topic.a","_type":"topic","title":"A","slug":{"current":"a"}}', '{"_id": oops}'])
    const result = await buildSite({RECAP_DATASET: file}, dist)
    expect(result.code).toBe(1)
    expect(result.output).toContain(`${file}:2: not valid JSON`)
    await expectPreviousSiteKept()
  })

  it('names the API host when the Content Lake cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await buildSite({SANITY_PROJECT_ID: 'recap0000', SANITY_API_HOST: `http://127.0.0.1:${port}`}, dist)
    expect(result.code).toBe(1)
    expect(result.output).toContain(`The Sanity API at 127.0.0.1:${port} could not be reached (ECONNREFUSED)`)
    await expectPreviousSiteKept()
  })

  it('publishes the rest and names the document that breaks what the pages rely on', async () => {
    const file = await datasetFile([
      '{"_id":"event.e","_type":"event","title":"E","slug":{"current":"e"},"startDate":"2020-01-01","endDate":"2020-01-02","timeZone":"UTC"}',
      '{"_id":"session.no-start","_type":"session","title":"S","slug":{"current":"s"},"event":{"_type":"reference","_ref":"event.e"},"endsAt":"2020-01-01T10:00:00Z"}',
    ])
    const result = await buildSite({RECAP_DATASET: file}, dist)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('Left out session session.no-start ("S"): startsAt: "" is not a date and time.')
    expect(await readFile(join(dist, 'events/e/index.html'), 'utf8')).not.toContain('session.no-start')
  })
})
