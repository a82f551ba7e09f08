import http from 'node:http'
import net from 'node:net'
import {mkdir, rename, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync} from 'node:zlib'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {swapCurrent} from '../../src/server/releases.ts'
import {acceptedEncodings, createStaticHandler, parseTarget, type StaticOptions} from '../../src/server/serve.ts'
import {isHashedAsset} from '../../core/mime.ts'
import {tempDir} from './helpers.ts'

const A = '20250101T000000000Z'
const B = '20250102T000000000Z'
const C = '20250103T000000000Z'
const HTML = `<!doctype html><title>home</title>${'<p>recap</p>'.repeat(200)}`

let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string
let server: http.Server
let port: number

async function put(release: string, file: string, content: string | Buffer): Promise<void> {
  const full = path.join(releases, release, file)
  await mkdir(path.dirname(full), {recursive: true})
  await writeFile(full, content)
}

async function listen(options: Partial<StaticOptions> = {}): Promise<void> {
  const handler = createStaticHandler({releasesDir: releases, ...options})
  server = http.createServer((req, res) => {
    handler(req, res).catch(() => {
      res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as net.AddressInfo).port
}

interface Response {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A plain GET (no automatic decompression, the path sent exactly as given). */
function get(target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request({host: '127.0.0.1', port, path: target, method, headers, agent: false}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

beforeEach(async () => {
  tmp = await tempDir()
  releases = path.join(tmp.dir, 'releases')
  await mkdir(releases)
  await writeFile(path.join(tmp.dir, 'secret.txt'), 'do not serve')
  await put(A, 'index.html', HTML)
  await put(A, '404.html', '<!doctype html><title>Not found</title>')
  await put(A, 'about/index.html', '<p>about</p>')
  await swapCurrent(releases, A)
})

afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await tmp.remove()
})

describe('static files', () => {
  it('content types match the file extension, with a charset for text', async () => {
    const files: Record<string, string> = {
      'a.html': 'text/html; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.mjs': 'text/javascript; charset=utf-8',
      'a.json': 'application/json; charset=utf-8',
      'rss.xml': 'application/xml; charset=utf-8',
      'a.svg': 'image/svg+xml; charset=utf-8',
      'a.png': 'image/png',
      'a.jpg': 'image/jpeg',
      'a.jpeg': 'image/jpeg',
      'a.webp': 'image/webp',
      'a.avif': 'image/avif',
      'a.gif': 'image/gif',
      'favicon.ico': 'image/x-icon',
      'robots.txt': 'text/plain; charset=utf-8',
      'event.ics': 'text/calendar; charset=utf-8',
      'a.wasm': 'application/wasm',
      'a.woff2': 'font/woff2',
      'pagefind/pagefind.en_94147cf6a6.pf_meta': 'application/octet-stream',
      'pagefind/index/en_23f9a5b.pf_index': 'application/octet-stream',
      'pagefind/fragment/en_2fb958e.pf_fragment': 'application/octet-stream',
      'pagefind/wasm.en.pagefind': 'application/octet-stream',
      'unknown.bin': 'application/octet-stream',
    }
    for (const file of Object.keys(files)) await put(A, file, 'x')
    await listen()
    for (const [file, type] of Object.entries(files)) {
      const response = await get(`/${file}`)
      expect([file, response.status, response.headers['content-type']]).toEqual([file, 200, type])
      expect(response.headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('hashed /_astro/ and /pagefind/ files are immutable, everything else revalidates', async () => {
    const immutable = [
      '_astro/index.B1a2C3d4.css',
      '_astro/Layout.astro_astro_type_script_index_0_lang.Dx3kL9aB.js',
      '_astro/358129abd9d8b6fda4fb05f9cb573e75f6992252-1200x800_Z1CVbsr.jpeg',
      '_astro/358129abd9d8b6fda4fb05f9cb573e75f6992252-1200x800_H7Su.webp',
      'pagefind/pagefind.en_94147cf6a6.pf_meta',
      'pagefind/fragment/en_2fb958e.pf_fragment',
      'pagefind/index/en_23f9a5b.pf_index',
    ]
    const revalidate = [
      'index.html',
      'pagefind/pagefind.js',
      'pagefind/pagefind-entry.json',
      'pagefind/pagefind-ui.css',
      'pagefind/wasm.en.pagefind',
      'favicon.svg',
      'rss.xml',
    ]
    for (const file of [...immutable, ...revalidate]) await put(A, file, 'x')
    await listen()
    for (const file of immutable) {
      expect([file, (await get(`/${file}`)).headers['cache-control']]).toEqual([file, 'public, max-age=31536000, immutable'])
    }
    for (const file of revalidate) {
      expect([file, (await get(`/${file}`)).headers['cache-control']]).toEqual([file, 'no-cache'])
    }
    expect((await get('/')).headers['cache-control']).toBe('no-cache')
  })

  it('answers 304 to a matching If-None-Match or a current If-Modified-Since', async () => {
    await listen()
    const first = await get('/')
    expect(first.status).toBe(200)
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
    expect(first.headers['last-modified']).toBeTruthy()
    const byTag = await get('/', {'if-none-match': `"other", ${first.headers.etag}`})
    expect([byTag.status, byTag.body.length, byTag.headers.etag]).toEqual([304, 0, first.headers.etag])
    expect((await get('/', {'if-none-match': '"other"'})).status).toBe(200)
    expect((await get('/', {'if-modified-since': first.headers['last-modified']!})).status).toBe(304)
    expect((await get('/', {'if-modified-since': new Date(0).toUTCString()})).status).toBe(200)
  })

  it('compresses text on the fly, brotli first, gzip when that is all the client takes', async () => {
    await listen()
    const br = await get('/', {'accept-encoding': 'gzip, deflate, br'})
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(brotliDecompressSync(br.body).toString()).toBe(HTML)

    const gz = await get('/', {'accept-encoding': 'gzip, br;q=0'})
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(HTML)

    const plain = await get('/')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.body.toString()).toBe(HTML)

    // Repeat requests come from the cache and stay identical.
    expect((await get('/', {'accept-encoding': 'br'})).body.equals(br.body)).toBe(true)
  })

  it('serves precompressed .br and .gz siblings when present', async () => {
    const css = 'body{color:red}'.repeat(50)
    await put(A, 'style.css', css)
    await put(A, 'style.css.br', brotliCompressSync('/* from the .br file */'))
    await put(A, 'style.css.gz', gzipSync('/* from the .gz file */'))
    await listen()
    const br = await get('/style.css', {'accept-encoding': 'br, gzip'})
    expect(brotliDecompressSync(br.body).toString()).toBe('/* from the .br file */')
    const gz = await get('/style.css', {'accept-encoding': 'gzip'})
    expect(gunzipSync(gz.body).toString()).toBe('/* from the .gz file */')
  })

  it('streams large files, using a precompressed sibling when accepted', async () => {
    const big = 'abcdefgh'.repeat(64 * 1024) // 512 KiB
    await put(A, 'big.js', big)
    await put(A, 'big.js.gz', gzipSync(big))
    await listen({maxCachedFileBytes: 1024})
    const plain = await get('/big.js')
    expect([plain.status, plain.body.toString() === big]).toEqual([200, true])
    const gz = await get('/big.js', {'accept-encoding': 'gzip'})
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString() === big).toBe(true)
    const head = await get('/big.js', {}, 'HEAD')
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, String(big.length), 0])
  })

  it('images are not recompressed', async () => {
    await put(A, 'photo.png', Buffer.alloc(4096, 1))
    await listen()
    const response = await get('/photo.png', {'accept-encoding': 'br, gzip'})
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers.vary).toBeUndefined()
  })

  it('HEAD answers with the headers of GET and no body', async () => {
    await listen()
    const head = await get('/', {'accept-encoding': 'gzip'}, 'HEAD')
    const full = await get('/', {'accept-encoding': 'gzip'})
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['content-length']).toBe(full.headers['content-length'])
    expect(head.headers['content-encoding']).toBe('gzip')
  })

  it('directory URLs serve index.html, and /foo redirects to /foo/', async () => {
    await listen()
    expect((await get('/about/')).body.toString()).toBe('<p>about</p>')
    const redirect = await get('/about?x=1')
    expect([redirect.status, redirect.headers.location]).toEqual([301, '/about/?x=1'])
  })

  it('a redirect never points to another host', async () => {
    await put(A, 'evil.com/index.html', 'x')
    await listen()
    const redirect = await get('//evil.com')
    expect([redirect.status, redirect.headers.location]).toEqual([301, '/evil.com/'])
  })

  it('file-style output works too: /page serves page.html', async () => {
    await put(A, 'flat.html', 'flat')
    await listen()
    expect((await get('/flat')).body.toString()).toBe('flat')
  })

  it("missing files get the site's own 404.html with status 404", async () => {
    await listen()
    const response = await get('/no/such/page')
    expect(response.status).toBe(404)
    expect(response.body.toString()).toContain('Not found')
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect((await get('/no/such/page', {}, 'HEAD')).body.length).toBe(0)
  })

  it('without a 404.html a missing file is a plain 404', async () => {
    await put(B, 'index.html', 'b')
    await swapCurrent(releases, B)
    await listen()
    const response = await get('/nope')
    expect([response.status, response.body.toString()]).toEqual([404, 'Not found\n'])
  })

  it('path traversal cannot leave the release', async () => {
    await listen()
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/about/..%2f..%2fsecret.txt',
      '/..%5c..%5csecret.txt',
      '/..',
      '/current/../../secret.txt',
    ]
    for (const attempt of attempts) {
      const response = await get(attempt)
      expect([attempt, response.status]).toEqual([attempt, 404])
      expect(response.body.toString()).not.toContain('do not serve')
    }
  })

  it('bad percent-encoding and NUL bytes get 400', async () => {
    await listen()
    for (const bad of ['/%E0%A4%A', '/%', '/a%00b', '/%zz']) {
      expect([bad, (await get(bad)).status]).toEqual([bad, 400])
    }
  })

  it('methods other than GET and HEAD get 405 with Allow', async () => {
    await listen()
    const response = await get('/', {}, 'POST')
    expect([response.status, response.headers.allow]).toEqual([405, 'GET, HEAD'])
  })

  it('answers 503 while there is no release yet', async () => {
    await listen({releasesDir: path.join(tmp.dir, 'empty')})
    const response = await get('/')
    expect([response.status, response.headers['retry-after']]).toEqual([503, '30'])
  })

  it('a swap takes effect on the next request', async () => {
    await put(B, 'index.html', 'release B')
    await listen()
    expect((await get('/')).body.toString()).toBe(HTML)
    await swapCurrent(releases, B)
    expect((await get('/')).body.toString()).toBe('release B')
  })

  it('a swap by another process (a rollback) is seen on the next request as well', async () => {
    await put(B, 'index.html', 'release B')
    await listen()
    expect((await get('/')).body.toString()).toBe(HTML)
    // What `npm run rollback` does from its own process: a new link renamed over `current`.
    await symlink(B, path.join(releases, 'outside-link'))
    await rename(path.join(releases, 'outside-link'), path.join(releases, 'current'))
    await new Promise((done) => setTimeout(done, 50))
    expect((await get('/')).body.toString()).toBe('release B')
  })

  it('the first release is served as soon as it appears, when the service started with none', async () => {
    const empty = path.join(tmp.dir, 'later')
    await listen({releasesDir: empty})
    expect((await get('/')).status).toBe(503)
    await mkdir(path.join(empty, A), {recursive: true})
    await writeFile(path.join(empty, A, 'index.html'), 'first')
    await swapCurrent(empty, A)
    expect((await get('/')).body.toString()).toBe('first')
  })

  it('hashed assets missing from current are served from older releases, newest first', async () => {
    await put(A, '_astro/app.AAAAAAAA.js', 'old A')
    await put(A, '_astro/shared.SSSSSSSS.js', 'shared from A')
    await put(B, '_astro/shared.SSSSSSSS.js', 'shared from B')
    await put(B, 'unhashed.js', 'b')
    await put(C, 'index.html', 'release C')
    await swapCurrent(releases, C)
    await listen()
    const old = await get('/_astro/app.AAAAAAAA.js')
    expect([old.status, old.body.toString(), old.headers['cache-control']]).toEqual([200, 'old A', 'public, max-age=31536000, immutable'])
    expect((await get('/_astro/shared.SSSSSSSS.js')).body.toString()).toBe('shared from B')
    // Only content-hashed names fall back; anything else is what current says.
    expect((await get('/unhashed.js')).status).toBe(404)
    expect((await get('/_astro/missing.ZZZZZZZZ.js')).status).toBe(404)
  })

  it('requests in flight during a swap never fail', async () => {
    const bodies = new Map<string, string>()
    for (const [id, label] of [
      [A, 'A'],
      [B, 'B'],
      [C, 'C'],
    ] as const) {
      const page = `<!doctype html><p>${label.repeat(3000)}</p>`
      bodies.set(label, page)
      await put(id, 'index.html', page)
      await put(id, 'big.js', label.repeat(200 * 1024)) // streamed (over the cache limit)
    }
    await listen({maxCachedFileBytes: 64 * 1024})

    let swapping = true
    const swaps = (async () => {
      let n = 0
      while (swapping) {
        await swapCurrent(releases, [A, B, C][n % 3]!)
        n += 1
        await new Promise((resolve) => setImmediate(resolve))
      }
      return n
    })()

    const failures: string[] = []
    let done = 0
    const worker = async (): Promise<void> => {
      while (done < 1500) {
        done += 1
        const big = done % 5 === 0
        const response = await get(big ? '/big.js' : '/', done % 2 ? {'accept-encoding': 'gzip'} : {})
        let text = response.body
        if (response.headers['content-encoding'] === 'gzip') text = gunzipSync(text)
        const body = text.toString()
        const ok = big ? ['A', 'B', 'C'].some((label) => body === label.repeat(200 * 1024)) : [...bodies.values()].includes(body)
        if (response.status !== 200 || !ok) failures.push(`${response.status} ${body.slice(0, 40)}`)
      }
    }
    await Promise.all(Array.from({length: 24}, worker))
    swapping = false
    const swapCount = await swaps
    expect(failures).toEqual([])
    expect(swapCount).toBeGreaterThan(50)
  })
})

describe('helpers', () => {
  it('parseTarget decodes, strips the query and spots escapes', () => {
    expect(parseTarget('/a%20b/?q=1')).toEqual({path: '/a b/', raw: '/a%20b/', query: '?q=1'})
    expect(parseTarget('http://host/x?y')).toEqual({path: '/x', raw: '/x', query: '?y'})
    expect(parseTarget('/a/../b')).toBe('outside')
    expect(parseTarget('/%')).toBe('bad')
    expect(parseTarget('*')).toBe('bad')
  })

  it('acceptedEncodings honours q=0 and *', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip'])
    expect(acceptedEncodings('br;q=0, gzip;q=0.5')).toEqual(['gzip'])
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip'])
    expect(acceptedEncodings('*, br;q=0')).toEqual(['gzip'])
    expect(acceptedEncodings('identity')).toEqual([])
    expect(acceptedEncodings(undefined)).toEqual([])
  })

  it('isHashedAsset only matches content-hashed names', () => {
    expect(isHashedAsset('/_astro/client.BmX3dZ9q.js')).toBe(true)
    expect(isHashedAsset('/_astro/client.js')).toBe(false)
    expect(isHashedAsset('/_astro/photo_1FP3mq.webp')).toBe(true)
    expect(isHashedAsset('/_astro/photo_ab.webp')).toBe(false)
    expect(isHashedAsset('/pagefind/pagefind.js')).toBe(false)
    expect(isHashedAsset('/pagefind/pagefind-entry.json')).toBe(false)
    expect(isHashedAsset('/elsewhere/client.BmX3dZ9q.js')).toBe(false)
  })
})
