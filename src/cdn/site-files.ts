// The files of a built site as a bucket sees them: object key, SHA-256 of the content, content
// type and cache policy (the same rules `npm start` serves with, from core/mime.ts), and
// the upload phase each belongs to.

import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {cacheControl, contentType, isHashedAsset} from '../../core/mime.ts'

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
  phase: Phase
}

export async function readSiteFiles(root: string): Promise<SiteFile[]> {
  const names = (await readdir(root, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  const files: SiteFile[] = []
  for (const name of names) {
    const file = path.join(root, name)
    const bytes = await readFile(file)
    const urlPath = `/${name}`
    files.push({
      path: name,
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      contentType: contentType(name),
      cacheControl: cacheControl(urlPath),
      phase: isHashedAsset(urlPath) ? 'hashed' : name.endsWith('.html') ? 'html' : 'other',
    })
  }
  return files
}
