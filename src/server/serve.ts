// Serves the release `current` points at. The link is remembered (current.ts) and read again at
// once after this process's own swaps, when the releases folder changes (a rollback from another
// process), and on a request more than a second after the last reading. A request keeps reading
// from the release it resolved, which stays on disk until pruned, so requests during a swap finish.
//
// Releases never change after publishing, so file bytes (and their gzip/brotli forms) are
// cached by path + size + mtime. Hashed /_astro/ and /pagefind/ files missing from the
// current release are looked up in older releases, newest first: tabs opened before a swap
// keep loading their scripts and styles.

import type {IncomingMessage, OutgoingHttpHeaders, ServerResponse} from 'node:http'
import {open, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import {pipeline} from 'node:stream/promises'
import {promisify} from 'node:util'
import {brotliCompress, constants as zlibConstants, gzip} from 'node:zlib'
import {listReleases} from './releases.ts'
import {isCompressible, REVALIDATE} from '../../core/mime.ts'
import {isPublic, publicFile, type PublicFile} from '../../core/publicFiles.ts'
import {createLru} from '../../core/lru.ts'
import {createCurrentResolver} from './current.ts'
import {createPageHeaders, NOSNIFF, type HeaderPolicy} from '../../core/headers.ts'
import {silentLog, type Log} from '../../core/log.ts'

export interface StaticOptions {
  releasesDir: string
  /** Total bytes of file contents kept in memory. */
  cacheBytes?: number
  /** Larger files are streamed from disk and never compressed on the fly. */
  maxCachedFileBytes?: number
  /** Memory for remembered URL-to-file lookups. */
  lookupCacheBytes?: number
  log?: Log
  /** Who may frame pages (the Studio's preview); see headers.ts. */
  headers?: HeaderPolicy
  /** Whether a build is running, so an empty releases folder is explained truthfully. */
  building?: () => boolean
  /** Points `current` at the newest good release when it is missing or dangling. */
  repair?: () => Promise<unknown>
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

interface Found {
  file: string
  size: number
  mtimeMs: number
  etag: string
  lastModified: string
}

type Encoding = 'br' | 'gzip'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)
// Compressed bytes are cached, so a middle brotli quality keeps first requests quick.
const BROTLI_OPTIONS = {params: {[zlibConstants.BROTLI_PARAM_QUALITY]: 6}}
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES', 'EISDIR'])

export function createStaticHandler(options: StaticOptions): Handler {
  const {releasesDir, cacheBytes = 64 * 1024 * 1024, maxCachedFileBytes = 2 * 1024 * 1024} = options
  const {lookupCacheBytes = 8 * 1024 * 1024, log = silentLog, headers: policy = {}, building = () => false} = options
  const cache = createLru<Buffer | null>(cacheBytes)
  const htmlPolicy = createPageHeaders(policy)
  const currentDir = createCurrentResolver(releasesDir, options.repair)
  const loading = new Map<string, Promise<Buffer | null>>()
  // Where a URL leads inside a release. Releases never change once published, so this
  // holds until the release is pruned (and then nothing asks for it any more).
  const lookups = createLru<Found | {redirect: true}>(lookupCacheBytes)

  async function locateCached(release: string, urlPath: string): Promise<Found | {redirect: true} | null> {
    const key = `${release}\0${urlPath}`
    const hit = lookups.get(key)
    if (hit) return hit
    const result = await locate(release, urlPath)
    if (result) lookups.set(key, result, 2 * key.length + 256)
    return result
  }

  /** Bytes of `found` in `encoding` (null = identity); null when compression doesn't pay. */
  function body(found: Found, encoding: Encoding | null): Promise<Buffer | null> {
    const key = `${found.file}\0${found.size}\0${found.mtimeMs}\0${encoding ?? ''}`
    const hit = cache.get(key)
    if (hit !== undefined) return Promise.resolve(hit)
    let pending = loading.get(key)
    if (!pending) {
      pending = load(found, encoding)
        .then((bytes) => {
          cache.set(key, bytes, (bytes?.length ?? 0) + key.length)
          return bytes
        })
        .finally(() => loading.delete(key))
      loading.set(key, pending)
    }
    return pending
  }

  async function load(found: Found, encoding: Encoding | null): Promise<Buffer | null> {
    if (encoding === null) return readFile(found.file)
    const precompressed = await readOptional(`${found.file}${encoding === 'br' ? '.br' : '.gz'}`)
    if (precompressed) return precompressed
    const identity = await body(found, null)
    if (!identity) return null
    const compressed = encoding === 'br' ? await brotli(identity, BROTLI_OPTIONS) : await gzipAsync(identity)
    return compressed.length < identity.length ? compressed : null
  }

  async function sendFile(req: IncomingMessage, res: ServerResponse, found: Found, status: number, published: PublicFile) {
    const html = published.contentType.startsWith('text/html')
    const headers: OutgoingHttpHeaders = {...fileHeaders(found, published), ...(html ? await htmlPolicy(found) : {})}
    const compressible = isCompressible(String(headers['content-type']))
    if (status === 200 && isFresh(req, found.etag, found.mtimeMs)) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    const encodings = compressible ? acceptedEncodings(req.headers['accept-encoding']) : []

    if (found.size <= maxCachedFileBytes) {
      let bytes: Buffer | null = null
      for (const encoding of encodings) {
        bytes = await body(found, encoding)
        if (bytes) {
          headers['content-encoding'] = encoding
          break
        }
      }
      bytes ??= (await body(found, null)) ?? Buffer.alloc(0)
      headers['content-length'] = bytes.length
      res.writeHead(status, headers)
      res.end(req.method === 'HEAD' ? undefined : bytes)
      return
    }

    await streamFile(req, res, found, status, headers, encodings)
  }

  async function notFound(req: IncomingMessage, res: ServerResponse, release: string | null): Promise<void> {
    const page = release ? await statFile(path.join(release, '404.html')) : null
    if (page) return sendFile(req, res, page, 404, publicFile('404.html')!)
    sendText(req, res, 404, 'Not found')
  }

  async function fallbackAsset(urlPath: string, release: string): Promise<Found | null> {
    const ids = await listReleases(releasesDir)
    for (const id of ids.reverse()) {
      const dir = path.join(releasesDir, id)
      if (dir === release) continue
      const found = await statFile(path.join(dir, urlPath))
      if (found && (await isInside(dir, found.file))) return found
    }
    return null
  }

  return async function serveStatic(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(req, res, 405, 'Method not allowed', {allow: 'GET, HEAD'})
      return
    }
    const target = parseTarget(req.url)
    if (target === 'bad') {
      sendText(req, res, 400, 'Bad request: the URL path is not valid percent-encoding')
      return
    }
    const release = await currentDir()
    if (!release) {
      const why = building()
        ? 'The site is being built; try again in a minute'
        : 'No release of the site is available, and no build is running'
      sendText(req, res, 503, why, {'retry-after': '30'})
      return
    }
    if (target === 'outside') return notFound(req, res, release)

    try {
      const located = await locateCached(release, target.path)
      if (located && 'redirect' in located) {
        const location = `/${target.raw.replace(/^\/+/, '')}/${target.query}`
        sendText(req, res, 301, `Moved to ${location}`, {location, 'cache-control': REVALIDATE})
        return
      }
      let found = located
      let published = found && publicFile(path.relative(release, found.file))
      if (!found && publicFile(target.path)?.hashed) {
        found = await fallbackAsset(target.path, release)
        published = publicFile(target.path)
      }
      if (!found || !published) return notFound(req, res, release)
      await sendFile(req, res, found, 200, published)
    } catch (error) {
      // Pruned between lookup and read: the file is simply gone now.
      if (isMissing(error) && !res.headersSent) return notFound(req, res, await currentDir())
      log('serve.error', {path: target.path, error: (error as Error).message})
      throw error
    }
  }
}

