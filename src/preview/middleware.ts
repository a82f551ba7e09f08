import {defineMiddleware} from 'astro:middleware'
import {PREVIEW_HEADERS} from './headers.ts'
import {leftOutNotice} from './leftOutNotice.ts'

declare global {
  // The content graph's version, set by the preview server; pages carry it so the browser knows when to reload.
  var __recapPreviewVersion: string | undefined
}

export const onRequest = defineMiddleware(async (_context, next) => {
  // Read before rendering: if the graph moves on meanwhile, the page reloads once more rather than never.
  const version = globalThis.__recapPreviewVersion ?? ''
  const site = globalThis.__recapPreviewSite?.().catch(() => null)
  const response = await next()
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(PREVIEW_HEADERS)) headers.set(name, value)
  if (!headers.get('content-type')?.startsWith('text/html')) return new Response(response.body, {status: response.status, headers})
  const marker = `<meta name="robots" content="noindex, nofollow"><meta name="recap-preview-version" content="${version}">`
  const notice = leftOutNotice((await site)?.leftOut ?? [])
  const html = (await response.text()).replace(/<head[^>]*>/, (head) => head + marker).replace(/<body[^>]*>/, (body) => body + notice)
  headers.delete('content-length')
  return new Response(html, {status: response.status, headers})
})
