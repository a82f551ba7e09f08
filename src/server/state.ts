// What the last successful build covered, kept across restarts in state/last-success.json.

import {readFile} from 'node:fs/promises'
import {writeFileAtomic} from './fsync.ts'

export interface LastSuccess {
  id: string
  /** Server time (ms) the build started: every trigger accepted before it is covered. */
  startedAt: number
  finishedAt: number
  /** Latest `_updatedAt` in the content just before the build started (null: unknown). */
  contentUpdatedAt: string | null
  /** The content's digest just before the build started (null: unknown), which the poll compares. */
  contentDigest: string | null
}

export async function readLastSuccess(file: string): Promise<LastSuccess | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const value = JSON.parse(text) as Partial<LastSuccess>
    if (typeof value.id !== 'string' || typeof value.startedAt !== 'number') return null
    return {
      id: value.id,
      startedAt: value.startedAt,
      finishedAt: typeof value.finishedAt === 'number' ? value.finishedAt : value.startedAt,
      contentUpdatedAt: typeof value.contentUpdatedAt === 'string' ? value.contentUpdatedAt : null,
      contentDigest: typeof value.contentDigest === 'string' ? value.contentDigest : null,
    }
  } catch {
    // Unreadable state only costs one extra build: pending triggers then count as unbuilt.
    return null
  }
}

export function writeLastSuccess(file: string, value: LastSuccess): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`)
}
