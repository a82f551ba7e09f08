// The draft preview's own process, started by the rebuild service: it holds the drafts content graph,
// renders the site's pages on demand with it, and tells open previews when to reload. It listens on
// loopback only and answers only the service, which checks every editor's access first.
//
// RECAP_PREVIEW_KEY  the key the service sends with every request
import {createReadStream} from 'node:fs'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {timingSafeEqual} from 'node:crypto'
import {previewContentFromEnv, type PreviewContent} from './content.ts'
import {PREVIEW_HEADERS} from './headers.ts'
import {escapeHtml} from './leftOutNotice.ts'
import {ensureRenderer} from './renderer.ts'

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>

export const KEY_HEADER = 'x-recap-preview-key'
const HEARTBEAT_MS = 15_000

function plain(res: ServerResponse, status: number, sentence: string): void {
  res.writeHead(status, {...PREVIEW_HEADERS, 'content-type': 'text/plain; charset=utf-8'}).end(`${sentence}\n`)
}

/** Server-sent events: the graph's version now and after every change. */
function streamVersions(req: IncomingMessage, res: ServerResponse, content: PreviewContent): void {
  res.writeHead(200, {...PREVIEW_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive'})
  const send = (version: string) => res.write(`event: version\ndata: ${version}\n\n`)
  send(content.version())
  const stop = content.onChange(send)
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS)
  req.on('close', () => {
    stop()
    clearInterval(heartbeat)
  })
}

function serveClientFile(res: ServerResponse, clientDir: string, pathname: string): void {
  const file = path.join(clientDir, path.normalize(pathname))
  if (!file.startsWith(clientDir + path.sep)) return plain(res, 404, 'Not found.')
  const type = file.endsWith('.js')
    ? 'text/javascript; charset=utf-8'
    : file.endsWith('.css')
      ? 'text/css; charset=utf-8'
      : 'application/octet-stream'
  createReadStream(file)
    .once('open', () => res.writeHead(200, {...PREVIEW_HEADERS, 'content-type': type}))
    .once('error', () => plain(res, 404, 'Not found.'))
    .pipe(res)
}

/** A page that says why the drafts cannot be shown, and reloads itself once they can. */
function contentProblem(res: ServerResponse, content: PreviewContent, message: string): void {
  res
    .writeHead(503, {...PREVIEW_HEADERS, 'content-type': 'text/html; charset=utf-8'})
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>Preview unavailable</title></head>` +
        `<body><p>The drafts cannot be previewed: ${escapeHtml(message)}</p>` +
        `<script>new EventSource('/api/preview/events').addEventListener('version', (e) => { if (e.data !== ${JSON.stringify(content.version())}) location.reload() })</script></body></html>`,
    )
}

export function createPreviewRequestHandler(options: {key: string; content: PreviewContent; render: NodeHandler; clientDir: string}) {
  const {key, content, render, clientDir} = options
  const expected = Buffer.from(key)
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const given = Buffer.from(String(req.headers[KEY_HEADER] ?? ''))
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return plain(res, 403, 'Only the rebuild service may ask the preview.')
    const pathname = new URL(req.url ?? '/', 'http://preview').pathname
    if (pathname === '/api/preview/events') return streamVersions(req, res, content)
    if (pathname.startsWith('/_astro/')) return serveClientFile(res, clientDir, pathname)
    try {
      await content.site()
    } catch (error) {
      return contentProblem(res, content, (error as Error).message)
    }
    await render(req, res, () => plain(res, 404, 'There is no such page in the preview.'))
  }
}

async function main(): Promise<void> {
  const key = process.env.RECAP_PREVIEW_KEY
  if (!key) throw new Error('The preview server is started by the rebuild service, which sets RECAP_PREVIEW_KEY.')
  const renderer = await ensureRenderer(path.resolve(import.meta.dirname, '../..'))
  const content = previewContentFromEnv()
  globalThis.__recapPreviewSite = () => content.site()
  globalThis.__recapPreviewVersion = content.version()
  content.onChange((version) => {
    globalThis.__recapPreviewVersion = version
  })
  const {handler} = (await import(pathToFileURL(renderer.entry).href)) as {handler: NodeHandler}
  const server = http.createServer(createPreviewRequestHandler({key, content, render: handler, clientDir: renderer.client}))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.send?.({ready: (server.address() as AddressInfo).port})
  // The service owns this process: when it goes, so does the preview.
  process.on('disconnect', () => process.exit(0))
}

if (import.meta.main) await main()
