// Settings for the rebuild service, read once from the environment and argv.
//
// PORT                            port to listen on (default 4321; 0 picks a free port)
// HOST                            interface to bind (default 0.0.0.0 so it works in containers; 127.0.0.1 with --insecure-local and no secret)
// SANITY_WEBHOOK_SECRET           secret of the Sanity webhook; required unless --insecure-local is given
// SANITY_WEBHOOK_SECRET_PREVIOUS  old secret still accepted while rotating (optional)
// RECAP_RELEASES_DIR              where releases, the `current` link and state/ live (default <repo>/releases)
// RECAP_POLL_SECONDS              catch-up poll interval in seconds, fractions allowed (default 300; 0 disables)
// RECAP_QUIET_MS                  quiet period after the last trigger before building (default 3000)
// RECAP_MAX_WAIT_MS               longest a trigger waits for its build under a steady stream (default 30000)
// RECAP_KEEP_RELEASES             releases kept on disk, at least 2 so rollback has a target (default 5)
// RECAP_BUILD_TIMEOUT_MS          a build running longer than this is killed and retried (default 900000)
// RECAP_BUILD_COMMAND             shell command that builds the site into $RECAP_OUT_DIR (default: `npm run build`'s script with this Node)
// RECAP_BODY_TIMEOUT_MS           a webhook body not complete within this gets 408 (default 10000)
// RECAP_RETRY_MIN_MS              first retry delay after a failed build, doubled per failure (default 5000)
// RECAP_RETRY_MAX_MS              cap for the retry delay (default 600000)
// RECAP_MIN_PAGE_RATIO            refuse a build with fewer pages than this share of the current release (default 0.5; 0 disables)
// REBUILD_HOOK_URL                relay mode: build nothing here, POST this deploy hook or GitHub repository_dispatch URL instead (https; http only to localhost)
// REBUILD_HOOK_TOKEN              relay mode, GitHub: token allowed to create repository_dispatch events (required there)
// REBUILD_HOOK_EVENT              relay mode, GitHub: the event type sent (default recap-rebuild)
// REBUILD_HOOK_MIN_INTERVAL_MS    relay mode: least time from the last accepted hook call to the next (default 60000)
// RECAP_STATUS_TOKEN              editors' token; /api/status shows build errors and logs only with it (optional)
// RECAP_STUDIO_ORIGIN             origin of the Studio that may frame pages for its preview (optional)

import {REPO_ROOT} from '../../core/repoRoot.ts'
import path from 'node:path'
import {hookKind, type HookConfig} from './hook.ts'
import {studioOriginFrom} from '../../core/headers.ts'

export {REPO_ROOT}

export interface Config {
  port: number
  host: string
  secrets: string[]
  insecureLocal: boolean
  releasesDir: string
  pollMs: number
  quietMs: number
  maxWaitMs: number
  keepReleases: number
  buildTimeoutMs: number
  buildCommand: string
  bodyTimeoutMs: number
  retryMinMs: number
  retryMaxMs: number
  minPageRatio: number
  repoRoot: string
  /** Set: relay mode. */
  hook: HookConfig | null
  /** Editors' token: /api/status shows build errors and logs only to requests that carry it. */
  statusToken: string | null
  /** The Studio origin allowed to frame pages for its preview. */
  studioOrigin: string | null
}

