// The rebuild service's side of the draft preview: checks an editor's access, starts the preview
// process, and forwards the editor's requests to it. Readers never reach the preview: without a
// valid preview cookie every request is served from the published release as before.
import {fork, type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import path from 'node:path'
import type {Log} from '../../core/log.ts'
import {COOKIE, localPath, type PreviewAccess} from './access.ts'
import {PREVIEW_HEADERS} from './headers.ts'
import {KEY_HEADER} from './server.ts'

export interface PreviewGateway {
  /** True when the request is the preview's to answer. */
  handles(req: IncomingMessage): boolean
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
  close(): Promise<void>
}

export type GatewayOptions = {access: PreviewAccess; repoRoot: string; log: Log; env?: NodeJS.ProcessEnv}

const ENTER = '/api/preview/enable'
const LEAVE = '/api/preview/disable'
const EVENTS = '/api/preview/events'

function sentence(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {...PREVIEW_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers}).end(`${text}\n`)
}

/** Pages, optimised images, the preview's own scripts and its change feed; files such as feeds, calendars and search stay public. */
function isPreviewPath(pathname: string): boolean {
  return !path.posix.extname(pathname) || pathname.startsWith('/_image') || pathname.startsWith('/_astro/')
}

function cookieAttributes(req: IncomingMessage): string {
  const secure = (req.socket as {encrypted?: boolean}).encrypted || req.headers['x-forwarded-proto'] === 'https'
  // Inside the Studio the preview is a third-party frame, which only gets SameSite=None cookies.
  return `Path=/; HttpOnly; ${secure ? 'SameSite=None; Secure' : 'SameSite=Lax'}`
}

export function createPreviewGateway(options: GatewayOptions): PreviewGateway {
  const {access, log} = options
  const key = randomBytes(24).toString('base64url')
  let child: ChildProcess | null = null
  let port: Promise<number> | null = null
  let closing = false

  function start(): Promise<number> {
    port ??= new Promise<number>((resolve, reject) => {
      const started = Date.now()
      child = fork(path.join(options.repoRoot, 'src/preview/server.ts'), [], {
        cwd: options.repoRoot,
        env: {...(options.env ?? process.env), RECAP_PREVIEW_KEY: key},
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      child.on('message', (message: {ready?: number}) => {
        if (!message.ready) return
        log('preview.ready', {ms: Date.now() - started})
        resolve(message.ready)
      })
      child.on('exit', (code) => {
        child = null
        port = null
        if (!closing) log('preview.stopped', {code})
        reject(new Error(`the preview process stopped (exit ${code})`))
      })
    })
    return port
  }

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let target: number
    try {
      target = await start()
    } catch (error) {
      return sentence(res, 503, `The preview could not start (${(error as Error).message}); the service log says why.`)
    }
    await new Promise<void>((resolve) => {
      const upstream = http.request(
        {host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: {...req.headers, [KEY_HEADER]: key}},
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, {...answer.headers, ...PREVIEW_HEADERS})
          answer.pipe(res)
          answer.on('end', resolve)
          answer.on('error', resolve)
        },
      )
      upstream.on('error', (error) => {
        if (!res.headersSent) sentence(res, 502, `The preview did not answer (${error.message}).`)
        else res.destroy()
        resolve()
      })
      res.on('close', () => {
        upstream.destroy()
        resolve()
      })
      req.pipe(upstream)
    })
  }

  async function enter(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // An editor already in the preview stays in: with the embedded dataset that lets the Presentation
    // tool, whose own secret only a Sanity project can check, show the preview after the entry link.
    const entry =
      !access.off && access.allows(req.headers.cookie)
        ? {valid: true as const, redirectTo: localPath(url.searchParams.get('redirect') ?? url.searchParams.get('sanity-preview-pathname'))}
        : await access.enter(url)
    if (!entry.valid) return sentence(res, access.off ? 404 : 401, entry.reason)
    log('preview.entered', {path: entry.redirectTo})
    void start().catch(() => {})
    res
      .writeHead(307, {
        ...PREVIEW_HEADERS,
        location: entry.redirectTo,
        'set-cookie': `${COOKIE}=${access.cookieFor()}; ${cookieAttributes(req)}`,
      })
      .end()
  }

  // Start at once, so the first editor does not wait for the renderer.
  if (!access.off) void start().catch((error: Error) => log('preview.failed', {error: error.message}))

  return {
    handles(req) {
      const pathname = (req.url ?? '/').split('?')[0]!
      if (pathname === ENTER || pathname === LEAVE || pathname === EVENTS) return true
      return !access.off && isPreviewPath(pathname) && access.allows(req.headers.cookie)
    },
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://service')
      if (url.pathname === ENTER) return enter(req, res, url)
      if (url.pathname === LEAVE) {
        res.writeHead(307, {...PREVIEW_HEADERS, location: '/', 'set-cookie': `${COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`}).end()
        return
      }
      if (access.off || !access.allows(req.headers.cookie)) return sentence(res, 401, 'There is no preview without a valid preview link.')
      return forward(req, res)
    },
    async close() {
      closing = true
      const running = child as ChildProcess | null
      if (!running) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGTERM')
      await exited
    },
  }
}
