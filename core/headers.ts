// Response header policy, kept apart from how files are found and sent.
//
// Every response says `nosniff`. HTML pages also get a Content-Security-Policy that allows exactly what
// that page uses: its own inline styles, style attributes and scripts by hash, same-origin files, data:
// images (the blurred placeholders), and WebAssembly only on a page that loads Pagefind. JSON-LD blocks
// are data, not scripts, so they need nothing. Pages refuse to be framed, except by the Studio's origin
// when RECAP_STUDIO_ORIGIN is set, so its preview can show them.
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import type {OutgoingHttpHeaders} from 'node:http'
import {createLru} from './lru.ts'

export const NOSNIFF = {'x-content-type-options': 'nosniff'} as const

export type HeaderPolicy = {
  /** Origin of the Studio that may frame pages for its preview, e.g. https://recap.sanity.studio. */
  studioOrigin?: string | null
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/** Hashes of the inline pieces of an HTML page that a strict policy must allow. */
function inlinePieces(html: string) {
  const scripts: string[] = []
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = '', body = ''] = match
    if (/\bsrc\s*=/i.test(attributes) || /type\s*=\s*"?application\/(ld\+)?json/i.test(attributes)) continue
    scripts.push(hash(body))
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => hash(match[1] ?? ''))
  const attributes = [...html.matchAll(/\sstyle="([^"]*)"/gi)].map((match) => hash(decodeEntities(match[1] ?? '')))
  return {scripts, styles, attributes, wasm: /<script\b[^>]*src="\/pagefind\//i.test(html)}
}

/** Attribute values reach the browser decoded; the hash is over what it sees. */
function decodeEntities(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(amp|quot|lt|gt|#39|apos));/gi, (entity, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec))
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16))
    return (
      new Map([
        ['amp', '&'],
        ['quot', '"'],
        ['lt', '<'],
        ['gt', '>'],
        ['apos', "'"],
      ]).get(String(name).toLowerCase()) ?? entity
    )
  })
}

const unique = (values: string[]) => [...new Set(values)].join(' ')

/** The Content-Security-Policy for one HTML page. */
export function contentSecurityPolicy(html: string, policy: HeaderPolicy = {}): string {
  const {scripts, styles, attributes, wasm} = inlinePieces(html)
  const directives = [
    "default-src 'none'",
    `script-src 'self'${scripts.length ? ` ${unique(scripts)}` : ''}${wasm ? " 'wasm-unsafe-eval'" : ''}`,
    `style-src 'self'${styles.length ? ` ${unique(styles)}` : ''}`,
    attributes.length ? `style-src-attr 'unsafe-hashes' ${unique(attributes)}` : "style-src-attr 'none'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${policy.studioOrigin ? `'self' ${policy.studioOrigin}` : "'none'"}`,
  ]
  return directives.join('; ')
}

/** Headers for an HTML page, given its bytes. */
export function htmlHeaders(html: string, policy: HeaderPolicy = {}): OutgoingHttpHeaders {
  return {
    ...NOSNIFF,
    'content-security-policy': contentSecurityPolicy(html, policy),
    'referrer-policy': 'strict-origin-when-cross-origin',
    // Older browsers know only this header; it cannot name an origin, so it is left off when the Studio may frame.
    ...(policy.studioOrigin ? {} : {'x-frame-options': 'DENY'}),
  }
}

/** Headers of an HTML file, worked out once per file version (releases never change once published). */
export function createPageHeaders(policy: HeaderPolicy, cacheBytes = 4 * 1024 * 1024) {
  const cache = createLru<OutgoingHttpHeaders>(cacheBytes)
  return async (found: {file: string; size: number; mtimeMs: number}): Promise<OutgoingHttpHeaders> => {
    const key = `${found.file}\0${found.size}\0${found.mtimeMs}`
    const hit = cache.get(key)
    if (hit) return hit
    const computed = htmlHeaders((await readFile(found.file)).toString('utf8'), policy)
    cache.set(key, computed, key.length + String(computed['content-security-policy']).length + 256)
    return computed
  }
}

/** The Studio origin from the environment, checked: a bare origin such as https://studio.example. */
export function studioOriginFrom(value: string | undefined): string | null {
  if (!value) return null
  const url = new URL(value)
  if (url.origin !== value.replace(/\/$/, ''))
    throw new Error(`RECAP_STUDIO_ORIGIN must be an origin such as https://studio.example, not ${value}`)
  return url.origin
}
