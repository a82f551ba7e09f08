// What a release publishes, decided once: `npm start` (serve.ts) and the bucket deploy both ask
// here, so a file one of them hides the other never publishes. The release's own records
// (`.recap/left-out.json` names documents, fields and bad values) are not part of the site.
import {cacheControl, contentType, isHashedAsset} from './mime.ts'

export interface PublicFile {
  contentType: string
  cacheControl: string
  /** Named by content hash: cached forever, uploaded before anything that loads it. */
  hashed: boolean
}

/** `/a/b.html`, `a/b.html` and `a\b.html` all name the same file of a release. */
export function sitePath(relative: string): string {
  return `/${relative.split('\\').join('/').replace(/^\/+/, '')}`
}

/** False for any dot segment (`.recap/`, `.env`) except `.well-known`, and for any `..`. */
export function isPublic(relative: string): boolean {
  return sitePath(relative)
    .split('/')
    .every((segment) => !segment.startsWith('.') || segment === '.well-known')
}

/** How a release-relative file is published, or null when it is not. */
export function publicFile(relative: string): PublicFile | null {
  if (!isPublic(relative)) return null
  const urlPath = sitePath(relative)
  return {contentType: contentType(urlPath), cacheControl: cacheControl(urlPath), hashed: isHashedAsset(urlPath)}
}
