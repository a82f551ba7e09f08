// Content types and caching rules for the files an Astro + Pagefind build produces.

import path from 'node:path'

const TEXT = '; charset=utf-8'

// A Map, not an object: a request can name any extension, `.constructor` included.
const TYPES = new Map<string, string>(
  Object.entries({
    '.html': `text/html${TEXT}`,
    '.css': `text/css${TEXT}`,
    '.js': `text/javascript${TEXT}`,
    '.mjs': `text/javascript${TEXT}`,
    '.json': `application/json${TEXT}`,
    '.map': `application/json${TEXT}`,
    '.webmanifest': `application/manifest+json${TEXT}`,
    '.xml': `application/xml${TEXT}`,
    '.xsl': `application/xml${TEXT}`,
    '.svg': `image/svg+xml${TEXT}`,
    '.txt': `text/plain${TEXT}`,
    '.ics': `text/calendar${TEXT}`,
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
    '.avif': 'image/avif',
    '.gif': 'image/gif',
    '.ico': 'image/x-icon',
    '.wasm': 'application/wasm',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.pdf': 'application/pdf',
    // Pagefind's index chunks are already compressed binary.
    '.pf_meta': 'application/octet-stream',
    '.pf_index': 'application/octet-stream',
    '.pf_fragment': 'application/octet-stream',
    '.pf_filter': 'application/octet-stream',
  }),
)

export const DEFAULT_TYPE = 'application/octet-stream'

export function contentType(file: string): string {
  return TYPES.get(path.extname(file).toLowerCase()) ?? DEFAULT_TYPE
}

/** Worth gzip/brotli: text formats and wasm. Images, fonts and Pagefind chunks are compressed already. */
export function isCompressible(type: string): boolean {
  return (
    type.startsWith('text/') ||
    type.startsWith('application/json') ||
    type.startsWith('application/xml') ||
    type.startsWith('application/manifest+json') ||
    type.startsWith('image/svg+xml') ||
    type === 'application/wasm'
  )
}

// Only names that carry a content hash may be cached forever. Under /_astro/: Vite's
// `name.HASH.ext` (scripts, styles, fonts) and astro:assets' `name_HASH.ext` (images). Under
// /pagefind/: `lang_HASH.pf_*`. pagefind.js, pagefind-entry.json and wasm.<lang>.pagefind keep
// their names across builds, so they must be revalidated.
const HASHED = [
  /^\/_astro\/(?:[^/]+\/)*[^/]+(?:\.[A-Za-z0-9_-]{8,}|_[A-Za-z0-9]{4,})\.[A-Za-z0-9]+$/,
  /^\/pagefind\/(?:[^/]+\/)*[^/]*_[0-9a-f]{7,}\.pf_[a-z]+$/,
]

export function isHashedAsset(urlPath: string): boolean {
  return HASHED.some((pattern) => pattern.test(urlPath))
}

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

export function cacheControl(urlPath: string): string {
  return isHashedAsset(urlPath) ? IMMUTABLE : REVALIDATE
}
