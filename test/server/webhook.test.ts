import http from 'node:http'
import net from 'node:net'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {encodeSignatureHeader} from '@sanity/webhook'
import {createDedupe} from '../../src/server/dedupe.ts'
import {openJournal, type Journal, type TriggerRecord} from '../../src/server/triggers.ts'
import {createWebhookHandler, type WebhookOptions} from '../../src/server/webhook.ts'
import {signedDelivery, tempDir} from './helpers.ts'

const SECRET = 'webhook-test-secret'
const PREVIOUS = 'webhook-old-secret'
const BODY = JSON.stringify({_id: 'session-42', _type: 'session'})

let dir: Awaited<ReturnType<typeof tempDir>>
let journal: Journal
let server: http.Server
let url: string
let accepted: TriggerRecord[]

async function listen(overrides: Partial<WebhookOptions> = {}): Promise<void> {
  const handler = createWebhookHandler({
    secrets: [SECRET, PREVIOUS],
    dedupe: createDedupe(),
    record: (record) => journal.append(record),
    accepted: (record) => accepted.push(record),
    bodyTimeoutMs: 300,
    ...overrides,
  })
  server = http.createServer((req, res) => {
    handler(req, res).catch(() => {
      res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  url = `http://127.0.0.1:${address.port}/api/rebuild`
}

const post = (delivery: {body: string; headers: Record<string, string>}, extra: Record<string, string> = {}) =>
  fetch(url, {method: 'POST', body: delivery.body, headers: {...delivery.headers, ...extra}})

/** Sends raw bytes and returns the status line the server answers with. */
function rawRequest(head: string, bodyParts: string[] = [], {end = true} = {}): Promise<string> {
  const address = server.address() as net.AddressInfo
  return new Promise((resolve, reject) => {
    const socket = net.connect(address.port, '127.0.0.1', () => {
      socket.write(head)
      for (const part of bodyParts) socket.write(part)
      if (end) socket.end()
    })
    let response = ''
    socket.on('data', (chunk) => {
      response += chunk.toString('latin1')
    })
    socket.on('error', () => resolve(response.split('\r\n')[0] ?? ''))
    socket.on('close', () => resolve(response.split('\r\n')[0] ?? ''))
    socket.setTimeout(5_000, () => {
      socket.destroy()
      reject(new Error('no answer'))
    })
  })
}

beforeEach(async () => {
  dir = await tempDir()
  journal = await openJournal(path.join(dir.dir, 'triggers.ndjson'))
  accepted = []
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await journal.close()
  await dir.remove()
})

describe('POST /api/rebuild', () => {
  it('a signature made by @sanity/webhook with the current or previous secret is accepted', async () => {
    await listen()
    const current = await post(await signedDelivery(BODY, SECRET))
    const previous = await post(await signedDelivery(`${BODY} `, PREVIOUS))
    expect([current.status, previous.status]).toEqual([202, 202])
    expect(accepted).toHaveLength(2)
  })

  it('the trigger is on disk before the acknowledgement', async () => {
    await listen()
    const response = await post(await signedDelivery(BODY, SECRET))
    expect(response.status).toBe(202)
    const lines = (await readFile(path.join(dir.dir, 'triggers.ndjson'), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({doc: 'session-42', keys: [expect.stringMatching(/^sig:/)]})
  })

  it('a timestamp six minutes old is rejected with 401', async () => {
    await listen()
    const response = await post(await signedDelivery(BODY, SECRET, Date.now() - 6 * 60_000))
    expect(response.status).toBe(401)
    expect(accepted).toHaveLength(0)
  })

  it('a missing, malformed or wrong signature is rejected with 401', async () => {
    await listen()
    const good = await signedDelivery(BODY, SECRET)
    const wrong = await signedDelivery(BODY, 'not-the-secret')
    expect((await post({body: BODY, headers: {}})).status).toBe(401)
    expect((await post({body: BODY, headers: {'sanity-webhook-signature': 't=1,v1=x'}})).status).toBe(401)
    expect((await post(wrong)).status).toBe(401)
    expect((await post({body: `${BODY}x`, headers: good.headers})).status).toBe(401)
    expect(accepted).toHaveLength(0)
  })

  it('a replayed delivery is acknowledged without a second build', async () => {
    await listen()
    const delivery = await signedDelivery(BODY, SECRET)
    expect((await post(delivery)).status).toBe(202)
    // Same signed bytes, headers changed: the signature still identifies it.
    const replay = await post(delivery, {'idempotency-key': 'something-new', 'sanity-document-id': 'x'})
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual({status: 'duplicate'})
    expect(accepted).toHaveLength(1)
  })

  it('a retry with the same idempotency key and body but a fresh signature is a duplicate', async () => {
    await listen()
    const first = await signedDelivery(BODY, SECRET, Date.now() - 30_000)
    const retry = await signedDelivery(BODY, SECRET)
    expect((await post(first, {'idempotency-key': 'delivery-1'})).status).toBe(202)
    expect((await post(retry, {'idempotency-key': 'delivery-1'})).status).toBe(200)
    expect(accepted).toHaveLength(1)
  })

  it('a reused idempotency key on a different signed body still triggers', async () => {
    await listen()
    expect((await post(await signedDelivery(BODY, SECRET), {'idempotency-key': 'k'})).status).toBe(202)
    const other = await signedDelivery(JSON.stringify({_id: 'session-43'}), SECRET)
    expect((await post(other, {'idempotency-key': 'k'})).status).toBe(202)
    expect(accepted).toHaveLength(2)
  })

  it('concurrent copies of one delivery build once', async () => {
    await listen()
    const delivery = await signedDelivery(BODY, SECRET)
    const statuses = await Promise.all(Array.from({length: 8}, () => post(delivery).then((r) => r.status)))
    expect(statuses.filter((s) => s === 202)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(7)
    expect(accepted).toHaveLength(1)
  })

  it('answers 503 when the trigger cannot be recorded, and accepts the retry', async () => {
    let fail = true
    await listen({
      record: async (record) => {
        if (fail) throw new Error('disk full')
        await journal.append(record)
      },
    })
    const delivery = await signedDelivery(BODY, SECRET)
    const refused = await post(delivery)
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('30')
    expect(accepted).toHaveLength(0)
    fail = false
    expect((await post(delivery)).status).toBe(202)
    expect(accepted).toHaveLength(1)
  })

  it('a copy arriving while the first is still being recorded gets the same outcome', async () => {
    let release: (ok: boolean) => void = () => {}
    let calls = 0
    // The handler reads the clock once per delivery, then looks up what is being recorded
    // without yielding, so the clock's second reading means the copy is waiting on the first.
    let readings = 0
    let copyArrived: () => void = () => {}
    const copyWaiting = new Promise<void>((resolve) => (copyArrived = resolve))
    await listen({
      now: () => {
        if (++readings === 2) queueMicrotask(copyArrived)
        return Date.now()
      },
      record: (record) => {
        calls += 1
        if (calls > 1) return journal.append(record)
        return new Promise<void>((resolve, reject) => {
          release = (ok) => (ok ? resolve() : reject(new Error('disk gone')))
        })
      },
    })
    const delivery = await signedDelivery(BODY, SECRET)
    const first = post(delivery)
    await vi.waitFor(() => expect(calls).toBe(1))
    const copy = post(delivery)
    await copyWaiting
    release(false)
    expect([(await first).status, (await copy).status]).toEqual([503, 503])
    expect(accepted).toHaveLength(0)
    expect((await post(delivery)).status).toBe(202)
    expect(accepted).toHaveLength(1)
  })

  it('a method other than POST gets 405 with Allow', async () => {
    await listen()
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const response = await fetch(url, {method})
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('POST')
    }
  })

  it('a body over 256 KiB gets 413', async () => {
    await listen()
    const big = 'x'.repeat(256 * 1024 + 1)
    const declared = await rawRequest(
      `POST /api/rebuild HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n`,
      [big.slice(0, 1000)],
      {end: false},
    )
    expect(declared).toBe('HTTP/1.1 413 Payload Too Large')
    const chunked = await rawRequest('POST /api/rebuild HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n', [
      `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`,
    ])
    expect(chunked).toBe('HTTP/1.1 413 Payload Too Large')
    expect(accepted).toHaveLength(0)
  })

  it('a body of exactly 256 KiB is read and verified', async () => {
    await listen()
    const body = JSON.stringify({pad: 'x'.repeat(256 * 1024 - 10)})
    expect(Buffer.byteLength(body)).toBe(256 * 1024)
    expect((await post(await signedDelivery(body, SECRET))).status).toBe(202)
  })

  it('a slow sender gets 408', async () => {
    await listen({bodyTimeoutMs: 150})
    const status = await rawRequest(`POST /api/rebuild HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n`, ['{"_id":'], {end: false})
    expect(status).toBe('HTTP/1.1 408 Request Timeout')
    expect(accepted).toHaveLength(0)
  })

  it('garbage headers and bodies never cause a 500', async () => {
    await listen()
    const good = await encodeSignatureHeader(BODY, Date.now(), SECRET)
    const signatures = [
      '',
      'x',
      't=,v1=',
      `${good},${good}`,
      `t=${Date.now()},v1=${'/'.repeat(43)}`,
      good.replace(/.$/, '!'),
      `t=-5,v1=${'A'.repeat(43)}`,
      'ä'.repeat(100),
      'v1=abc,t=1',
    ]
    const bodies = ['', '{', 'null', '[]', '\u0000\u0001\u0002', '{"_id":{"$gt":""}}', 'x'.repeat(10_000)]
    const statuses = new Set<number>()
    for (const signature of signatures) {
      for (const body of bodies) {
        const headers: Record<string, string> = {'content-type': 'application/octet-stream'}
        if (signature) headers['sanity-webhook-signature'] = Buffer.from(signature).toString('latin1')
        const response = await fetch(url, {method: 'POST', body, headers})
        statuses.add(response.status)
      }
    }
    const raw = [
      'POST /api/rebuild HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /api/rebuild HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /api/rebuild HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'POST /api/rebuild HTTP/1.1\r\nHost: x\r\nsanity-webhook-signature: \u00ff\u00fe\r\nContent-Length: 2\r\n\r\n{}',
      'GARBAGE\r\n\r\n',
    ]
    for (const request of raw) {
      const line = await rawRequest(request)
      const status = Number(line.split(' ')[1] ?? 0)
      if (status) statuses.add(status)
    }
    expect(statuses).toContain(401)
    expect(statuses).toContain(400)
    expect([...statuses].every((status) => status >= 400 && status < 500)).toBe(true)
    expect(accepted).toHaveLength(0)
  })

  it('--insecure-local without a secret accepts unsigned deliveries', async () => {
    await listen({secrets: [], insecure: true})
    expect((await fetch(url, {method: 'POST', body: BODY})).status).toBe(202)
    // Without a signature, identical bodies are separate triggers unless the idempotency key repeats.
    expect((await fetch(url, {method: 'POST', body: BODY})).status).toBe(202)
    expect(accepted).toHaveLength(2)
  })

  it('without a secret and without --insecure-local nothing is accepted', async () => {
    await listen({secrets: []})
    expect((await post(await signedDelivery(BODY, SECRET))).status).toBe(401)
  })
})
