// Relay mode as a process: `npm start` with REBUILD_HOOK_URL builds nothing and calls a local
// stand-in for the CI's hook instead.

import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import type {Status} from '../../src/server/status.ts'
import {startHookStandIn, type HookStandIn} from './hook-stand-in.ts'
import {buildEvents, signedDelivery, startServiceProcess, tempDir, waitFor, writeControl, type ServiceProcess} from './helpers.ts'

const SECRET = 'relay-test-secret-value'
const TOKEN = 'ghp_relay-test-token'
const DISPATCH = '/repos/team/recap/dispatches'

let tmp: Awaited<ReturnType<typeof tempDir>>
let hook: HookStandIn
let services: ServiceProcess[]

beforeEach(async () => {
  tmp = await tempDir('recap-relay-')
  hook = await startHookStandIn()
  services = []
})

afterEach(async () => {
  for (const service of services) await service.stop('SIGKILL')
  await hook.close()
  await tmp.remove()
})

async function start(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const control = path.join(tmp.dir, 'control.json')
  await writeControl(control, {pages: 3, label: 'never'})
  const service = await startServiceProcess({
    SANITY_WEBHOOK_SECRET: SECRET,
    RECAP_RELEASES_DIR: path.join(tmp.dir, 'releases'),
    RECAP_QUIET_MS: '200',
    RECAP_MAX_WAIT_MS: '2000',
    RECAP_RETRY_MIN_MS: '200',
    REBUILD_HOOK_URL: `${hook.url}${DISPATCH}`,
    REBUILD_HOOK_TOKEN: TOKEN,
    REBUILD_HOOK_MIN_INTERVAL_MS: '0',
    FAKE_BUILD_CONTROL: control,
    FAKE_BUILD_LOG: path.join(tmp.dir, 'builds.ndjson'),
    FAKE_UPDATED_AT_FILE: path.join(tmp.dir, 'missing'),
    ...env,
  })
  services.push(service)
  return service
}

const status = async (service: ServiceProcess): Promise<Status> => (await fetch(`${service.url}/api/status`)).json() as Promise<Status>

