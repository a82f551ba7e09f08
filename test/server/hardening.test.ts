// The static server's hardening: security headers, containment inside the live release, NFC addresses,
// and repairing `current` when it disappears or dangles.
import {createHash} from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import {mkdir, rm, symlink, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {contentSecurityPolicy, htmlHeaders} from '../../core/headers.ts'
import {currentRelease, swapCurrent} from '../../src/server/releases.ts'
import {repairCurrent} from '../../src/server/releases.ts'
import {createStaticHandler, type StaticOptions} from '../../src/server/serve.ts'
import {tempDir} from './helpers.ts'

const A = '20250101T000000000Z'
const B = '20250102T000000000Z'
const PAGE =
  '<!doctype html><title>t</title><style>p{color:red}</style><p style="color: blue">x</p><script type="application/ld+json">{"a":1}</script>'
const SEARCH = '<!doctype html><title>s</title><script src="/pagefind/pagefind-ui.js"></script><script>new PagefindUI({})</script>'

let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string
let server: http.Server
let port: number

async function put(release: string, file: string, content: string): Promise<void> {
  const full = path.join(releases, release, file)
  await mkdir(path.dirname(full), {recursive: true})
  await writeFile(full, content)
}

async function listen(options: Partial<StaticOptions> = {}): Promise<void> {
  const handler = createStaticHandler({releasesDir: releases, repair: () => repairCurrent(releases), ...options})
  server = http.createServer((req, res) => void handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as net.AddressInfo).port
}

async function get(target: string) {
  const response = await fetch(`http://127.0.0.1:${port}${target}`, {redirect: 'manual'})
  return {status: response.status, headers: response.headers, text: await response.text()}
}

beforeEach(async () => {
  tmp = await tempDir()
  releases = path.join(tmp.dir, 'releases')
  await put(A, 'index.html', PAGE)
  await put(A, 'search/index.html', SEARCH)
  await put(A, '.recap/left-out.json', '[]')
  await put(A, `events/${'über-straße'.normalize('NFC')}/index.html`, '<p>über</p>')
  await writeFile(path.join(tmp.dir, 'outside.txt'), 'secret outside the release')
  await swapCurrent(releases, A)
})

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await tmp.remove()
})

describe('security headers', () => {
  it('give HTML a CSP with exactly its inline style, style attribute and script hashes, and frame protection', async () => {
    await listen()
    const home = await get('/')
    const csp = home.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/)
    expect(csp).toMatch(/style-src-attr 'unsafe-hashes' 'sha256-[A-Za-z0-9+/=]+'(;|$)/)
    expect(csp).toContain("script-src 'self';") // the JSON-LD block is data and needs no permission
    expect(csp).toContain("img-src 'self' data:")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(home.headers.get('x-frame-options')).toBe('DENY')
    expect(home.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(home.headers.get('x-content-type-options')).toBe('nosniff')

    const search = (await get('/search/')).headers.get('content-security-policy')!
    expect(search).toMatch(/script-src 'self' 'sha256-[^']+' 'wasm-unsafe-eval';/)
  })

  it('let the Studio origin frame pages for its preview when configured', () => {
    const headers = htmlHeaders(PAGE, {studioOrigin: 'https://studio.example'})
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self' https://studio.example")
    expect(headers['x-frame-options']).toBeUndefined()
  })

  it('hash what the browser sees: entities in style attributes are decoded first', () => {
    const decoded = createHash('sha256').update('a:"b"').digest('base64')
    expect(contentSecurityPolicy('<p style="a:&quot;b&quot;">')).toContain(`'sha256-${decoded}'`)
  })

  it('say nosniff on errors too', async () => {
    await listen()
    for (const target of ['/missing', '/%zz', '/../outside.txt']) {
      expect((await get(target)).headers.get('x-content-type-options'), target).toBe('nosniff')
    }
  })
})

describe('the live release only', () => {
  it('never serves a file a symlink inside the release points out to, nor its dot files', async () => {
    await symlink(path.join(tmp.dir, 'outside.txt'), path.join(releases, A, 'leak.txt'))
    await symlink(tmp.dir, path.join(releases, A, 'up'))
    await listen()
    for (const target of ['/leak.txt', '/up/outside.txt', '/.recap/left-out.json']) {
      const response = await get(target)
      expect(response.status, target).toBe(404)
      expect(response.text).not.toContain('secret')
    }
  })

  it('answers an NFD or NFC request for a non-ASCII address with the same page', async () => {
    await listen()
    for (const form of ['NFC', 'NFD'] as const) {
      const response = await get(`/events/${encodeURIComponent('über-straße'.normalize(form))}/`)
      expect(response.status, form).toBe(200)
      expect(response.text).toContain('über')
    }
  })
})

describe('when current goes missing', () => {
  it('repairs a deleted link from the newest good release at the next request', async () => {
    await put(B, 'index.html', '<p>release B</p>')
    await listen()
    await unlink(path.join(releases, 'current'))
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.text).toContain('release B')
    expect(await currentRelease(releases)).toBe(B)
  })

  it('repairs a link that dangles after its release was deleted', async () => {
    await put(B, 'index.html', '<p>release B</p>')
    await swapCurrent(releases, B)
    await listen()
    expect((await get('/')).text).toContain('release B')
    await rm(path.join(releases, B), {recursive: true})
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.text).toContain('<title>t</title>')
    expect(await currentRelease(releases)).toBe(A)
  })

  it('says a build is running only when one is', async () => {
    await rm(path.join(releases, A), {recursive: true})
    await unlink(path.join(releases, 'current'))
    let building = false
    await listen({building: () => building})
    const idle = await get('/')
    expect(idle.status).toBe(503)
    expect(idle.text).not.toContain('being built')
    expect(idle.text).toContain('no build is running')
    building = true
    expect((await get('/')).text).toContain('being built')
  })
})

