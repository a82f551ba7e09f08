import {cp, readFile, writeFile} from 'node:fs/promises'
import {createServer} from 'node:http'
import {join} from 'node:path'
import type {AddressInfo} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEmbeddedDataset} from '../../src/lib/content/embedded.ts'
import {embeddedSource, lakeSource} from '../../src/lib/content/source.ts'
import {contentVersion} from '../../src/lib/content/version.ts'
import {CONTENT_DIGEST_QUERY, SITE_QUERY} from '../../src/lib/queries.ts'
import {tempDir} from '../helpers/build.ts'
import {startContentLake, type ContentLake} from '../helpers/contentLake.ts'

const DATASET = 'dataset/production.ndjson'
let lake: ContentLake

beforeAll(async () => {
  lake = await startContentLake(DATASET)
})
afterAll(() => lake.close())

describe('the embedded dataset', () => {
  it('leaves drafts out, as the published perspective does', async () => {
    const documents = await loadEmbeddedDataset(DATASET)
    expect(documents.some((document) => document._id.startsWith('drafts.'))).toBe(false)
    const raw = await embeddedSource(DATASET).fetch<{sessions: {title: string}[]}>(SITE_QUERY)
    expect(raw.sessions.map((session) => session.title).join(' ')).not.toMatch(/Neutron networking roundtable/)
  })

  it('turns _sanityAsset images into image assets with a URL, dimensions and an LQIP', async () => {
    const documents = await loadEmbeddedDataset(DATASET)
    const assets = documents.filter((document) => document._type === 'sanity.imageAsset') as unknown as {
      _id: string
      url: string
      metadata: {dimensions: {width: number; height: number}; lqip: string}
    }[]
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const asset of assets) {
      expect(asset._id).toMatch(/^image-[0-9a-f]{40}-\d+x\d+-jpg$/)
      expect(asset._id).toContain(`${asset.metadata.dimensions.width}x${asset.metadata.dimensions.height}`)
      expect(asset.metadata.lqip).toMatch(/^data:image\/jpeg;base64,/)
      const response = await fetch(asset.url)
      expect(response.headers.get('content-type')).toBe('image/jpeg')
    }
    const photo = documents.find((document) => document._id === 'photo.china-telecom-slide') as unknown as {
      image: {asset: {_ref: string}; _sanityAsset?: string}
    }
    expect(photo.image._sanityAsset).toBeUndefined()
    expect(assets.map((asset) => asset._id)).toContain(photo.image.asset._ref)
  })
})

describe('the Content Lake backend', () => {
  it('returns the same content graph as the embedded backend for the site query', async () => {
    const source = lakeSource({projectId: 'recap0000', dataset: 'production', apiHost: lake.url})
    const strip = (value: unknown) => JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ASSETS')
    expect(strip(await source.fetch(SITE_QUERY))).toBe(strip(await embeddedSource(DATASET).fetch(SITE_QUERY)))
    expect(await source.fetch(CONTENT_DIGEST_QUERY)).toEqual(await embeddedSource(DATASET).fetch(CONTENT_DIGEST_QUERY))
  })

  it('gives the same content digest as the embedded backend, and a new one when a document is deleted or edited', async () => {
    const lines = (await readFile(DATASET, 'utf8')).split('\n').filter(Boolean)
    // Beside a copy of the images, which the dataset names by relative path.
    const dir = await tempDir('digest')
    await cp('dataset/images', join(dir, 'images'), {recursive: true})
    const variant = async (name: string, edit: (lines: string[]) => string[]) => {
      const file = join(dir, name)
      await writeFile(file, edit(lines).join('\n'))
      const stand = await startContentLake(file)
      try {
        const fromLake = await contentVersion(lakeSource({projectId: 'recap0000', dataset: 'production', apiHost: stand.url}))
        expect(fromLake).toEqual(await contentVersion(embeddedSource(file, {assets: false})))
        return fromLake.digest
      } finally {
        await stand.close()
      }
    }
    const session = lines.findIndex((line) => line.includes('"_type":"session"') && !line.includes('drafts.'))
    const original = await variant('same.ndjson', (all) => all)
    const deleted = await variant('deleted.ndjson', (all) => all.filter((_, index) => index !== session))
    const edited = await variant('edited.ndjson', (all) =>
      all.map((line, index) =>
        index === session ? line.replace('"title":"', '"_updatedAt":"2030-01-01T00:00:00Z","title":"Retitled ') : line,
      ),
    )
    expect(new Set([original, deleted, edited]).size).toBe(3)
  })

  it('names the host and the status when the API refuses', async () => {
    lake.fail(503)
    try {
      const source = lakeSource({projectId: 'recap0000', dataset: 'production', apiHost: lake.url})
      await expect(source.fetch(CONTENT_DIGEST_QUERY)).rejects.toThrow(`The Sanity API at ${new URL(lake.url).host} answered HTTP 503`)
    } finally {
      lake.fail(null)
    }
  })

  it('names the host when the API cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const source = lakeSource({projectId: 'recap0000', dataset: 'production', apiHost: `http://127.0.0.1:${port}`})
    await expect(source.fetch(CONTENT_DIGEST_QUERY)).rejects.toThrow(
      `The Sanity API at 127.0.0.1:${port} could not be reached (ECONNREFUSED)`,
    )
  }, 60_000)
})
