// POST /api/rebuild: Sanity's GROQ-powered webhook. Verifies, dedupes, records the trigger
// durably, then acknowledges; the build itself happens later, in the queue.

import {createHash} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Dedupe} from './dedupe.ts'
import {silentLog, type Log} from '../../core/log.ts'
import type {TriggerRecord} from './triggers.ts'
import {SIGNATURE_HEADER, verifySignature} from './verify.ts'

export interface WebhookOptions {
  /** Current and previous secret. Empty only with `insecure`. */
  secrets: readonly string[]
  /** --insecure-local without a secret: accept unsigned deliveries. */
  insecure?: boolean
  dedupe: Dedupe
  /** Must reject unless the record is durably on disk. */
  record(record: TriggerRecord): Promise<void>
  /** Called once the record is on disk, just before the acknowledgement. */
  accepted(record: TriggerRecord): void
  bodyTimeoutMs: number
  maxBodyBytes?: number
  toleranceMs?: number
  now?: () => number
  log?: Log
}

export const MAX_BODY_BYTES = 256 * 1024

export function createWebhookHandler(options: WebhookOptions) {
  const {secrets, insecure = false, dedupe, record, accepted, bodyTimeoutMs, toleranceMs} = options
  const {maxBodyBytes = MAX_BODY_BYTES, now = Date.now, log = silentLog} = options
  const verifying = secrets.length > 0 || !insecure
  // Keys of deliveries whose record is being written, with whether that write succeeded.
  const recording = new Map<string, Promise<boolean>>()

  return async function handleWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      return reply(res, 405, {error: 'use POST'}, {allow: 'POST'})
    }
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return refuse(req, res, 413, `body over ${maxBodyBytes} bytes`)
    }
    const read = await readBody(req, maxBodyBytes, bodyTimeoutMs)
    if (read === 'too-large') return refuse(req, res, 413, `body over ${maxBodyBytes} bytes`)
    if (read === 'timeout') return refuse(req, res, 408, `body not received within ${bodyTimeoutMs} ms`)
    if (read === 'aborted') return // client gone, nobody to answer
    const body = read

    const at = now()
    const keys: string[] = []
    if (verifying) {
      const verdict = verifySignature(req.headers[SIGNATURE_HEADER], body, {secrets, now: at, toleranceMs})
      if (!verdict.ok) {
        log('webhook.rejected', {status: 401, reason: verdict.reason})
        return reply(res, 401, {error: verdict.reason})
      }
      keys.push(`sig:${verdict.digest}`)
    }
    // The signature is signed, so it is the dedupe key. Headers are not: the idempotency key
    // only dedupes together with the same signed body, so a forged one can't hide a real change.
    const idempotencyKey = req.headers['idempotency-key']
    if (typeof idempotencyKey === 'string' && idempotencyKey.length > 0 && idempotencyKey.length <= 512) {
      keys.push(`idem:${createHash('sha256').update(idempotencyKey).update('\0').update(body).digest('hex')}`)
    }
    const doc = documentId(body)
    // A copy of a delivery still being recorded gets the same outcome: acknowledging it
    // before the record is on disk could lose the trigger if that write then fails.
    const inFlight = keys.map((key) => recording.get(key)).find((pending) => pending !== undefined)
    if (inFlight ? await inFlight : keys.some((key) => dedupe.has(key))) {
      log('trigger.duplicate', {doc})
      return reply(res, 200, {status: 'duplicate'})
    }
    if (inFlight) return unrecorded(res)

    const entry: TriggerRecord = {at, keys, ...(doc ? {doc} : {})}
    for (const key of keys) dedupe.add(key, at)
    const recorded = record(entry).then(
      () => true,
      (error: unknown) => {
        log('trigger.unrecorded', {error: (error as Error).message})
        return false
      },
    )
    for (const key of keys) recording.set(key, recorded)
    const ok = await recorded
    for (const key of keys) recording.delete(key)
    if (!ok) {
      for (const key of keys) dedupe.delete(key)
      return unrecorded(res)
    }
    log('trigger.accepted', {source: 'webhook', doc, operation: hint(req.headers['sanity-operation'])})
    accepted(entry)
    return reply(res, 202, {status: 'accepted'})
  }
}

function unrecorded(res: ServerResponse): void {
  reply(res, 503, {error: 'could not record the trigger; retry later'}, {'retry-after': '30'})
}

type BodyResult = Buffer | 'too-large' | 'timeout' | 'aborted'

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: BodyResult): void => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
      if (typeof result === 'string') req.on('error', () => {}) // late socket errors are moot now
      resolve(result)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) finish('too-large')
      else chunks.push(chunk)
    }
    const onEnd = (): void => finish(Buffer.concat(chunks))
    const onError = (): void => finish('aborted')
    const onClose = (): void => {
      if (!req.complete) finish('aborted')
    }
    const timer = setTimeout(() => finish('timeout'), timeoutMs)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

/** Answers and then drops the connection, so an unread body can't keep it busy. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  res.on('finish', () => req.socket.destroy())
  reply(res, status, {error: message}, {connection: 'close'})
}

function reply(res: ServerResponse, status: number, payload: object, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(`${JSON.stringify(payload)}\n`)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(bytes)
}

/** `_id` from the (signed) body, for the log; the body shape is the webhook's projection. */
function documentId(body: Buffer): string | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    if (value && typeof value === 'object' && '_id' in value && typeof value._id === 'string') {
      return value._id.slice(0, 200)
    }
  } catch {
    // Not JSON: nothing to log.
  }
  return undefined
}

/** An unsigned header, only ever logged (trimmed and shortened). */
function hint(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value.slice(0, 40) : undefined
}
