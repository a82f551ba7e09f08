// GET /api/status: what is live, what the last build did, what is queued. Read by the Studio
// widget from another origin, so CORS allows any origin; nothing secret is in it.

import type {IncomingMessage, ServerResponse} from 'node:http'
import type {QueueState} from './queue.ts'

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
}

export function createStatusHandler(getStatus: () => Promise<Status>) {
  return async function handleStatus(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {...CORS, 'access-control-allow-headers': 'content-type'})
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, {...CORS, allow: 'GET, HEAD, OPTIONS', 'content-type': 'text/plain; charset=utf-8'})
      res.end('Method not allowed\n')
      return
    }
    const bytes = Buffer.from(`${JSON.stringify(await getStatus(), null, 2)}\n`)
    res.writeHead(200, {
      ...CORS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': bytes.length,
      'cache-control': 'no-store',
    })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  }
}
