// One module says what a release publishes: `npm run deploy` uploads exactly the files `npm start`
// serves, with the same content type, cache policy and security headers, and never `.recap/`.

import http from 'node:http'
import type net from 'node:net'
import {cp, mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {HeadObjectCommand} from '@aws-sdk/client-s3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {deployToBucket} from '../../src/cdn/bucket-deploy.ts'
import {readSiteFiles} from '../../src/cdn/site-files.ts'
import {swapCurrent} from '../../src/server/releases.ts'
import {createStaticHandler} from '../../src/server/serve.ts'
import {publicFile} from '../../core/publicFiles.ts'
import {tempDir} from '../server/helpers.ts'
import {startS3StandIn, type S3StandIn} from './s3-stand-in.ts'

const V1 = path.join(import.meta.dirname, '../fixtures/cdn/v1')
const RELEASE = '20250601T000000000Z'
const PRIVATE = ['.recap/left-out.json', '.env', 'sessions/.draft.html']
const STUDIO = 'https://recap.sanity.studio'

let tmp: Awaited<ReturnType<typeof tempDir>>
let site: string
let s3: S3StandIn
let server: http.Server
let base: string

beforeAll(async () => {
  tmp = await tempDir('recap-public-')
  site = path.join(tmp.dir, 'releases', RELEASE)
  await cp(V1, site, {recursive: true})
  for (const name of PRIVATE) {
    await mkdir(path.dirname(path.join(site, name)), {recursive: true})
    await writeFile(path.join(site, name), '[{"document":"session-1","field":"title","value":"bad"}]')
  }
  await swapCurrent(path.join(tmp.dir, 'releases'), RELEASE)
  const handler = createStaticHandler({releasesDir: path.join(tmp.dir, 'releases'), headers: {studioOrigin: STUDIO}})
  server = http.createServer((req, res) => void handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  s3 = await startS3StandIn()
  await s3.createSiteBucket('site')
})

afterAll(async () => {
  server?.close()
  await s3?.close()
  await tmp?.remove()
})

describe('what a release publishes', () => {
  it('the deploy never uploads .recap/ or any other dot file, and writes the headers it can as metadata', async () => {
    const {client, puts} = s3.client()
    const report = await deployToBucket({
      dir: site,
      target: {client, bucket: 'site', prefix: ''},
      graceMs: 0,
      headers: {studioOrigin: STUDIO},
    })
    expect(report.files).toBe(8)
    for (const name of PRIVATE) expect(puts).not.toContain(name)
    expect(puts.some((key) => key.startsWith('.recap/'))).toBe(false)

    const head = (Key: string) => client.send(new HeadObjectCommand({Bucket: 'site', Key}))
    await expect(head('.recap/left-out.json')).rejects.toThrow()
    const page = await head('index.html')
    const served = await fetch(`${base}/`)
    expect(page).toMatchObject({ContentType: 'text/html; charset=utf-8', CacheControl: 'no-cache'})
    expect(page.Metadata).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'content-security-policy': served.headers.get('content-security-policy'),
    })
    expect(page.Metadata?.['content-security-policy']).toContain(`frame-ancestors 'self' ${STUDIO}`)
    expect((await head('_astro/page.K8mN2pQ4.js')).Metadata).toMatchObject({'x-content-type-options': 'nosniff'})
  })

  it('npm start and the deploy agree on every file: public or not, content type and cache policy', async () => {
    const uploaded = new Map((await readSiteFiles(site, {studioOrigin: STUDIO})).map((file) => [file.path, file]))
    for (const name of [...uploaded.keys(), ...PRIVATE]) {
      const response = await fetch(`${base}/${name}`)
      const file = uploaded.get(name)
      expect(response.status === 200, name).toBe(file !== undefined)
      expect(publicFile(name) !== null, name).toBe(file !== undefined)
      if (!file) continue
      expect(response.headers.get('content-type'), name).toBe(file.contentType)
      expect(response.headers.get('cache-control'), name).toBe(file.cacheControl)
      for (const [header, value] of Object.entries(file.headers)) expect(response.headers.get(header), `${name} ${header}`).toBe(value)
    }
  })
})
