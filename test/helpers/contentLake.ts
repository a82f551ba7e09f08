// Stand-ins for Sanity's Content Lake. `startContentLake` answers the build's queries over plain HTTP;
// `startStudioLake` answers everything the built Studio calls, over HTTPS and HTTP/2 (the Studio keeps more
// listener streams open than HTTP/1.1 allows a browser per host), with a throwaway self-signed certificate.
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session} from 'node:http2'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {loadEmbeddedDataset} from '../../src/lib/content/embedded.ts'
import {readNdjson} from '../../src/lib/content/ndjson.ts'
import {paramsOf, runQuery} from './lake/groq.ts'
import {StudioLake, type LakeOptions} from './lake/handler.ts'
import type {Doc} from './lake/store.ts'

export type ContentLake = {url: string; requests: number; close(): Promise<void>; fail(status: number | null): void}

/**
 * A stand-in for the Content Lake's query endpoint (`/v<date>/data/query/<dataset>`), backed by groq-js
 * over a dataset loaded exactly as the embedded backend loads it. It counts the queries it answers.
 */
export async function startContentLake(datasetFile: string): Promise<ContentLake> {
  const documents = (await loadEmbeddedDataset(datasetFile)) as Doc[]
  let failWith: number | null = null
  const lake = {url: '', requests: 0} as ContentLake
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://lake')
    if (!/^\/v[\d-]+\/data\/query\/[\w-]+$/.test(url.pathname)) return void response.writeHead(404).end()
    lake.requests++
    if (failWith) return void response.writeHead(failWith, {'content-type': 'application/json'}).end('{"error":"stand-in failure"}')
    let query = url.searchParams.get('query') ?? ''
    const params = paramsOf(url.searchParams)
    if (request.method === 'POST') {
      const body = JSON.parse(Buffer.concat(await Array.fromAsync(request)).toString('utf8'))
      query = body.query
      Object.assign(params, body.params)
    }
    try {
      const result = await runQuery(documents, query, params, 'published')
      response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({query, result, ms: 1}))
    } catch (error) {
      response.writeHead(400, {'content-type': 'application/json'}).end(JSON.stringify({error: {description: String(error)}}))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  lake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  lake.fail = (status) => void (failWith = status)
  lake.close = () => new Promise((resolve) => server.close(() => resolve()))
  return lake
}

// ---------------------------------------------------------------------------------------------------------------
// The Studio's stand-in

/**
 * Documents as `sanity dataset import` would leave them: published ones and their image assets from the
 * embedded loader, plus drafts (with the `_updatedAt` the structure tool needs). Images are served as cdn.sanity.io
 * serves them, under /images/<project>/<dataset>/<sha1>-<w>x<h>.<ext>.
 */
export async function seedFromFiles(files: string[], projectId: string, dataset: string): Promise<Pick<LakeOptions, 'seed' | 'files'>> {
  const byId = new Map<string, Doc>()
  const images = new Map<string, () => Promise<Buffer>>()
  for (const file of files) {
    for (const doc of (await loadEmbeddedDataset(file)) as Doc[]) {
      if (doc._type === 'sanity.imageAsset') {
        const local = doc.url as string
        const path = `/images/${projectId}/${dataset}/${String(doc._id)
          .replace(/^image-/, '')
          .replace(/-(\w+)$/, '.$1')}`
        images.set(path, async () => Buffer.from(await (await fetch(local)).arrayBuffer()))
        Object.assign(doc, {url: `https://cdn.sanity.io${path}`, path: path.slice(1)})
      }
      byId.set(doc._id, doc)
    }
    const stamp = new Date().toISOString()
    for (const draft of await readNdjson(file)) {
      if (draft._id.startsWith('drafts.')) byId.set(draft._id, {_createdAt: stamp, _updatedAt: stamp, ...draft})
    }
  }
  return {seed: [...byId.values()], files: images}
}

export type RunningStudioLake = {
  lake: StudioLake
  /** The Chromium flag that sends every Sanity host to this server. */
  hostResolverRules: string
  close(): Promise<void>
}

/** A throwaway certificate for Sanity's host names; Chromium is started with --ignore-certificate-errors. */
function selfSignedCertificate(): {key: Buffer; cert: Buffer} {
  const dir = mkdtempSync(join(tmpdir(), 'recap-lake-cert-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=api.sanity.io',
        '-addext',
        'subjectAltName=DNS:*.sanity.io,DNS:*.api.sanity.io,DNS:*.sanity-cdn.com,DNS:sanity-cdn.com',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      {stdio: 'pipe'},
    )
    return {key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

function corsHeaders(request: Http2ServerRequest): Record<string, string> {
  return {
    'access-control-allow-origin': request.headers.origin ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'content-type, authorization',
    'access-control-max-age': '600',
  }
}

/** Serves a StudioLake over HTTPS with HTTP/2 on 127.0.0.1 and a random port. */
export async function startStudioLake(options: LakeOptions): Promise<RunningStudioLake> {
  const lake = new StudioLake(options)
  const closers = new Set<() => void>()
  const server = createSecureServer(
    {...selfSignedCertificate(), allowHTTP1: true},
    async (request: Http2ServerRequest, response: Http2ServerResponse) => {
      const body = Buffer.concat(await Array.fromAsync(request))
      const host = String(request.headers[':authority'] ?? request.headers.host ?? '').replace(/:\d+$/, '')
      const answer = await lake.handle({method: request.method, host, url: request.url, body})
      response.writeHead(answer.status, {...corsHeaders(request), ...answer.headers})
      if (!answer.stream) return void response.end(answer.body ?? '')
      const stop = answer.stream((chunk) => response.write(chunk))
      closers.add(stop)
      response.on('close', () => {
        stop()
        closers.delete(stop)
      })
    },
  )
  const sessions = new Set<ServerHttp2Session>()
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    lake,
    hostResolverRules: ['*.sanity.io', '*.sanity-cdn.com', 'sanity-cdn.com'].map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', '),
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of closers) stop()
        server.close(() => resolve())
        for (const session of sessions) session.destroy()
      }),
  }
}
