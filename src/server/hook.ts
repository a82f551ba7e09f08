// One call to the deploy hook that relay mode hands builds to: a Netlify, Vercel or Cloudflare
// Pages deploy hook (a bare POST to a secret URL), or GitHub's repository_dispatch (a JSON body
// and a token). Anything but a 2xx is an error the queue retries.

export type HookKind = 'github' | 'netlify' | 'vercel' | 'cloudflare-pages' | 'deploy-hook'

export interface HookConfig {
  url: string
  kind: HookKind
  /** GitHub only: a token allowed to write the repository's contents. */
  token: string | null
  /** GitHub only: the `types:` the workflow's repository_dispatch listens for. */
  eventType: string
  minIntervalMs: number
}

// A hook silent this long is called again later; a duplicate call costs at most one more build.
const HOOK_TIMEOUT_MS = 30_000
// A Retry-After beyond this is treated as this: a bogus header must not park triggers for days.
const MAX_RETRY_AFTER_MS = 60 * 60_000

export function hookKind(url: URL): HookKind {
  // api.github.com, or GitHub Enterprise Server's /api/v3.
  if (/^(?:\/api\/v3)?\/repos\/[^/]+\/[^/]+\/dispatches\/?$/.test(url.pathname)) return 'github'
  if (url.hostname === 'api.netlify.com') return 'netlify'
  if (url.hostname === 'api.vercel.com') return 'vercel'
  if (url.hostname === 'api.cloudflare.com') return 'cloudflare-pages'
  return 'deploy-hook'
}

export class HookError extends Error {
  /** null: no answer at all. */
  httpStatus: number | null
  /** The hook's Retry-After on a 429 or 503, in ms from now (null: none, use the backoff). */
  retryAfterMs: number | null
  constructor(message: string, httpStatus: number | null, retryAfterMs: number | null) {
    super(message)
    this.name = 'HookError'
    this.httpStatus = httpStatus
    this.retryAfterMs = retryAfterMs
  }
}

export async function callHook(
  hook: HookConfig,
  {signal, requestedAt, now = Date.now}: {signal: AbortSignal; requestedAt: number; now?: () => number},
): Promise<number> {
  const where = `${hook.kind} hook at ${new URL(hook.url).host}`
  let response: Response
  try {
    response = await fetch(hook.url, {
      ...request(hook, requestedAt),
      method: 'POST',
      redirect: 'error',
      signal: AbortSignal.any([signal, AbortSignal.timeout(HOOK_TIMEOUT_MS)]),
    })
  } catch (error) {
    throw new HookError(`${where} did not answer: ${(error as Error).message}`, null, null)
  }
  const detail = (await response.text().catch(() => '')).trim().slice(0, 200)
  if (response.ok) return response.status
  const limited = response.status === 429 || response.status === 503
  const retryAfterMs = limited ? parseRetryAfter(response.headers.get('retry-after'), now()) : null
  throw new HookError(`${where} answered ${response.status}${detail ? `: ${detail}` : ''}`, response.status, retryAfterMs)
}

function request(hook: HookConfig, requestedAt: number): RequestInit {
  if (hook.kind !== 'github') return {headers: {'user-agent': 'recap-relay'}}
  return {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${hook.token}`,
      'content-type': 'application/json',
      'user-agent': 'recap-relay',
      'x-github-api-version': '2022-11-28',
    },
    body: JSON.stringify({
      event_type: hook.eventType,
      client_payload: {requestedAt: new Date(requestedAt).toISOString()},
    }),
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null
  const trimmed = value.trim()
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : null
}
