// One call to a deploy hook, against the local stand-in: what is sent, and what an answer means.

import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {callHook, HookError, parseRetryAfter, type HookConfig} from '../../src/server/hook.ts'
import {startHookStandIn, type HookStandIn} from './hook-stand-in.ts'

let hook: HookStandIn
beforeEach(async () => {
  hook = await startHookStandIn()
})
afterEach(() => hook.close())

const config = (path: string, kind: HookConfig['kind']): HookConfig => ({
  url: `${hook.url}${path}`,
  kind,
  token: kind === 'github' ? 'ghp_x' : null,
  eventType: 'recap-rebuild',
  minIntervalMs: 0,
})
const call = (target: HookConfig, now?: () => number) =>
  callHook(target, {signal: new AbortController().signal, requestedAt: Date.UTC(2025, 5, 1), now})

describe('callHook', () => {
  it('GitHub gets its JSON body, API version and token; a deploy hook a bare POST', async () => {
    expect(await call(config('/repos/team/recap/dispatches', 'github'))).toBe(204)
    hook.fallback = {status: 201, body: '{"job":{"id":"x"}}'}
    expect(await call(config('/v1/integrations/deploy/prj_1/abc', 'vercel'))).toBe(201)
    const [github, vercel] = hook.calls
    expect(JSON.parse(github!.body)).toEqual({event_type: 'recap-rebuild', client_payload: {requestedAt: '2025-06-01T00:00:00.000Z'}})
    expect(github!.headers).toMatchObject({'x-github-api-version': '2022-11-28', authorization: 'Bearer ghp_x'})
    expect(vercel!.body).toBe('')
    expect(vercel!.headers.authorization).toBeUndefined()
  })

  it('a refusal names the hook and its answer, and only a 429 or 503 carries a Retry-After', async () => {
    const target = config('/build_hooks/abc', 'netlify')
    hook.answers = [
      {status: 503, headers: {'retry-after': 'Sun, 01 Jun 2025 00:01:30 GMT'}},
      {status: 429},
      {status: 404, headers: {'retry-after': '5'}, body: 'Not Found'},
    ]
    const errors: HookError[] = []
    for (let i = 0; i < 3; i += 1) {
      errors.push((await call(target, () => Date.UTC(2025, 5, 1, 0, 1, 0)).catch((error: HookError) => error)) as HookError)
    }
    expect(errors.map((error) => [error.httpStatus, error.retryAfterMs])).toEqual([
      [503, 30_000],
      [429, null],
      [404, null],
    ])
    expect(errors[2]!.message).toBe(`netlify hook at ${new URL(hook.url).host} answered 404: Not Found`)
  })

  it('no answer at all is an error without a status', async () => {
    const target = config('/hooks/x', 'deploy-hook')
    await hook.close()
    const error = (await call(target).catch((e: HookError) => e)) as HookError
    expect(error).toBeInstanceOf(HookError)
    expect(error.httpStatus).toBeNull()
    expect(error.message).toMatch(/deploy-hook hook at 127\.0\.0\.1:\d+ did not answer/)
  })

  it('Retry-After in seconds or as a date, never negative, at most an hour', () => {
    const now = Date.UTC(2025, 5, 1)
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter('Sun, 01 Jun 2025 00:00:10 GMT', now)).toBe(10_000)
    expect(parseRetryAfter('Sat, 31 May 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('86400', now)).toBe(3_600_000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})
