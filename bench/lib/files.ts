import {readdir} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'

/** Paths (relative to `dir`, with forward slashes) of every file under it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
}

export const countHtml = async (dir: string) => (await listFiles(dir)).filter((path) => path.endsWith('.html')).length