const deliver = async (service: ServiceProcess, id: string): Promise<number> => {
  const delivery = await signedDelivery(JSON.stringify({_id: id, _type: 'session'}), SECRET)
  const response = await fetch(`${service.url}/api/rebuild`, {method: 'POST', ...delivery})
  return response.status
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const accepted = (service: ServiceProcess) =>
  waitFor(
    async () => {
      const s = await status(service)
      return s.relay?.lastCall?.accepted && !s.pending && !s.building && s
    },
    {what: 'the hook to accept a call'},
  )

describe('npm start in relay mode', () => {
  it('a burst of webhooks gives one repository_dispatch call, and nothing is built here', async () => {
    const service = await start()
    const answers = await Promise.all(Array.from({length: 20}, (_, i) => deliver(service, `session-${i}`)))
    expect(answers).toEqual(Array(20).fill(202))
    const after = await accepted(service)
    await settle(600)
    expect(hook.calls).toHaveLength(1)
    const [call] = hook.calls
    expect(call!.path).toBe(DISPATCH)
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(call!.headers.accept).toBe('application/vnd.github+json')
    expect(JSON.parse(call!.body)).toMatchObject({event_type: 'recap-rebuild'})

    expect(after).toMatchObject({mode: 'relay', consecutiveFailures: 0, lastError: null, current: null})
    expect(after.relay).toMatchObject({kind: 'github', host: new URL(hook.url).host, lastCall: {httpStatus: 204}})
    expect(JSON.stringify(after)).not.toContain(TOKEN)
    expect(await buildEvents(path.join(tmp.dir, 'builds.ndjson'))).toEqual([])
    const home = await fetch(`${service.url}/`)
    expect(home.status).toBe(404)
    expect(await home.text()).toContain('relays rebuilds to the github hook')
    expect(service.lines.some((line) => line.includes(TOKEN) || line.includes(SECRET))).toBe(false)
  })

  it('a failing hook is retried with a growing back-off until it accepts', async () => {
    hook.answers = [{status: 500, body: 'boom'}, {status: 502}, {status: 500}]
    const service = await start()
    expect(await deliver(service, 'session-1')).toBe(202)
    const failing = await waitFor(
      async () => {
        const s = await status(service)
        return s.consecutiveFailures >= 1 && s
      },
      {what: 'the failure to show'},
    )
    expect(failing.pending).toBe(true)
    expect(failing.lastError?.message).toContain('answered 500: boom')
    expect(failing.relay?.lastCall).toMatchObject({httpStatus: 500, accepted: false})
    await accepted(service)
    expect(hook.calls).toHaveLength(4)
    const gaps = hook.calls.slice(1).map((call, i) => call.at - hook.calls[i]!.at)
    // RECAP_RETRY_MIN_MS=200, doubled per failure (less a little timer slack).
    expect(gaps.map((gap, i) => gap >= 200 * 2 ** i - 10)).toEqual([true, true, true])
    expect(service.lines.some((line) => line.includes('relay.failed') && line.includes('status=500'))).toBe(true)
  })

  it('a 429 is respected: the next call waits for Retry-After, not the short back-off', async () => {
    hook.answers = [{status: 429, headers: {'retry-after': '2'}}]
    const service = await start()
    expect(await deliver(service, 'session-1')).toBe(202)
    const limited = await waitFor(
      async () => {
        const s = await status(service)
        return s.relay?.lastCall?.httpStatus === 429 && s
      },
      {what: 'the 429 to show'},
    )
    expect(Date.parse(limited.nextBuildAt!) - Date.parse(limited.relay!.lastCall!.at)).toBeGreaterThanOrEqual(1_900)
    await accepted(service)
    expect(hook.calls).toHaveLength(2)
    expect(hook.calls[1]!.at - hook.calls[0]!.at).toBeGreaterThanOrEqual(1_950)
  })

  it('calls stay a minimum interval apart', async () => {
    const service = await start({REBUILD_HOOK_MIN_INTERVAL_MS: '2000'})
    expect(await deliver(service, 'session-1')).toBe(202)
    await waitFor(() => hook.calls.length === 1, {what: 'the first call'})
    expect(await deliver(service, 'session-2')).toBe(202)
    await waitFor(() => hook.calls.length === 2, {what: 'the second call'})
    // Measured where the calls arrive, so less the first call's longer way there; without the
    // minimum interval the gap is the 200 ms quiet period.
    expect(hook.calls[1]!.at - hook.calls[0]!.at).toBeGreaterThanOrEqual(1_700)
  })

  it('a 503 is retried after its Retry-After, not the minimum interval; an accepted call starts the interval', async () => {
    hook.answers = [{status: 503, headers: {'retry-after': '1'}}]
    const service = await start({REBUILD_HOOK_MIN_INTERVAL_MS: '60000'})
    expect(await deliver(service, 'session-1')).toBe(202)
    // A failed call started no build, so the retry need not wait the 60 s.
    await waitFor(() => hook.calls.length === 2, {timeoutMs: 5_000, what: 'the retry'})
    expect(hook.calls[1]!.at - hook.calls[0]!.at).toBeGreaterThanOrEqual(950)
    const after = await accepted(service)

    expect(await deliver(service, 'session-2')).toBe(202)
    const waiting = await waitFor(
      async () => {
        const s = await status(service)
        return s.pending && s.nextBuildAt !== null && s
      },
      {what: 'the next call to be scheduled'},
    )
    const gap = Date.parse(waiting.nextBuildAt!) - Date.parse(after.relay!.lastCall!.at)
    expect(gap).toBeGreaterThanOrEqual(59_990)
    expect(gap).toBeLessThanOrEqual(60_010)
    expect(hook.calls).toHaveLength(2)
  })

  it('a crash loses nothing: a trigger the hook never accepted is sent after a restart', async () => {
    // A Netlify-style deploy hook: a bare POST to a secret URL, no token, no body.
    hook.fallback = {status: 500}
    const env = {REBUILD_HOOK_URL: `${hook.url}/build_hooks/5f0c1a`, REBUILD_HOOK_TOKEN: ''}
    const first = await start(env)
    expect(await deliver(first, 'session-1')).toBe(202)
    await waitFor(() => hook.calls.length >= 1, {what: 'the failed call'})
    await first.stop('SIGKILL')
    const journal = await readFile(path.join(tmp.dir, 'releases/state/triggers.ndjson'), 'utf8')
    expect(journal).toContain('session-1')

    hook.fallback = {status: 200, body: '{}'}
    const calls = hook.calls.length
    const second = await start(env)
    await waitFor(() => second.lines.some((line) => line.includes('build.needed reason="triggers newer than')), {
      what: 'the pending trigger to be picked up',
    })
    await accepted(second)
    expect(hook.calls).toHaveLength(calls + 1)
    const resent = hook.calls.at(-1)!
    expect(resent.path).toBe('/build_hooks/5f0c1a')
    expect(resent.body).toBe('')
    expect(resent.headers.authorization).toBeUndefined()

    // Once accepted, a further restart sends nothing.
    await second.stop('SIGTERM')
    const third = await start(env)
    await settle(800)
    expect(hook.calls).toHaveLength(calls + 1)
    expect((await status(third)).pending).toBe(false)
  })
})