describe('the public part of /api/status', () => {
  it('drops stderr, absolute paths and stack frames from errors', async () => {
    const {publicStatus, redact} = await import('../../src/server/status.ts')
    expect(
      redact('could not start the build: spawn /srv/recap/node_modules/.bin/astro ENOENT\n    at spawn (node:child_process:1:1)'),
    ).toBe('could not start the build: spawn … ENOENT')
    const error = {message: 'failed in /home/me/recap/src/x.ts', stderrTail: 'Error: boom\n    at /home/me/recap/src/x.ts:1:1'}
    const shown = publicStatus({
      mode: 'build',
      relay: null,
      current: A,
      building: false,
      buildingSince: null,
      pending: false,
      nextBuildAt: null,
      consecutiveFailures: 1,
      lastBuild: {result: 'failed', id: B, startedAt: '', finishedAt: '', durationMs: 1, pages: null, error},
      lastSuccess: null,
      lastError: {...error, at: ''},
      contentUpdatedAt: null,
      releases: [A],
      leftOut: [{id: 'session.x', type: 'session', title: 'X', field: 'endsAt', rule: 'r', problem: 'p', fix: 'f'}],
    })
    expect(JSON.stringify(shown)).not.toMatch(/\/home\/me|boom|\bat \//)
    expect(shown.leftOut).toHaveLength(1)
    expect(shown.lastBuild?.error?.message).toBe('failed in …')
  })
})

describe('conditional requests from apps that poll', () => {
  it.each(['events/e/calendar.ics', 'events/e/schedule.xml', 'events/e/schedule.json', 'rss.xml'])(
    '%s answers 304 to If-None-Match and If-Modified-Since',
    async (file) => {
      await put(A, file, 'content')
      await listen()
      const first = await fetch(`http://127.0.0.1:${port}/${file}`)
      expect(first.status).toBe(200)
      const etag = first.headers.get('etag')!
      const lastModified = first.headers.get('last-modified')!
      expect((await fetch(`http://127.0.0.1:${port}/${file}`, {headers: {'if-none-match': etag}})).status).toBe(304)
      expect((await fetch(`http://127.0.0.1:${port}/${file}`, {headers: {'if-modified-since': lastModified}})).status).toBe(304)
      expect((await fetch(`http://127.0.0.1:${port}/${file}`, {headers: {'if-none-match': '"other"'}})).status).toBe(200)
    },
  )
})

describe('the left-out list in /api/status', () => {
  it('comes from the live release, for anyone', async () => {
    const {readLeftOut} = await import('../../core/leftOut.ts')
    const {createStatusHandler} = await import('../../src/server/status.ts')
    const entry = {
      id: 'session.x',
      type: 'session',
      title: 'X',
      field: 'endsAt',
      rule: 'session ends after it starts',
      problem: 'The session ends before it starts.',
      fix: 'Set an end time after the start time.',
    }
    await put(A, '.recap/left-out.json', JSON.stringify([entry]))
    const leftOut = await readLeftOut(releases, A)
    expect(leftOut).toEqual([entry])
    expect(await readLeftOut(releases, B)).toEqual([])
    const handler = createStatusHandler(async () => ({
      mode: 'build',
      relay: null,
      current: A,
      building: false,
      buildingSince: null,
      pending: false,
      nextBuildAt: null,
      consecutiveFailures: 0,
      lastBuild: null,
      lastSuccess: null,
      lastError: null,
      contentUpdatedAt: null,
      releases: [A],
      leftOut,
    }))
    server = http.createServer((req, res) => void handler(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
    const status = JSON.parse((await get('/api/status')).text)
    expect(status.leftOut).toEqual([entry])
    expect(status.detail).toBe('public')
  })

  it('counts dropped parts for anyone, and names them only with the token', async () => {
    const {createStatusHandler} = await import('../../src/server/status.ts')
    const left = {id: 'session.x', type: 'session', title: 'X', field: 'endsAt', rule: 'r', problem: 'p', fix: 'f'}
    const dropped = {...left, id: 'session.y', field: 'links[_key=="l1"]', rule: 'valid link', kind: 'dropped' as const}
    const handler = createStatusHandler(
      async () => ({
        mode: 'build',
        relay: null,
        current: A,
        building: false,
        buildingSince: null,
        pending: false,
        nextBuildAt: null,
        consecutiveFailures: 0,
        lastBuild: null,
        lastSuccess: null,
        lastError: null,
        contentUpdatedAt: null,
        releases: [A],
        leftOut: [left, dropped],
        dropped: 1,
      }),
      {token: 'secret'},
    )
    server = http.createServer((req, res) => void handler(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as net.AddressInfo).port
    const shown = JSON.parse((await get('/api/status')).text)
    expect(shown).toMatchObject({leftOut: [left], dropped: 1})
    const full = await (await fetch(`http://127.0.0.1:${port}/api/status`, {headers: {authorization: 'Bearer secret'}})).json()
    expect(full).toMatchObject({leftOut: [left, dropped], dropped: 1, detail: 'full'})
  })
})
