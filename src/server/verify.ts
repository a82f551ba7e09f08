// Verifies Sanity's `sanity-webhook-signature: t=<unix ms>,v1=<base64url HMAC-SHA256 of "<t>.<body>">`.
// Done here with node:crypto because @sanity/webhook neither checks the timestamp's age
// nor compares in constant time.

import {createHmac, timingSafeEqual} from 'node:crypto'

export const SIGNATURE_HEADER = 'sanity-webhook-signature'
export const DEFAULT_TOLERANCE_MS = 5 * 60_000

// Same shape @sanity/webhook parses; 43 chars is an unpadded base64url SHA-256. No leading
// zero in t, so each signed value has exactly one spelling.
const HEADER_PATTERN = /^t=([1-9]\d{0,15})[, ]+v1=([A-Za-z0-9_-]{43})$/

export type Verdict = {ok: true; timestamp: number; digest: string} | {ok: false; reason: string}

export interface VerifyOptions {
  secrets: readonly string[]
  now: number
  toleranceMs?: number
}

/**
 * Checks the signature header against the raw body with every secret (current and previous,
 * for rotation). `digest` is the hex HMAC that matched: a stable, signed id for the delivery.
 */
export function verifySignature(header: unknown, body: Buffer, options: VerifyOptions): Verdict {
  const {secrets, now, toleranceMs = DEFAULT_TOLERANCE_MS} = options
  if (typeof header !== 'string' || header.length === 0) return reject('missing signature header')
  const match = HEADER_PATTERN.exec(header.trim())
  if (!match) return reject('malformed signature header')
  const [, stamp, encoded] = match as unknown as [string, string, string]
  const given = Buffer.from(encoded, 'base64url')
  if (given.length !== 32) return reject('malformed signature header')

  let matched: Buffer | null = null
  // Try every secret, even after a match, so timing doesn't tell which one is in use.
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(`${stamp}.`).update(body).digest()
    if (timingSafeEqual(expected, given)) matched = expected
  }
  if (!matched) return reject('signature does not match')

  const timestamp = Number(stamp)
  if (Math.abs(now - timestamp) > toleranceMs) {
    return reject(`signature timestamp is more than ${Math.round(toleranceMs / 1000)} s away from server time`)
  }
  return {ok: true, timestamp, digest: matched.toString('hex')}
}

function reject(reason: string): Verdict {
  return {ok: false, reason}
}
