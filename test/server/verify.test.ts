import {describe, expect, it} from 'vitest'
import {encodeSignatureHeader} from '@sanity/webhook'
import {verifySignature} from '../../src/server/verify.ts'

const SECRET = 'current-secret'
const PREVIOUS = 'previous-secret'
const BODY = JSON.stringify({_id: 'session-1', _type: 'session', title: 'Grüße aus Barcelona'})
const NOW = 1_750_000_000_000

const verify = (header: unknown, body = BODY, secrets = [SECRET, PREVIOUS], now = NOW) =>
  verifySignature(header, Buffer.from(body), {secrets, now})

describe('verifySignature', () => {
  it('a signature made by @sanity/webhook with the current or previous secret is accepted', async () => {
    for (const secret of [SECRET, PREVIOUS]) {
      const header = await encodeSignatureHeader(BODY, NOW, secret)
      expect(verify(header)).toMatchObject({ok: true, timestamp: NOW})
    }
  })

  it('the digest is the same for one delivery whichever secret list checks it', async () => {
    const header = await encodeSignatureHeader(BODY, NOW, PREVIOUS)
    const a = verify(header, BODY, [SECRET, PREVIOUS])
    const b = verify(header, BODY, [PREVIOUS])
    expect(a.ok && b.ok && a.digest === b.digest).toBe(true)
  })

  it('a signature made with another secret is rejected', async () => {
    const header = await encodeSignatureHeader(BODY, NOW, 'someone-else')
    expect(verify(header)).toEqual({ok: false, reason: 'signature does not match'})
  })

  it('a body changed after signing is rejected', async () => {
    const header = await encodeSignatureHeader(BODY, NOW, SECRET)
    expect(verify(header, BODY.replace('session-1', 'session-2')).ok).toBe(false)
  })

  it('a timestamp six minutes old is rejected', async () => {
    const header = await encodeSignatureHeader(BODY, NOW - 6 * 60_000, SECRET)
    expect(verify(header)).toMatchObject({ok: false, reason: expect.stringContaining('away from server time')})
  })

  it('a timestamp six minutes ahead is rejected, four minutes either way is fine', async () => {
    expect(verify(await encodeSignatureHeader(BODY, NOW + 6 * 60_000, SECRET)).ok).toBe(false)
    expect(verify(await encodeSignatureHeader(BODY, NOW + 4 * 60_000, SECRET)).ok).toBe(true)
    expect(verify(await encodeSignatureHeader(BODY, NOW - 4 * 60_000, SECRET)).ok).toBe(true)
  })

  it('a changed timestamp invalidates the signature, since t is part of the signed string', async () => {
    const header = await encodeSignatureHeader(BODY, NOW, SECRET)
    expect(verify(header.replace(`t=${NOW}`, `t=${NOW + 1}`))).toMatchObject({
      ok: false,
      reason: 'signature does not match',
    })
  })

  it('missing and malformed headers are rejected with a reason', async () => {
    const good = await encodeSignatureHeader(BODY, NOW, SECRET)
    const cases: unknown[] = [
      undefined,
      '',
      ['a', 'b'],
      'garbage',
      `t=${NOW}`,
      good.replace('v1=', 'v2='),
      good.replace(`t=${NOW}`, `t=0${NOW}`),
      good.replace(`t=${NOW}`, 't=abc'),
      `${good}=`,
      good.slice(0, -1),
      `t=${'9'.repeat(400)},v1=${'A'.repeat(43)}`,
    ]
    for (const header of cases) {
      const verdict = verify(header)
      expect(verdict.ok, String(header)).toBe(false)
    }
  })

  it('no secrets means nothing verifies', async () => {
    expect(verify(await encodeSignatureHeader(BODY, NOW, SECRET), BODY, []).ok).toBe(false)
  })

  it('checks the raw bytes, so non-ASCII bodies verify as Sanity signed them', async () => {
    const body = JSON.stringify({title: 'Café ☕ 東京'})
    expect(verify(await encodeSignatureHeader(body, NOW, SECRET), body).ok).toBe(true)
  })
})
