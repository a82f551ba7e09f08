// Moves a finished build into the output folder. Whatever step fails, the previous output is put
// back and nothing the move made (a retired or half-copied folder) is left next to it.
import * as fsp from 'node:fs/promises'
import {dirname} from 'node:path'

export type OutputFs = Pick<typeof fsp, 'cp' | 'mkdir' | 'rename' | 'rm'>

export class OutputError extends Error {}

/** Returns the removal of the previous site, which the caller may run after releasing its lock. */
export async function replaceOutput(staging: string, outDir: string, fs: OutputFs = fsp): Promise<() => Promise<void>> {
  const retired = `${outDir}.old-${process.pid}`
  let retiredOld = false
  let moving = false
  try {
    await fs.mkdir(dirname(outDir), {recursive: true})
    await fs.rm(retired, {recursive: true, force: true})
    retiredOld = await retire(outDir, retired, fs)
    moving = true
    await moveTo(staging, outDir, fs)
  } catch (error) {
    throw await restore(error, {outDir, retired, retiredOld, moving}, fs)
  }
  return () =>
    fs.rm(retired, {recursive: true, force: true}).catch((error: Error) => {
      console.warn(`The new site is in ${outDir}, but the previous one could not be removed from ${retired}: ${error.message}`)
    })
}

/** Moves the current output aside; false when there is none. */
async function retire(outDir: string, retired: string, fs: OutputFs): Promise<boolean> {
  try {
    await fs.rename(outDir, retired)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

/** A rename, or a copy when the output folder is on another file system. */
async function moveTo(from: string, to: string, fs: OutputFs): Promise<void> {
  try {
    await fs.rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await fs.cp(from, to, {recursive: true})
    // The copy is complete; a staging folder left in the cache is cleared by the next build.
    await fs.rm(from, {recursive: true, force: true}).catch(() => {})
  }
}

interface Progress {
  outDir: string
  retired: string
  retiredOld: boolean
  moving: boolean
}

/** Undoes a failed move and says what happened. */
async function restore(error: unknown, {outDir, retired, retiredOld, moving}: Progress, fs: OutputFs): Promise<OutputError> {
  const reason = (error as Error).message
  try {
    // Only once the move started is whatever sits at outDir ours (a partial copy).
    if (moving) await fs.rm(outDir, {recursive: true, force: true})
    if (retiredOld) await fs.rename(retired, outDir)
  } catch (undoError) {
    return new OutputError(
      `Could not move the build into ${outDir} (${reason}), nor put the previous site back (${(undoError as Error).message}); it is in ${retired}.`,
      {cause: error},
    )
  }
  return new OutputError(`Could not move the build into ${outDir} (${reason}); ${outDir} is unchanged.`, {cause: error})
}
