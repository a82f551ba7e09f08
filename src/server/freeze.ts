// A published release is read-only: its files and folders lose their write bits, so an in-place
// write (a post-processing step, a hotfix in releases/current/) fails with EACCES for any user but
// root instead of silently changing every release and cache entry that shares the file's inode.

import {chmod, readdir, rm, stat} from 'node:fs/promises'
import path from 'node:path'

const WRITE_BITS = 0o222

/** Clears the write bits of `dir`, everything below it, and the files their hard links share. */
export async function freezeTree(dir: string): Promise<void> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  // Files first, then folders deepest first, so nothing is locked before its contents are done.
  const files = entries.filter((entry) => !entry.isDirectory() && !entry.isSymbolicLink())
  const folders = entries.filter((entry) => entry.isDirectory())
  for (const entry of files) await clearWriteBits(path.join(entry.parentPath, entry.name))
  for (const entry of folders.reverse()) await clearWriteBits(path.join(entry.parentPath, entry.name))
  await clearWriteBits(dir)
}

/** Removes a frozen tree: its folders get their owner's write bit back first, so unlinking works. */
export async function removeTree(dir: string): Promise<void> {
  await thawFolders(dir)
  await rm(dir, {recursive: true, force: true})
}

async function thawFolders(dir: string): Promise<void> {
  let mode: number
  try {
    mode = (await stat(dir)).mode
  } catch {
    return
  }
  await chmod(dir, mode | 0o700)
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const folder = path.join(entry.parentPath, entry.name)
    await chmod(folder, (await stat(folder)).mode | 0o700)
  }
}

async function clearWriteBits(file: string): Promise<void> {
  const {mode} = await stat(file)
  if (mode & WRITE_BITS) await chmod(file, mode & ~WRITE_BITS & 0o7777)
}
