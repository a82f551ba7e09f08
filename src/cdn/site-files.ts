// The files of a built site as a bucket sees them: object key, SHA-256 of the content, content
// type and cache policy, and the upload phase each belongs to. Which files are public, and how,
// is core/publicFiles.ts's call, the same one `npm start` serves by.

import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {htmlHeaders, NOSNIFF, type HeaderPolicy} from '../../core/headers.ts'
import {publicFile} from '../../core/publicFiles.ts'

/** Hashed assets go first, HTML last, so no page is ever live before what it loads. */
export type Phase = 'hashed' | 'other' | 'html'
export const PHASES: readonly Phase[] = ['hashed', 'other', 'html']

export interface SiteFile {
  /** Path inside the site, with forward slashes and no leading slash: `sessions/x/index.html`. */
  path: string
  file: string
  sha256: string
  size: number
  contentType: string
  cacheControl: string
  /** The security headers `npm start` sends with this file (per page for HTML: the CSP hashes its inline pieces). */
  headers: Record<string, string>
  phase: Phase
}

export async function readSiteFiles(root: string, policy: HeaderPolicy = {}): Promise<SiteFile[]> {
  const names = (await readdir(root, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  const files: SiteFile[] = []
  for (const name of names) {
    const published = publicFile(name)
    if (!published) continue
    const file = path.join(root, name)
    const bytes = await readFile(file)
    files.push({
      path: name,
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      contentType: published.contentType,
      cacheControl: published.cacheControl,
      headers: securityHeaders(bytes, published.contentType, policy),
      phase: published.hashed ? 'hashed' : name.endsWith('.html') ? 'html' : 'other',
    })
  }
  return files
}

function securityHeaders(bytes: Buffer, type: string, policy: HeaderPolicy): Record<string, string> {
  const headers = type.startsWith('text/html') ? htmlHeaders(bytes.toString('utf8'), policy) : NOSNIFF
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]))
}
