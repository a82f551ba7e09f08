// The documents a release left out (written by the build, see src/integrations/recap.ts), for /api/status.
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {LeftOut} from '../src/lib/content/enforce.ts'

export const LEFT_OUT_FILE = '.recap/left-out.json'

/** The left-out list of release `id`, or [] when it has none (an older release, or no release). */
export async function readLeftOut(releasesDir: string, id: string | null): Promise<LeftOut[]> {
  if (!id) return []
  try {
    const value = JSON.parse(await readFile(path.join(releasesDir, id, LEFT_OUT_FILE), 'utf8')) as unknown
    return Array.isArray(value) ? (value as LeftOut[]) : []
  } catch {
    return []
  }
}

/** The status fields for release `id`: every entry, and the count of dropped parts among them. */
export async function leftOutStatus(releasesDir: string, id: string | null): Promise<{leftOut: LeftOut[]; dropped: number}> {
  const leftOut = await readLeftOut(releasesDir, id)
  return {leftOut, dropped: leftOut.filter((entry) => entry.kind === 'dropped').length}
}