/** The headers of every file response: the one place they are set. */
function fileHeaders(found: Found, published: PublicFile): OutgoingHttpHeaders {
  const type = published.contentType
  return {
    'content-type': type,
    'cache-control': published.cacheControl,
    etag: found.etag,
    'last-modified': found.lastModified,
    ...NOSNIFF,
    ...(isCompressible(type) ? {vary: 'Accept-Encoding'} : {}),
  }
}

/** A large file: a precompressed sibling if there is one, else the file as is, streamed from disk. */
async function streamFile(
  req: IncomingMessage,
  res: ServerResponse,
  found: Found,
  status: number,
  headers: OutgoingHttpHeaders,
  encodings: Encoding[],
) {
  let source = found
  for (const encoding of encodings) {
    const sibling = await statFile(`${found.file}${encoding === 'br' ? '.br' : '.gz'}`)
    if (sibling) {
      source = sibling
      headers['content-encoding'] = encoding
      break
    }
  }
  const handle = await open(source.file, 'r')
  headers['content-length'] = source.size
  res.writeHead(status, headers)
  if (req.method === 'HEAD') {
    await handle.close()
    res.end()
    return
  }
  await pipeline(handle.createReadStream(), res).catch(() => {
    // The client went away; nothing to report.
  })
}

/** A file for the URL path inside the release, never a file a link inside it leads out to. */
async function locate(release: string, urlPath: string): Promise<Found | {redirect: true} | null> {
  const result = await locateAny(release, urlPath)
  if (!result || 'redirect' in result) return result
  return (await isInside(release, result.file)) ? result : null
}

