// Release directories and the `current` symlink.
//
//   <dir>/<id>/              a published, validated build, read-only (see freeze.ts)
//   <dir>/.tmp-<id>/         a build in progress
//   <dir>/current -> <id>    what is served; replaced by a single rename
//   <dir>/state/             the service's own bookkeeping (not a release)
//
// Ids are UTC timestamps like 20250102T030405678Z: sorting by name sorts by age.

import {lstat, mkdir, readdir, readlink, rename, rm, stat, symlink} from 'node:fs/promises'
import path from 'node:path'
import {freezeTree, removeTree} from './freeze.ts'
import {fsyncDir} from './fsync.ts'

export const CURRENT = 'current'
const TMP_PREFIX = '.tmp-'
const LINK_TMP_PREFIX = `${CURRENT}.tmp-`
// Starts with TMP_PREFIX, so a restart's cleanup removes it too.
const PRUNED_PREFIX = `${TMP_PREFIX}pruned-`
const ID_PATTERN = /^\d{8}T\d{9}Z$/

export class ReleaseError extends Error {}

export function isReleaseId(name: string): boolean {
  return ID_PATTERN.test(name)
}

export function releaseIdAt(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '')
}

export function tmpDirFor(dir: string, id: string): string {
  return path.join(dir, `${TMP_PREFIX}${id}`)
}

/** Release ids, oldest first. */
export async function listReleases(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, {withFileTypes: true})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    .filter((entry) => entry.isDirectory() && isReleaseId(entry.name))
    .map((entry) => entry.name)
    .sort()
}

/** The id `current` points at, or null when there is no (usable) link. */
export async function currentRelease(dir: string): Promise<string | null> {
  let target: string
  try {
    target = await readlink(path.join(dir, CURRENT))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return null
    if (code === 'EINVAL') {
      throw new ReleaseError(`${path.join(dir, CURRENT)} is not a symlink; move it out of the way and restart`)
    }
    throw error
  }
  const id = path.basename(target)
  return isReleaseId(id) ? id : null
}

/**
 * A fresh id (never older than an existing release, so "newest" stays meaningful even if
 * the clock steps back) and its empty temporary directory.
 */
