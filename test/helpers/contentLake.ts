import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {evaluate, parse} from 'groq-js'
import {loadEmbeddedDataset} from '../../src/lib/content/embedded.ts'

export type ContentLake = {url: string; requests: number; close(): Promise<void>; fail(status: number | null): void}

/**
 * A stand-in for the Content Lake's query endpoint (`/v<date>/data/query/<dataset>`), backed by groq-js
 * over a dataset loaded exactly as the embedded backend loads it. It counts the queries it answers.
 */
export async function startContentLake(datasetFile: string): Promise<ContentLake> {
  const documents = await loadEmbeddedDataset(datasetFile)
  let failWith: number | null = null
  const lake = {url: '', requests: 0} as ContentLake
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://lake')
    if (!/^\/v[\d-]+\/data\/query\/[\w-]+$/.test(url.pathname)) return void response.writeHead(404).end()
    lake.requests++
    if (failWith) return void response.writeHead(failWith, {'content-type': 'application/json'}).end('{"error":"stand-in failure"}')
    let query = url.searchParams.get('query') ?? ''
    const params: Record<string, unknown> = {}
    for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      query = body.query
      Object.assign(params, body.params)
    }
    try {
      const result = await (await evaluate(parse(query, {params}), {dataset: documents, params})).get()
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
