import {mkdir, readdir, rename, rm} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {OUTPUT} from './paths.ts'

const TRASH = join(OUTPUT, 'trash')
let discarded = 0

/**
 * Moves a folder out of the way instead of deleting it. Deleting tens of thousands of files makes
 * the next few seconds of disk writes several times slower on this kind of machine (measured: a
 * floor build at L took 5.8 s into a fresh folder, 17.8 s right after deleting its previous
 * output), which would land in whichever build is timed next. The trash is emptied at the end.
 */
export async function discard(path: string): Promise<void> {
  await mkdir(TRASH, {recursive: true})
  await rename(path, join(TRASH, `${Date.now()}-${discarded++}`)).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return
    if (error.code !== 'EXDEV') throw error
    await rm(path, {recursive: true, force: true})
  })
}

// After a large deletion, writes stayed slow for about 5 s in the measurement above; twice that, to be safe.
const SETTLE_MS = 10_000

/**
 * Deletes what `discard` moved aside (a run empties it at its start too, so a failed run's leftovers
 * go then), and with `settle` waits for the disk to recover before anything is timed.
 */
export async function emptyTrash({settle}: {settle: boolean}): Promise<void> {
  const had = (await readdir(TRASH).catch(() => [])).length
  await rm(TRASH, {recursive: true, force: true})
  if (had && settle) await new Promise((done) => setTimeout(done, SETTLE_MS))
}

/** Paths (relative to `dir`, with forward slashes) of every file under it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

export const countHtml = async (dir: string) => (await listFiles(dir)).filter((path) => path.endsWith('.html')).length