export async function createBuildDir(dir: string, now: number): Promise<{id: string; tmpDir: string}> {
  await mkdir(dir, {recursive: true})
  const existing = await listReleases(dir)
  const newest = existing.at(-1)
  let ms = Math.max(now, newest ? idToMs(newest) + 1 : 0)
  for (;;) {
    const id = releaseIdAt(ms)
    const tmpDir = tmpDirFor(dir, id)
    try {
      await mkdir(tmpDir)
      if (!(await exists(path.join(dir, id)))) return {id, tmpDir}
      await rm(tmpDir, {recursive: true, force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    ms += 1
  }
}

export interface Validation {
  pages: number
  previousPages: number | null
}

/**
 * Refuses output that would break the site: no index.html, or far fewer pages (.html files)
 * than the release being served (`minRatio` of it; 0 disables that check).
 */
export async function validateBuild(outDir: string, previousDir: string | null, minRatio: number): Promise<Validation> {
  if (!(await isFile(path.join(outDir, 'index.html')))) {
    throw new ReleaseError('build output has no index.html; check that the build writes to $RECAP_OUT_DIR')
  }
  const pages = await countPages(outDir)
  const previousPages = previousDir ? await countPages(previousDir) : null
  if (previousPages !== null && minRatio > 0 && pages < previousPages * minRatio) {
    throw new ReleaseError(
      `build has ${pages} pages but the current release has ${previousPages} (minimum ${Math.ceil(previousPages * minRatio)}); ` +
        'refusing to publish. If the drop is intended, set RECAP_MIN_PAGE_RATIO=0 and restart',
    )
  }
  return {pages, previousPages}
}

export async function countPages(dir: string): Promise<number> {
  const names = await readdir(dir, {recursive: true})
  return names.filter((name) => name.endsWith('.html')).length
}

/** Moves a validated build into place, makes it read-only, then current; if that fails, `current` and the folder stay as they were. */
export async function publish(dir: string, tmpDir: string, id: string): Promise<void> {
  const previous = await currentRelease(dir)
  try {
    await rename(tmpDir, path.join(dir, id))
    await freezeTree(path.join(dir, id))
    await swapCurrent(dir, id)
  } catch (error) {
    await unpublish(dir, id, previous)
    const live = previous ? `release ${previous} is still live` : 'no release is live yet'
    throw new ReleaseError(`could not publish release ${id} (${(error as Error).message}); ${live}`, {cause: error})
  }
}

/** Removes a release that failed to go live, pointing `current` back first if it had already moved. */
async function unpublish(dir: string, id: string, previous: string | null): Promise<void> {
  await rm(path.join(dir, `${LINK_TMP_PREFIX}${id}`), {force: true}).catch(() => {})
  if ((await currentRelease(dir).catch(() => null)) === id) {
    // Only the fsync failed. With nothing to go back to, a live new release beats a dangling link.
    if (!previous) return
    try {
      await swapCurrent(dir, previous)
    } catch {
      return
    }
  }
  await removeTree(path.join(dir, id)).catch(() => {})
}

// Who wants to know at once that `current` changed in a folder (the service's release lookups).
const currentWatchers = new Map<string, Set<() => void>>()

/** Calls `changed` whenever this process points `current` in `dir` somewhere else. Returns the way to stop. */
export function onCurrentSwap(dir: string, changed: () => void): () => void {
  const key = path.resolve(dir)
  const watchers = currentWatchers.get(key) ?? new Set()
  currentWatchers.set(key, watchers.add(changed))
  return () => watchers.delete(changed)
}

/** Points `current` at `id` with one rename, so readers see the old or the new link, never none. */
export async function swapCurrent(dir: string, id: string): Promise<void> {
  if (!isReleaseId(id) || !(await isDirectory(path.join(dir, id)))) {
    throw new ReleaseError(`release ${id} does not exist in ${dir}`)
  }
  const link = path.join(dir, `${LINK_TMP_PREFIX}${id}`)
  await rm(link, {force: true})
  await symlink(id, link) // relative, so the releases directory can be moved
  await rename(link, path.join(dir, CURRENT))
  for (const changed of currentWatchers.get(path.resolve(dir)) ?? []) changed()
  await fsyncDir(dir)
}

/** Swaps back to `to`, or to the newest release older than the current one. */
export async function rollback(dir: string, to?: string): Promise<{from: string | null; to: string}> {
  const from = await currentRelease(dir)
  const releases = await listReleases(dir)
  let target = to
  if (target === undefined) {
    target = releases.filter((id) => from === null || id < from).at(-1)
    if (target === undefined) {
      throw new ReleaseError(from ? `no release older than ${from} to roll back to` : `no releases in ${dir} to roll back to`)
    }
  } else if (!releases.includes(target)) {
    throw new ReleaseError(`release ${target} not found; available: ${releases.join(', ') || 'none'}`)
  }
  await swapCurrent(dir, target)
  return {from, to: target}
}

/** Deletes all but the newest `keep` releases; the current one and `protect` always stay. */
export async function prune(dir: string, keep: number, protect: readonly string[] = []): Promise<string[]> {
  const releases = await listReleases(dir)
  const current = await currentRelease(dir)
  const kept = new Set([...releases.slice(-keep), ...protect])
  if (current) kept.add(current)
  const removed = releases.filter((id) => !kept.has(id))
  for (const name of await readdir(dir)) {
    if (name.startsWith(PRUNED_PREFIX)) await removeTree(path.join(dir, name))
  }
  for (const id of removed) {
    // Renamed first, so a removal that fails halfway never leaves a broken release to roll back to.
    const doomed = path.join(dir, `${PRUNED_PREFIX}${id}`)
    await rename(path.join(dir, id), doomed)
    await removeTree(doomed)
  }
  return removed
}

/** Removes what a crash mid-build or mid-swap leaves behind. Returns the names removed. */
export async function cleanupLeftovers(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const leftovers = names.filter((name) => name.startsWith(TMP_PREFIX) || name.startsWith(LINK_TMP_PREFIX))
  for (const name of leftovers) await removeTree(path.join(dir, name))
  return leftovers
}

/**
 * Makes sure `current` points at an existing release when there is one: after a crash
 * between publishing and swapping, or if someone deleted the release it pointed at.
 */
export async function repairCurrent(dir: string): Promise<{id: string | null; repaired: boolean}> {
  const id = await currentRelease(dir)
  if (id && (await isDirectory(path.join(dir, id)))) return {id, repaired: false}
  const newest = (await listReleases(dir)).at(-1)
  if (!newest) return {id: null, repaired: false}
  await swapCurrent(dir, newest)
  return {id: newest, repaired: true}
}

function idToMs(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(id)
  if (!m) return 0
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[]
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!)
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file)
    return true
  } catch {
    return false
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory()
  } catch {
    return false
  }
}
