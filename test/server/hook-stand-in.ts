// A local stand-in for a deploy hook (Netlify, Vercel, Cloudflare Pages) or GitHub's
// repository_dispatch: records every call and answers what the test scripted.

import http from 'node:http'
import type {AddressInfo} from 'node:net'

export interface HookCall {
  at: number
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface HookAnswer {
  status: number
  headers?: Record<string, string>
  body?: string
}

export interface HookStandIn {
  url: string
  calls: HookCall[]
  /** Answers for the next calls, in order; once used up, every call gets `fallback`. */
  answers: HookAnswer[]
  fallback: HookAnswer
  close(): Promise<void>
}

export async function startHookStandIn(fallback: HookAnswer = {status: 204}): Promise<HookStandIn> {
  const standIn: HookStandIn = {url: '', calls: [], answers: [], fallback, close: async () => {}}
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      standIn.calls.push({at: Date.now(), path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString()})
      const answer = standIn.answers.shift() ?? standIn.fallback
      res.writeHead(answer.status, answer.headers ?? {})
      res.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  standIn.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return standIn
}
