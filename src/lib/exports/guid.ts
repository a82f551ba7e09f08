// Stable identifiers for calendar and schedule apps, which recognise entries across updates by them.
import {createHash} from 'node:crypto'
import type {Session} from '../site.ts'

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/** RFC 4122 name-based UUID (version 5, SHA-1): the same name always yields the same UUID. */
export function uuidV5(name: string, namespace = URL_NAMESPACE): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16)
  bytes[6] = (bytes[6] & 0x0f) | 0x50
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The session's calendar ID. The Studio always sets a UUID; anything else (a missing or edited
 * value) falls back to one derived from the document id, so it can never inject calendar lines.
 */
export function sessionGuid(session: Session): string {
  return session.guid && UUID.test(session.guid) ? session.guid : uuidV5(`recap:${session._id}`)
}
