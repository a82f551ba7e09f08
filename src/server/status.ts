// GET /api/status: what is live, what the last build did, what is queued, which documents were left out.
// Read by the Studio's Site status tool from another origin, so CORS allows any origin.
//
// Two levels: anyone gets the harmless part (release, timing, left-out documents, error messages with paths
// removed); a request with the editors' token (RECAP_STATUS_TOKEN, sent by the Studio as a bearer token) also
// gets the build's stderr, where absolute paths and stack frames appear.

import {createHash, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
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

export interface Status {
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
  /** Documents the live release left out because they break a rule. */
  leftOut: LeftOut[]
  /** "full" when the request carried the editors' token. */
  detail?: 'public' | 'full'
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
