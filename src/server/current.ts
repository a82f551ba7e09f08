// Finds the live release for each request. The `current` link is remembered, and read again at once
// after this process swaps it, when the file system reports a change in the releases folder (a
// rollback by another process), and on any request more than a second after the last reading (for
// file systems that report nothing). Reading the link on every request cost a sixth of the
// service's throughput on a cached asset.
// A link that is missing or leads to a deleted release is repaired first, from the newest good release.
import {readlinkSync, statSync, watch} from 'node:fs'
import path from 'node:path'
import {CURRENT, onCurrentSwap} from './releases.ts'

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES'])
const RECHECK_MS = 1000

// Synchronous on purpose: a thread-pool round trip costs more than the syscall.
function readCurrent(releasesDir: string): string | null {
  try {
    return path.resolve(releasesDir, readlinkSync(path.join(releasesDir, CURRENT)))
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) return null
    throw error
  }
}

const isDirectory = (dir: string) => statSync(dir, {throwIfNoEntry: false})?.isDirectory() ?? false

/** Calls `changed` on any change inside `dir`, and `lost` if watching stops; false when it cannot start. */
function watchFolder(dir: string, changed: () => void, lost: () => void): boolean {
  try {
    const watcher = watch(dir, {persistent: false}, changed)
    watcher.on('error', () => {
      watcher.close()
      lost()
    })
    return true
  } catch {
    return false
  }
}

/** The live release's folder, or null when there is none (after a repair, when one is possible). */
export function createCurrentResolver(releasesDir: string, repair?: () => Promise<unknown>): () => Promise<string | null> {
  let live: {dir: string; at: number} | null = null
  let watching = false
  const forget = () => {
    live = null
  }
  onCurrentSwap(releasesDir, forget)
  return async () => {
    if (live && performance.now() - live.at < RECHECK_MS) return live.dir
    watching ||= watchFolder(releasesDir, forget, () => ((watching = false), forget()))
    let dir = readCurrent(releasesDir)
    if (repair && !(dir && isDirectory(dir))) {
      await repair()
      dir = readCurrent(releasesDir)
    }
    // Only a release that exists is remembered; "none yet" is asked again on the next request.
    live = dir && watching && isDirectory(dir) ? {dir, at: performance.now()} : null
    return dir
  }
}
