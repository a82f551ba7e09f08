// The service as a process: `node src/server/main.ts` with the fake builder and fake content.

import {spawn} from 'node:child_process'
import {lstat, readdir, readFile, readlink, rm, symlink, unlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {Status} from '../../src/server/status.ts'
import {
  buildEvents,
  isAlive,
  ROLLBACK,
  signedDelivery,
  startServiceProcess,
  tempDir,
  waitFor,
  writeControl,
  type FakeControl,
  type ServiceProcess,
} from './helpers.ts'

const SECRET = 'main-test-secret-value'
const PREVIOUS = 'main-test-previous-secret'

let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string
let control: string
let buildLog: string
let updatedAt: string
let pollLog: string
let services: ServiceProcess[]

beforeEach(async () => {
  tmp = await tempDir()
  releases = path.join(tmp.dir, 'releases')
  control = path.join(tmp.dir, 'control.json')
  buildLog = path.join(tmp.dir, 'builds.ndjson')
  updatedAt = path.join(tmp.dir, 'updated-at')
  pollLog = path.join(tmp.dir, 'polls.log')
  await writeFile(updatedAt, '2025-06-01T10:00:00Z')
  services = []
})

afterEach(async () => {
  for (const service of services) await service.stop('SIGKILL')
  await tmp.remove()
})

async function start(fake: FakeControl, env: Record<string, string> = {}, args: string[] = []): Promise<ServiceProcess> {
  await writeControl(control, fake)
  const service = await startServiceProcess(
    {
      SANITY_WEBHOOK_SECRET: SECRET,
      SANITY_WEBHOOK_SECRET_PREVIOUS: PREVIOUS,
      RECAP_RELEASES_DIR: releases,
      RECAP_QUIET_MS: '100',
      RECAP_MAX_WAIT_MS: '1000',
      RECAP_RETRY_MIN_MS: '300',
      FAKE_BUILD_CONTROL: control,
      FAKE_BUILD_LOG: buildLog,
      FAKE_UPDATED_AT_FILE: updatedAt,
      FAKE_POLL_LOG: pollLog,
      RECAP_STATUS_TOKEN: STATUS_TOKEN,
      ...env,
    },
    args,
  )
  services.push(service)
  return service
}

const STATUS_TOKEN = 'editors-status-token'

const status = async (service: ServiceProcess, token?: string): Promise<Status> =>
  (await fetch(`${service.url}/api/status`, token ? {headers: {authorization: `Bearer ${token}`}} : {})).json() as Promise<Status>

const page = async (service: ServiceProcess, target = '/'): Promise<{status: number; text: string}> => {
  const response = await fetch(`${service.url}${target}`)
  return {status: response.status, text: await response.text()}
}

const deliver = async (service: ServiceProcess, id: string, secret = SECRET): Promise<Response> => {
  const delivery = await signedDelivery(JSON.stringify({_id: id, _type: 'session'}), secret)
  return fetch(`${service.url}/api/rebuild`, {
    method: 'POST',
    body: delivery.body,
    headers: {...delivery.headers, 'idempotency-key': `key-${id}`},
  })
}

const servesLabel = (service: ServiceProcess, label: string) =>
  waitFor(async () => (await page(service)).text.includes(`<p>${label}</p>`), {what: `release "${label}" to be served`})

const polls = async () => (await readFile(pollLog, 'utf8').catch(() => '')).split('\n').length - 1

const started = async (label: string) => (await buildEvents(buildLog)).filter((e) => e.event === 'started' && e.label === label)

const buildStarted = (label: string) =>
  waitFor(
    async () => {
      const events = await started(label)
      return events.length > 0 && events[0]
    },
    {what: `the "${label}" build to start`},
  )

describe('npm start', () => {
  it('puts back a deleted or dangling current link within seconds, with no request needed', async () => {
    const service = await start({pages: 3, label: 'good'})
    await servesLabel(service, 'good')
    const link = path.join(releases, 'current')
    const live = await readlink(link)
    await unlink(link)
    await waitFor(async () => (await readlink(link).catch(() => null)) === live, {what: 'current to be repaired', timeoutMs: 5_000})
    await rm(link)
    await symlink('20000101T000000000Z', link)
    await waitFor(async () => (await readlink(link).catch(() => null)) === live, {
      what: 'a dangling current to be repaired',
      timeoutMs: 5_000,
    })
    expect((await page(service)).text).toContain('<p>good</p>')
    expect(service.lines.some((line) => line.includes('release.repaired'))).toBe(true)
  })

  it('builds when there is no release, acknowledges webhooks at once, rebuilds and swaps', async () => {
    const service = await start({pages: 4, label: 'first'})
    await servesLabel(service, 'first')

    await writeControl(control, {pages: 4, label: 'second', sleepMs: 1_500})
    expect((await deliver(service, 'session-1')).status).toBe(202)
    const secondBuild = await buildStarted('second')

    // The next delivery is acknowledged while that build is still sleeping.
    await writeControl(control, {pages: 4, label: 'third'})
    const ack = await deliver(service, 'session-2', PREVIOUS)
    expect(ack.status).toBe(202)
    const events = await buildEvents(buildLog)
    expect(events.some((e) => e.event === 'finished' && e.pid === secondBuild.pid)).toBe(false)
    const journal = (await readFile(path.join(releases, 'state/triggers.ndjson'), 'utf8')).trim().split('\n')
    expect(journal.map((line) => JSON.parse(line).doc)).toContain('session-2')
    expect(await status(service)).toMatchObject({building: true, pending: true})

    await servesLabel(service, 'second')
    await servesLabel(service, 'third')

    // A replay is acknowledged but builds nothing.
    await waitFor(
      async () => {
        const s = await status(service)
        return !s.building && !s.pending
      },
      {what: 'the queue to settle after the third build'},
    )
    const replay = await deliver(service, 'session-1')
    expect(replay.status).toBe(200)
    // The trigger is journalled and queued before the answer, so nothing queued means no build.
    expect(await status(service)).toMatchObject({building: false, pending: false})
    const labels = (await buildEvents(buildLog)).filter((e) => e.event === 'started').map((e) => e.label)
    expect(labels).toEqual(['first', 'second', 'third'])

    const response = await fetch(`${service.url}/api/status`, {headers: {origin: 'https://studio.example'}})
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const body = (await response.json()) as Status
    expect(body).toMatchObject({
      building: false,
      pending: false,
      consecutiveFailures: 0,
      lastBuild: {result: 'ok', pages: 4, error: null},
      contentUpdatedAt: '2025-06-01T10:00:00Z',
    })
    expect(body.current).toBe(body.releases[0])
    expect(body.releases).toHaveLength(3)
    expect(body.lastBuild?.durationMs).toBeGreaterThan(0)

    // A tab opened on the first release still gets its script.
    const firstHtml = (await readFile(path.join(releases, body.releases[2]!, 'index.html'), 'utf8')).match(/\/_astro\/[^"]+/)![0]
    expect((await page(service, firstHtml)).status).toBe(200)

    expect(service.lines.some((line) => line.includes(SECRET) || line.includes(PREVIOUS))).toBe(false)
    expect(await service.stop('SIGTERM')).toBe(0)
  })

  it('a failed build is reported in the status, the site stays up, and the build is retried', async () => {
    const service = await start({pages: 3, label: 'good'})
    await servesLabel(service, 'good')
    await writeControl(control, {fail: 'the content API said 500'})
    expect((await deliver(service, 'session-9')).status).toBe(202)
    const failed = await waitFor(
      async () => {
        const s = await status(service)
        return s.lastBuild?.result === 'failed' && s
      },
      {what: 'the failure to be reported'},
    )
    // The public part says that it failed; the build's stderr is only for editors with the token.
    expect(failed.detail).toBe('public')
    expect(failed.lastError?.stderrTail).toBe('')
    expect(failed.lastBuild?.error?.message).toBe('build command exited with code 1')
    const full = await status(service, STATUS_TOKEN)
    expect(full.detail).toBe('full')
    expect(full.lastError?.stderrTail).toContain('error: the content API said 500')
    expect((await status(service, 'wrong-token')).lastError?.stderrTail).toBe('')
    expect(failed.pending).toBe(true)
    expect((await page(service)).text).toContain('<p>good</p>')
    expect(await readdir(releases)).not.toContainEqual(expect.stringMatching(/^\.tmp-/))
    await waitFor(() => service.lines.some((line) => line.includes('build.failed') && line.includes('retryInMs=')), {
      what: 'the failure to be logged',
    })

    await writeControl(control, {pages: 3, label: 'fixed'})
    await servesLabel(service, 'fixed')
    await waitFor(
      async () => {
        const s = await status(service)
        return s.lastBuild?.result === 'ok' && s.consecutiveFailures === 0 && !s.pending
      },
      {what: 'the status to show the recovery'},
    )
  })

  it('restart after kill -9 mid-build cleans up and serves the last good release', async () => {
    const first = await start({pages: 3, label: 'good'})
    await servesLabel(first, 'good')
    await writeControl(control, {pages: 3, label: 'doomed', sleepMs: 30_000})
    expect((await deliver(first, 'session-5')).status).toBe(202)
    const doomed = await buildStarted('doomed')
    await first.stop('SIGKILL')
    // The build dies with its service instead of writing on after the restart.
    await waitFor(() => !isAlive(doomed.pid), {what: 'the orphaned build to exit'})
    const leftover = path.basename(doomed.outDir)
    await expect(lstat(doomed.outDir)).resolves.toBeTruthy()
    await symlink('nowhere', path.join(releases, 'current.tmp-20250101T000000000Z'))

    await writeControl(control, {pages: 3, label: 'recovered', sleepMs: 1_000})
    const second = await start({pages: 3, label: 'recovered', sleepMs: 1_000})
    // Served straight away, while the pending trigger is rebuilt.
    expect((await page(second)).text).toContain('<p>good</p>')
    expect(second.lines.join('\n')).toContain(`cleanup.removed name=${leftover}`)
    expect(second.lines.join('\n')).toContain('cleanup.removed name=current.tmp-20250101T000000000Z')
    const names = await readdir(releases)
    expect(names).not.toContain(leftover)
    expect(names.filter((name) => name.startsWith('current.tmp-'))).toEqual([])
    await servesLabel(second, 'recovered')
  })

  it('SIGTERM stops the running build, removes its directory and keeps the trigger for the next start', async () => {
    const first = await start({pages: 3, label: 'good'})
    await servesLabel(first, 'good')
    await writeControl(control, {pages: 3, label: 'interrupted', sleepMs: 30_000})
    expect((await deliver(first, 'session-7')).status).toBe(202)
    const interrupted = await buildStarted('interrupted')
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(isAlive(interrupted.pid)).toBe(false)
    expect(await readdir(releases)).not.toContain(path.basename(interrupted.outDir))
    expect(first.lines.join('\n')).toContain('build.stopped')

    await writeControl(control, {pages: 3, label: 'resumed'})
    const second = await start({pages: 3, label: 'resumed'})
    await waitFor(() => second.lines.some((line) => line.includes('build.needed reason="triggers newer than')), {
      what: 'the pending trigger to be picked up',
    })
    await servesLabel(second, 'resumed')
  })

  it('polls for content changed without a webhook; a rollback is not rebuilt over', async () => {
    const service = await start({pages: 3, label: 'one'}, {RECAP_POLL_SECONDS: '0.2'})
    await servesLabel(service, 'one')
    await writeControl(control, {pages: 3, label: 'two'})
    await writeFile(updatedAt, '2025-06-01T11:00:00Z')
    await servesLabel(service, 'two')
    const before = await waitFor(
      async () => {
        const s = await status(service)
        return s.contentUpdatedAt === '2025-06-01T11:00:00Z' && s
      },
      {what: 'the build to record what content it saw'},
    )

    const rollback = spawn(process.execPath, [ROLLBACK], {
      env: {PATH: process.env.PATH ?? '', RECAP_RELEASES_DIR: releases},
    })
    expect(await new Promise((resolve) => rollback.on('close', resolve))).toBe(0)
    expect((await page(service)).text).toContain('<p>one</p>')
    const polled = await polls()
    await waitFor(async () => (await polls()) >= polled + 5, {what: 'five polls after the rollback'})
    expect((await page(service)).text).toContain('<p>one</p>')
    expect(await started('two')).toHaveLength(1)
    expect((await status(service)).current).toBe(before.releases[1])

    await writeControl(control, {pages: 3, label: 'three'})
    await writeFile(updatedAt, '2025-06-01T12:00:00Z')
    await servesLabel(service, 'three')
  })

  it('refuses to start without a secret unless --insecure-local is given', async () => {
    await writeControl(control, {pages: 3, label: 'open'})
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '../../src/server/main.ts')], {
      env: {PATH: process.env.PATH ?? '', RECAP_RELEASES_DIR: releases, PORT: '0'},
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(1)
    expect(out).toMatch(/service\.refused .*SANITY_WEBHOOK_SECRET is not set.*--insecure-local/)

    const insecure = await start({pages: 3, label: 'open'}, {SANITY_WEBHOOK_SECRET: '', SANITY_WEBHOOK_SECRET_PREVIOUS: ''}, [
      '--insecure-local',
    ])
    expect(insecure.lines.join('\n')).toContain('service.insecure')
    await servesLabel(insecure, 'open')
    const unsigned = await fetch(`${insecure.url}/api/rebuild`, {method: 'POST', body: '{"_id":"x"}'})
    expect(unsigned.status).toBe(202)
  })

  it('a bad setting stops the start with a message naming the variable', async () => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '../../src/server/main.ts')], {
      env: {PATH: process.env.PATH ?? '', SANITY_WEBHOOK_SECRET: 'x', RECAP_QUIET_MS: 'soon'},
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(1)
    expect(out).toMatch(/service\.refused reason=.*RECAP_QUIET_MS=\\"soon\\" is not a whole number/)
  })
})
