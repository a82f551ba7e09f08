// Finds the live release for each request: `current`, read afresh every time so a swap takes effect at once.
// A link that is missing or leads to a deleted release is repaired first, from the newest good release.
import {readlinkSync, statSync} from 'node:fs'
import path from 'node:path'
import {CURRENT} from './releases.ts'

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES'])

// Synchronous on purpose: it runs on every request, and a thread-pool round trip costs more than the syscall.
function readCurrent(releasesDir: string): string | null {
  try {
    return path.resolve(releasesDir, readlinkSync(path.join(releasesDir, CURRENT)))
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) return null
    throw error
  }
}

const isDirectory = (dir: string) => statSync(dir, {throwIfNoEntry: false})?.isDirectory() ?? false

/** The live release's folder, or null when there is none (after a repair, when one is possible). */
export function createCurrentResolver(releasesDir: string, repair?: () => Promise<unknown>): () => Promise<string | null> {
  return async () => {
    const dir = readCurrent(releasesDir)
    if (!repair || (dir && isDirectory(dir))) return dir
    await repair()
    return readCurrent(releasesDir)
  }
}
