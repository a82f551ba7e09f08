// What the draft preview's journey adds around the Studio's Content Lake stand-in: the mutations the
// Presentation tool sends to make its preview-URL secret, and the same stand-in over plain HTTP for the
// rebuild service, which reaches Sanity as a server does (no host mapping, no test certificate).
import {randomUUID} from 'node:crypto'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {Mutation} from '@sanity/mutator'
import {runQuery} from './lake/groq.ts'
import type {LakeRequest, StudioLake} from './lake/handler.ts'
import type {Doc} from './lake/store.ts'

type MutationBody = {mutations: Record<string, {id?: string; query?: string} & Record<string, unknown>>[]}

/**
 * `POST /data/mutate`: @sanity/preview-url-secret writes its secret with createOrReplace and patch, and
 * clears expired ones with a delete by query. Only those are answered; anything else stays a problem.
 */
export function acceptPreviewSecrets(lake: StudioLake): void {
  const handle = lake.handle.bind(lake)
  lake.handle = async (request: LakeRequest) => {
    const url = new URL(request.url, `https://${request.host}`)
    // The Live Content API, which Presentation opens beside the listener: nothing is ever published live here.
    if (/\/data\/live\/events\//.test(url.pathname)) {
      return {
        status: 200,
        headers: {'content-type': 'text/event-stream'},
        stream: (send) => (send('event: welcome\ndata: {}\n\n'), () => {}),
      }
    }
    if (request.method !== 'POST' || !/\/data\/mutate\//.test(url.pathname)) return handle(request)
    const {mutations} = JSON.parse(request.body?.toString('utf8') || '{}') as MutationBody
    for (const mutation of mutations) {
      const [[kind, body]] = Object.entries(mutation) as [[string, Record<string, unknown>]]
      const target = (body.id ?? body._id) as string | undefined
      if (kind === 'createOrReplace' && (body as Doc)._type === 'sanity.previewUrlSecret') lake.store.put(body as Doc)
      else if (kind === 'patch' && target && lake.store.get(target)?._type === 'sanity.previewUrlSecret') {
        lake.store.put(new Mutation({mutations: [{patch: body as {id: string}}]}).apply(structuredClone(lake.store.get(target)!)) as Doc)
      } else if (kind === 'delete' && typeof body.query === 'string') {
        const expired = (await runQuery(lake.store.all(), body.query, {}, 'raw')) as Doc[]
        if (expired.length) lake.problems.push(`delete of ${expired.length} expired preview secrets is not supported`)
      } else lake.problems.push(`POST ${url.pathname}: unexpected mutation ${JSON.stringify(mutation)}`)
    }
    return {status: 200, headers: {'content-type': 'application/json'}, body: JSON.stringify({transactionId: randomUUID(), results: []})}
  }
}

export type LakeOverHttp = {url: string; close(): Promise<void>}

/** The stand-in on plain HTTP: API calls as `<projectId>.api.sanity.io`, and cdn.sanity.io under /cdn, with image URLs pointing there. */
export async function serveLakeOverHttp(lake: StudioLake, projectId: string): Promise<LakeOverHttp> {
  let origin = ''
  const local = (text: string) => text.replaceAll('https://cdn.sanity.io', `${origin}/cdn`)
  const streams = new Set<() => void>()
  const server = http.createServer(async (request, response) => {
    const body = Buffer.concat(await Array.fromAsync(request))
    const cdn = request.url!.startsWith('/cdn/')
    const answer = await lake.handle({
      method: request.method!,
      host: cdn ? 'cdn.sanity.io' : `${projectId}.api.sanity.io`,
      url: cdn ? request.url!.slice('/cdn'.length) : request.url!,
      body,
    })
    response.writeHead(answer.status, answer.headers)
    if (!answer.stream) return void response.end(typeof answer.body === 'string' ? local(answer.body) : (answer.body ?? ''))
    const stop = answer.stream((chunk) => response.write(local(chunk)))
    streams.add(stop)
    response.on('close', () => {
      stop()
      streams.delete(stop)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    close: () =>
      new Promise((resolve) => {
        for (const stop of streams) stop()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
