// `npm run deploy` against s3rver, a local S3-compatible store: what gets uploaded, in which
// order, with which headers, what a cut-short deploy leaves behind, and when leftovers go.

import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {HeadObjectCommand} from '@aws-sdk/client-s3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {deployToBucket} from '../../src/cdn/bucket-deploy.ts'
import {readSiteFiles} from '../../src/cdn/site-files.ts'
import {startS3StandIn, type S3StandIn} from './s3-stand-in.ts'

const FIXTURES = path.join(import.meta.dirname, '../fixtures/cdn')
const V1 = path.join(FIXTURES, 'v1')
const V2 = path.join(FIXTURES, 'v2')
const HOUR = 3_600_000
const GRACE = 48 * HOUR

let s3: S3StandIn
let buckets = 0

beforeAll(async () => {
  s3 = await startS3StandIn()
})

afterAll(async () => {
  await s3.close()
})

async function newBucket(): Promise<string> {
  const name = `site-${++buckets}`
  await s3.createSiteBucket(name)
  return name
}

function deploy(bucket: string, dir: string, {at = Date.UTC(2025, 5, 1), failAfterPuts = Infinity} = {}) {
  const {client, puts} = s3.client({failAfterPuts})
  const result = deployToBucket({dir, target: {client, bucket, prefix: ''}, graceMs: GRACE, now: () => at})
  return {result, puts}
}

/** What a reader gets for `urlPath` through the bucket's website endpoint. */
async function served(bucket: string, urlPath: string): Promise<{status: number; body: Buffer}> {
  const response = await fetch(`${s3.endpoint}/${bucket}${urlPath}`)
  return {status: response.status, body: Buffer.from(await response.arrayBuffer())}
}

/** Every file of `dir` is served with exactly its bytes. */
async function servesSite(bucket: string, dir: string): Promise<void> {
  for (const file of await readSiteFiles(dir)) {
    const {status, body} = await served(bucket, `/${file.path}`)
    expect(status, file.path).toBe(200)
    expect(body.equals(await readFile(file.file)), file.path).toBe(true)
  }
}

/** Every page served is one of `versions`' copies of it, and everything it links to loads. */
async function everyPageWhole(bucket: string, versions: string[]): Promise<void> {
  const pages = new Set<string>()
  for (const dir of versions) for (const file of await readSiteFiles(dir)) if (file.phase === 'html') pages.add(file.path)
  for (const page of pages) {
    const {status, body} = await served(bucket, `/${page}`)
    if (status === 404) continue
    const copies = await Promise.all(versions.map((dir) => readFile(path.join(dir, page)).catch(() => null)))
    expect(
      copies.some((copy) => copy?.equals(body)),
      page,
    ).toBe(true)
    for (const [, link] of body.toString().matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)) {
      expect((await served(bucket, link!)).status, `${page} loads ${link}`).toBe(200)
    }
  }
}

describe('npm run deploy to an S3-compatible bucket', () => {
  it('the first deploy uploads hashed assets, then the rest, then HTML, with types and cache headers', async () => {
    const bucket = await newBucket()
    const {result, puts} = deploy(bucket, V1)
    const report = await result
    expect(report).toMatchObject({files: 8, uploaded: {hashed: 3, other: 2, html: 3}, unchanged: 0, deleted: 0})
    const site = puts.filter((key) => key !== '.recap-deploy.json')
    expect(site.slice(0, 3).every((key) => key.startsWith('_astro/'))).toBe(true)
    expect(site.slice(-3).every((key) => key.endsWith('.html'))).toBe(true)
    await servesSite(bucket, V1)
    expect((await served(bucket, '/sessions/keynote/')).body.toString()).toContain('<h1>Keynote</h1>')

    const {client} = s3.client()
    const head = (Key: string) => client.send(new HeadObjectCommand({Bucket: bucket, Key}))
    expect(await head('_astro/page.K8mN2pQ4.js')).toMatchObject({
      ContentType: 'text/javascript; charset=utf-8',
      CacheControl: 'public, max-age=31536000, immutable',
    })
    expect(await head('_astro/stage_Zx91Qw.webp')).toMatchObject({ContentType: 'image/webp'})
    expect(await head('index.html')).toMatchObject({ContentType: 'text/html; charset=utf-8', CacheControl: 'no-cache'})
    expect(await head('rss.xml')).toMatchObject({ContentType: 'application/xml; charset=utf-8', CacheControl: 'no-cache'})
    expect(await head('favicon.svg')).toMatchObject({ContentType: 'image/svg+xml; charset=utf-8'})
  })

  it('repeating a deploy uploads nothing', async () => {
    const bucket = await newBucket()
    await deploy(bucket, V1).result
    const again = deploy(bucket, V1)
    expect(await again.result).toMatchObject({uploaded: {hashed: 0, other: 0, html: 0}, unchanged: 8})
    expect(again.puts).toEqual([])
  })

  it('a new release uploads only what changed, and keeps what it dropped for the grace period', async () => {
    const bucket = await newBucket()
    const start = Date.UTC(2025, 5, 1)
    await deploy(bucket, V1, {at: start}).result
    const second = deploy(bucket, V2, {at: start + HOUR})
    expect(await second.result).toMatchObject({uploaded: {hashed: 1, other: 1, html: 2}, deleted: 0, stale: 2})
    expect(second.puts.filter((key) => key !== '.recap-deploy.json').sort()).toEqual([
      '_astro/page.R7sT1uV9.js',
      'index.html',
      'rss.xml',
      'sessions/demo/index.html',
    ])
    await servesSite(bucket, V2)
    // A tab still showing v1 keeps loading v1's script and image.
    expect((await served(bucket, '/_astro/page.K8mN2pQ4.js')).status).toBe(200)
    expect((await served(bucket, '/_astro/stage_Zx91Qw.webp')).status).toBe(200)

    // Within the grace period (counted from when they went stale) nothing goes; after it, they do.
    expect(await deploy(bucket, V2, {at: start + HOUR + GRACE - 1}).result).toMatchObject({deleted: 0, stale: 2})
    const later = deploy(bucket, V2, {at: start + HOUR + GRACE})
    expect(await later.result).toMatchObject({deleted: 2, stale: 0, uploaded: {hashed: 0, other: 0, html: 0}})
    expect((await served(bucket, '/_astro/page.K8mN2pQ4.js')).status).toBe(404)
    await servesSite(bucket, V2)
  })

  it('a deploy cut short leaves the old site whole, and the next deploy finishes the job', async () => {
    const bucket = await newBucket()
    await deploy(bucket, V1).result
    // The manifest, then v2's new script, then the connection drops: no page has changed yet.
    const cut = deploy(bucket, V2, {failAfterPuts: 2})
    await expect(cut.result).rejects.toThrow('connection lost')
    for (const page of ['index.html', 'sessions/keynote/index.html']) {
      expect((await served(bucket, `/${page}`)).body.equals(await readFile(path.join(V1, page))), page).toBe(true)
    }
    await everyPageWhole(bucket, [V1])

    // Cut short again in the HTML phase: each page is v1's or v2's, and loads everything it needs.
    await expect(deploy(bucket, V2, {failAfterPuts: 4}).result).rejects.toThrow('connection lost')
    await everyPageWhole(bucket, [V1, V2])

    // Going back to v1 re-uploads what the cut-short deploys changed, even though the manifest
    // of the last complete deploy says v1 is what is there.
    await deploy(bucket, V1).result
    await servesSite(bucket, V1)
    await deploy(bucket, V2).result
    await servesSite(bucket, V2)
  })
})