export const DEFAULTS = {
  port: 4321,
  host: '0.0.0.0',
  pollSeconds: 300,
  quietMs: 3_000,
  maxWaitMs: 30_000,
  keepReleases: 5,
  buildTimeoutMs: 15 * 60_000,
  buildCommand: `${shellQuote(process.execPath)} src/buildSite.ts`,
  bodyTimeoutMs: 10_000,
  retryMinMs: 5_000,
  retryMaxMs: 10 * 60_000,
  minPageRatio: 0.5,
  hookEvent: 'recap-rebuild',
  hookMinIntervalMs: 60_000,
} as const

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  const unknown = argv.filter((arg) => arg !== '--insecure-local')
  if (unknown.length > 0) {
    throw new ConfigError(`unknown argument ${unknown[0]}; the only flag is --insecure-local`)
  }
  const secrets = [env.SANITY_WEBHOOK_SECRET, env.SANITY_WEBHOOK_SECRET_PREVIOUS].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length > 0,
  )
  if (!env.SANITY_WEBHOOK_SECRET && env.SANITY_WEBHOOK_SECRET_PREVIOUS) {
    throw new ConfigError('SANITY_WEBHOOK_SECRET_PREVIOUS is set but SANITY_WEBHOOK_SECRET is not; set the new secret too')
  }
  const repoRoot = REPO_ROOT
  const retryMinMs = integer(env, 'RECAP_RETRY_MIN_MS', DEFAULTS.retryMinMs, 1)
  return {
    port: integer(env, 'PORT', DEFAULTS.port, 0, 65_535),
    // Unsigned webhooks are only acceptable from this machine.
    host: nonEmpty(env, 'HOST', argv.includes('--insecure-local') && secrets.length === 0 ? '127.0.0.1' : DEFAULTS.host),
    secrets,
    insecureLocal: argv.includes('--insecure-local'),
    releasesDir: path.resolve(repoRoot, nonEmpty(env, 'RECAP_RELEASES_DIR', 'releases')),
    pollMs: Math.round(number(env, 'RECAP_POLL_SECONDS', DEFAULTS.pollSeconds, 0) * 1000),
    quietMs: integer(env, 'RECAP_QUIET_MS', DEFAULTS.quietMs, 0),
    maxWaitMs: integer(env, 'RECAP_MAX_WAIT_MS', DEFAULTS.maxWaitMs, 0),
    keepReleases: integer(env, 'RECAP_KEEP_RELEASES', DEFAULTS.keepReleases, 2),
    buildTimeoutMs: integer(env, 'RECAP_BUILD_TIMEOUT_MS', DEFAULTS.buildTimeoutMs, 1),
    buildCommand: nonEmpty(env, 'RECAP_BUILD_COMMAND', DEFAULTS.buildCommand),
    bodyTimeoutMs: integer(env, 'RECAP_BODY_TIMEOUT_MS', DEFAULTS.bodyTimeoutMs, 1),
    retryMinMs,
    retryMaxMs: integer(env, 'RECAP_RETRY_MAX_MS', Math.max(DEFAULTS.retryMaxMs, retryMinMs), retryMinMs),
    minPageRatio: number(env, 'RECAP_MIN_PAGE_RATIO', DEFAULTS.minPageRatio, 0, 1),
    repoRoot,
    hook: hookConfig(env),
    statusToken: env.RECAP_STATUS_TOKEN || null,
    studioOrigin: studioOrigin(env.RECAP_STUDIO_ORIGIN),
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

function hookConfig(env: Env): HookConfig | null {
  const raw = env.REBUILD_HOOK_URL?.trim()
  const token = env.REBUILD_HOOK_TOKEN?.trim() || null
  if (!raw) {
    if (token) throw new ConfigError('REBUILD_HOOK_TOKEN is set but REBUILD_HOOK_URL is not; set the hook URL too')
    return null
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('REBUILD_HOOK_URL is not a URL; paste the deploy hook URL your host or CI shows')
  }
  // A deploy hook's path, or GitHub's token, is a secret: plain http only to this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigError(`REBUILD_HOOK_URL must start with https:// (http:// only to localhost), not ${url.protocol}//`)
  }
  const kind = hookKind(url)
  if (kind === 'github' && !token) {
    throw new ConfigError(
      "REBUILD_HOOK_URL is GitHub's repository_dispatch; set REBUILD_HOOK_TOKEN to a token with contents: write on the repository",
    )
  }
  return {
    url: url.href,
    kind,
    token,
    eventType: nonEmpty(env, 'REBUILD_HOOK_EVENT', DEFAULTS.hookEvent),
    minIntervalMs: integer(env, 'REBUILD_HOOK_MIN_INTERVAL_MS', DEFAULTS.hookMinIntervalMs, 0),
  }
}

function studioOrigin(value: string | undefined): string | null {
  try {
    return studioOriginFrom(value)
  } catch (error) {
    throw new ConfigError((error as Error).message)
  }
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (raw.trim() === '') throw new ConfigError(`${name} is blank; unset it to use the default (${fallback})`)
  return raw.trim()
}

function number(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a number between ${min} and ${max}`)
  }
  return value
}

function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not a whole number between ${min} and ${max}`)
  }
  return value
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