/** True when `file`, with every link resolved, lies inside `dir` (itself resolved). */
export async function isInside(dir: string, file: string): Promise<boolean> {
  try {
    const [root, real] = await Promise.all([realpath(dir), realpath(file)])
    return real.startsWith(`${root}${path.sep}`)
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

/** A file for the URL path, a redirect for a directory without its slash, or null. */
async function locateAny(release: string, urlPath: string): Promise<Found | {redirect: true} | null> {
  const file = path.join(release, urlPath)
  if (urlPath.endsWith('/')) return statFile(path.join(file, 'index.html'))
  const info = await statOptional(file)
  if (info?.isFile()) return found(file, info)
  if (info?.isDirectory()) return (await statFile(path.join(file, 'index.html'))) ? {redirect: true} : null
  // `build.format: 'file'` output: /about -> about.html.
  if (!info && path.extname(urlPath) === '') return statFile(`${file}.html`)
  return null
}

type Target = {path: string; raw: string; query: string} | 'bad' | 'outside'

/** Decodes the request path; refuses bad encoding, NUL bytes and any `..` segment. */
export function parseTarget(url: string | undefined): Target {
  if (!url) return 'bad'
  let raw = url
  if (!raw.startsWith('/')) {
    // Absolute-form request target (`GET http://host/path`).
    try {
      const parsed = new URL(raw)
      raw = parsed.pathname + parsed.search
    } catch {
      return 'bad'
    }
  }
  const hash = raw.indexOf('#')
  if (hash !== -1) raw = raw.slice(0, hash)
  const q = raw.indexOf('?')
  const query = q === -1 ? '' : raw.slice(q)
  raw = q === -1 ? raw : raw.slice(0, q)
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    return 'bad'
  }
  if (decoded.includes('\0')) return 'bad'
  const segments = decoded.split(/[/\\]/)
  if (segments.includes('..')) return 'outside'
  // Addresses are published in NFC; a client may send any normalisation form of the same slug.
  const normalized = path.posix.normalize(decoded.normalize('NFC'))
  if (!isPublic(normalized)) return 'outside'
  return {path: normalized.startsWith('/') ? normalized : `/${normalized}`, raw, query}
}

/** Encodings the client accepts, in our order of preference. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return []
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';')
    let weight = 1
    for (const param of params) {
      const [key, value] = param.split('=')
      if (key?.trim() === 'q') weight = Number(value)
    }
    weights.set(name.trim().toLowerCase(), Number.isFinite(weight) ? weight : 0)
  }
  const any = weights.get('*') ?? 0
  return (['br', 'gzip'] as const).filter((encoding) => (weights.get(encoding) ?? any) > 0)
}

function isFresh(req: IncomingMessage, etag: string, mtimeMs: number): boolean {
  const noneMatch = req.headers['if-none-match']
  if (noneMatch) {
    const bare = etag.replace(/^W\//, '')
    return noneMatch.split(',').some((tag) => {
      const candidate = tag.trim()
      return candidate === '*' || candidate.replace(/^W\//, '') === bare
    })
  }
  const since = req.headers['if-modified-since']
  if (since) {
    const time = Date.parse(since)
    return Number.isFinite(time) && time >= Math.floor(mtimeMs / 1000) * 1000
  }
  return false
}

export function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  const bytes = Buffer.from(`${text}\n`)
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
    ...NOSNIFF,
    ...headers,
  })
  res.end(req.method === 'HEAD' ? undefined : bytes)
}

async function statOptional(file: string) {
  try {
    return await stat(file)
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

async function statFile(file: string): Promise<Found | null> {
  const info = await statOptional(file)
  return info?.isFile() ? found(file, info) : null
}

function found(file: string, info: {size: number; mtimeMs: number}): Found {
  return {
    file,
    size: info.size,
    mtimeMs: info.mtimeMs,
    etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`,
    lastModified: new Date(info.mtimeMs).toUTCString(),
  }
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

function isMissing(error: unknown): boolean {
  return MISSING.has((error as NodeJS.ErrnoException | undefined)?.code ?? '')
}
