// Finds the live release for each request: `current`, read afresh every time so a swap takes effect at once.
// A link that is missing or leads to a deleted release is repaired first, from the newest good release.
import {readlink, stat} from 'node:fs/promises'
import path from 'node:path'
import {CURRENT} from './releases.ts'

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES'])

async function readCurrent(releasesDir: string): Promise<string | null> {
  try {
    return path.resolve(releasesDir, await readlink(path.join(releasesDir, CURRENT)))
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) return null
    throw error
  }
}

const isDirectory = (dir: string) => stat(dir).then((info) => info.isDirectory(), () => false)

/** The live release's folder, or null when there is none (after a repair, when one is possible). */
export function createCurrentResolver(releasesDir: string, repair?: () => Promise<unknown>): () => Promise<string | null> {
  return async () => {
    const dir = await readCurrent(releasesDir)
    if (!repair || (dir && (await isDirectory(dir)))) return dir
    await repair()
    return readCurrent(releasesDir)
  }
}
