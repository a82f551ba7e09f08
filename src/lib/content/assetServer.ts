import {createReadStream} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * Serves the embedded dataset's image files on loopback, so the build fetches and optimises them
 * exactly as it does images from Sanity's CDN. It never keeps the process alive.
 */
export async function startAssetServer(files: Map<string, {path: string; mimeType: string}>): Promise<string> {
  const server = createServer((request, response) => {
    const file = files.get(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname))
    if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404).end()
      return
    }
    // Names carry the file's SHA-1, so Astro may cache the optimised result for good.
    response.writeHead(200, {'content-type': file.mimeType, 'cache-control': 'public, max-age=31536000, immutable'})
    if (request.method === 'HEAD') response.end()
    else
      createReadStream(file.path)
        .on('error', () => response.destroy())
        .pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  server.unref()
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
