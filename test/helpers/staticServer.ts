import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {join, normalize, sep} from 'node:path'
import {contentType} from '../../core/mime.ts'

export type StaticServer = {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  origin: string
  /** Absolute URL for a site path. */
  url: (path: string) => string
  close: () => Promise<void>
}

async function fileAt(path: string): Promise<string | null> {
  try {
    const info = await stat(path)
    if (info.isFile()) return path
    if (info.isDirectory()) return fileAt(join(path, 'index.html'))
  } catch {
    // Missing: fall through.
  }
  return null
}

/**
 * Serves a built site over HTTP on 127.0.0.1 and a random port, the way a static host would:
 * directories serve their index.html, misses get 404.html with status 404, and every file has
 * its real content type (Pagefind needs .js, .wasm and its .pf_* chunks served correctly).
 * A single-page app (the Studio) passes `fallback: 'index.html'`: every miss gets its page with status 200.
 */
export async function serveDirectory(root: string, {fallback = '404.html'} = {}): Promise<StaticServer> {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, {allow: 'GET, HEAD'}).end()
        return
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
      const target = normalize(join(root, pathname))
      const inside = target === root || target.startsWith(root.endsWith(sep) ? root : root + sep)
      const found = inside ? await fileAt(target) : null
      // A directory without its trailing slash redirects, so relative URLs resolve as they will in production.
      if (found && found.endsWith(`${sep}index.html`) && !pathname.endsWith('/') && !pathname.endsWith('index.html')) {
        res.writeHead(301, {location: `${pathname}/`}).end()
        return
      }
      const file = found ?? (await fileAt(join(root, fallback)))
      if (!file) {
        res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found')
        return
      }
      const {size} = await stat(file)
      res.writeHead(found || fallback === 'index.html' ? 200 : 404, {
        'content-type': contentType(file),
        'content-length': size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      })
      if (req.method === 'HEAD') {
        res.end()
        return
      }
      createReadStream(file).pipe(res)
    } catch {
      if (!res.headersSent) res.writeHead(400)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
