// Done when: the sample site deployed with `npm run deploy` to a local S3 stand-in serves the
// same bytes as `npm start` serving the same build.

import {execFile} from 'node:child_process'
import {readdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildSite} from '../helpers/build.ts'
import {startServiceProcess, tempDir, type ServiceProcess} from '../server/helpers.ts'
import {CREDENTIALS, startS3StandIn, type S3StandIn} from './s3-stand-in.ts'

const run = promisify(execFile)
const DEPLOY = path.join(import.meta.dirname, '../../src/cdn/main.ts')

let tmp: Awaited<ReturnType<typeof tempDir>>
let dist: string
let s3: S3StandIn
let service: ServiceProcess

beforeAll(async () => {
  tmp = await tempDir('recap-cdn-')
  const build = await buildSite({}, path.join(tmp.dir, 'dist'))
  expect(build.code, build.output).toBe(0)
  dist = build.dir
  s3 = await startS3StandIn()
  await s3.createSiteBucket('recap-site')
  await writeFile(path.join(tmp.dir, 'updated-at'), '2025-06-01T10:00:00Z')
  // `npm start` publishes the very same build as its release.
  service = await startServiceProcess({
    SANITY_WEBHOOK_SECRET: 'cdn-test-secret',
    RECAP_RELEASES_DIR: path.join(tmp.dir, 'releases'),
    RECAP_BUILD_COMMAND: `cp -R '${dist}/.' "$RECAP_OUT_DIR"`,
    FAKE_UPDATED_AT_FILE: path.join(tmp.dir, 'updated-at'),
  })
})

afterAll(async () => {
  await service?.stop('SIGKILL')
  await s3?.close()
  await tmp?.remove()
})

async function deploy(): Promise<string> {
  const {stdout} = await run(process.execPath, [DEPLOY, dist], {
    env: {
      PATH: process.env.PATH ?? '',
      RECAP_S3_BUCKET: 'recap-site',
      RECAP_S3_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
  })
  return stdout
}

async function get(url: string): Promise<{status: number; type: string | null; body: Buffer}> {
  const response = await fetch(url)
  return {status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer())}
}

describe('the sample site on a bucket', () => {
  it('serves the same bytes through the bucket as npm start does, and a second deploy uploads nothing', async () => {
    const first = await deploy()
    expect(first).toMatch(/deploy\.finished files=\d+ uploaded=\d+ unchanged=0/)
    const live = await get(`${service.url}/`)
    expect(live.status).toBe(200)

    const astro = (await readdir(path.join(dist, '_astro'))).filter((name) => /\.(css|js|webp|jpe?g)$/.test(name))
    const sample = [
      '/',
      '/topics/',
      '/topics/containers/',
      '/search/',
      '/rss.xml',
      '/sitemap-index.xml',
      '/favicon.svg',
      '/pagefind/pagefind.js',
      ...astro.slice(0, 4).map((name) => `/_astro/${name}`),
    ]
    const session = (await readdir(path.join(dist, 'events'), {recursive: true})).find((name) => name.endsWith(`${path.sep}index.html`))
    if (session) sample.push(`/events/${path.dirname(session).split(path.sep).join('/')}/`)
    expect(sample.length).toBeGreaterThan(10)
    for (const page of sample) {
      const [fromService, fromBucket] = await Promise.all([get(`${service.url}${page}`), get(`${s3.endpoint}/recap-site${page}`)])
      expect(fromService.status, page).toBe(200)
      expect(fromBucket.status, page).toBe(200)
      expect(fromBucket.type, page).toBe(fromService.type)
      expect(fromBucket.body.equals(fromService.body), page).toBe(true)
    }

    expect(await deploy()).toMatch(/deploy\.finished files=\d+ uploaded=0 /)
  })

  it('a bad argument or a missing bucket setting fails with one sentence naming it', async () => {
    const failure = await run(process.execPath, [DEPLOY, path.join(tmp.dir, 'nowhere')], {
      env: {PATH: process.env.PATH ?? '', RECAP_S3_BUCKET: 'recap-site'},
    }).catch((error: {code: number; stdout: string}) => error)
    expect(failure).toMatchObject({code: 1})
    expect((failure as {stdout: string}).stdout).toMatch(/deploy\.failed error=".*nowhere is neither a folder nor a release/)
    const unset = await run(process.execPath, [DEPLOY, dist], {env: {PATH: process.env.PATH ?? ''}}).catch(
      (error: {stdout: string}) => error,
    )
    expect((unset as {stdout: string}).stdout).toContain('RECAP_S3_BUCKET is not set')
  })
})
