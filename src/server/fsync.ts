// Durable renames and creates need the directory itself fsynced, not only the file.

import {open, rename} from 'node:fs/promises'
import path from 'node:path'

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch (error) {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error
  } finally {
    await handle.close()
  }
}

/** Writes a file so readers see either the old or the new content, even across a crash. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(content)
    await handle.datasync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  await fsyncDir(path.dirname(file))
}
