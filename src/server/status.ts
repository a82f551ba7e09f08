// GET /api/status: what is live, what the last build did, what is queued, which documents were left out.
// Read by the Studio's Site status tool from another origin, so CORS allows any origin.
//
// Two levels: anyone gets the harmless part (release, timing, left-out documents, error messages with paths
// removed); a request with the editors' token (RECAP_STATUS_TOKEN, sent by the Studio as a bearer token) also
// gets the build's stderr, where absolute paths and stack frames appear.

import {createHash, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {QueueState} from './queue.ts'
import type {LeftOut} from '../lib/content/enforce.ts'

export interface BuildError {
  message: string
  stderrTail: string
}

export interface BuildReport {
  result: 'ok' | 'failed'
  id: string
  startedAt: string
  finishedAt: string
  durationMs: number
  pages: number | null
  error: BuildError | null
}

/** Relay mode: the hook that builds elsewhere, and how the calls to it went. */
export interface RelayStatus {
  /** github, netlify, vercel, cloudflare-pages or deploy-hook */
  kind: string
  /** Host only: a deploy hook's path is its secret. */
  host: string
  minIntervalMs: number
  lastCall: {at: string; httpStatus: number | null; accepted: boolean; durationMs: number} | null
  /** When the hook last accepted a call: every trigger before that call is with the CI. */
  lastAcceptedAt: string | null
  nextCallAt: string | null
}

export interface Status {
  /** build: this service builds and serves; relay: it asks a CI or host to build. */
  mode: 'build' | 'relay'
  current: string | null
  building: boolean
  buildingSince: string | null
  pending: boolean
  nextBuildAt: string | null
  consecutiveFailures: number
  lastBuild: BuildReport | null
  lastSuccess: BuildReport | null
  lastError: (BuildError & {at: string}) | null
  contentUpdatedAt: string | null
  /** Newest first. */
  releases: string[]
  relay: RelayStatus | null
  /** Documents the live release left out because they break a rule; with the token, also the parts it dropped (kind "dropped"). */
  leftOut: LeftOut[]
  /** How many broken parts (links, claims) the live release dropped from documents it published. */
  dropped?: number
  /** "full" when the request carried the editors' token. */
  detail?: 'public' | 'full'
}

/** The queue's part of the status, the same in both modes. */
export function queueStatus(
  state: QueueState,
): Pick<Status, 'building' | 'buildingSince' | 'pending' | 'nextBuildAt' | 'consecutiveFailures'> {
  return {
    building: state.running,
    buildingSince: iso(state.runningSince),
    pending: state.pending,
    nextBuildAt: iso(state.nextRunAt),
    consecutiveFailures: state.failures,
  }
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-max-age': '86400',
  'x-content-type-options': 'nosniff',
}

/** A message without absolute paths or stack frames. */
export function redact(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s*at\s/.test(line))
    .join('\n')
    .replace(/(?:file:\/\/)?(?:\/[\w.@+-]+){2,}\/?/g, '…')
}

function publicError<T extends BuildError>(error: T | null): T | null {
  return error ? {...error, message: redact(error.message), stderrTail: ''} : null
}

function publicReport(report: BuildReport | null): BuildReport | null {
  return report ? {...report, error: publicError(report.error)} : null
}

/** The status anyone may see. */
export function publicStatus(status: Status): Status {
  return {
    ...status,
    lastBuild: publicReport(status.lastBuild),
    lastSuccess: publicReport(status.lastSuccess),
    lastError: publicError(status.lastError),
    // Anyone sees how many parts were dropped; which, and where, is for editors.
    leftOut: status.leftOut.filter((entry) => entry.kind !== 'dropped'),
    dropped: status.dropped ?? status.leftOut.filter((entry) => entry.kind === 'dropped').length,
    detail: 'public',
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/** True when the request carries `Authorization: Bearer <token>`. */
export function hasToken(req: IncomingMessage, token: string | null): boolean {
  const header = req.headers.authorization
  if (!token || !header?.startsWith('Bearer ')) return false
  return timingSafeEqual(digest(header.slice('Bearer '.length)), digest(token))
}

export function createStatusHandler(getStatus: () => Promise<Status>, {token = null}: {token?: string | null} = {}) {
  return async function handleStatus(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {...CORS, 'access-control-allow-headers': 'content-type, authorization'})
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, {...CORS, allow: 'GET, HEAD, OPTIONS', 'content-type': 'text/plain; charset=utf-8'})
      res.end('Method not allowed\n')
      return
    }
    const status = await getStatus()
    const shown = hasToken(req, token) ? {...status, detail: 'full' as const} : publicStatus(status)
    const bytes = Buffer.from(`${JSON.stringify(shown, null, 2)}\n`)
    res.writeHead(200, {
      ...CORS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': bytes.length,
      'cache-control': 'no-store',
      vary: 'Authorization',
    })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  }
}
