// One deploy: build into a temporary directory, check it, publish it as the current release,
// prune old releases. Anything short of a valid build leaves `current` as it was.

import {readdir, rm} from 'node:fs/promises'
import path from 'node:path'
import {BuildError, runBuild} from './buildProcess.ts'
import {createBuildDir, currentRelease, prune, publish, validateBuild} from './releases.ts'

export interface DeployOptions {
  releasesDir: string
  command: string
  cwd: string
  timeoutMs: number
  minPageRatio: number
  keepReleases: number
  signal?: AbortSignal
  /** Environment for the build (default: this process's). */
  env?: NodeJS.ProcessEnv
  now?: () => number
  /** Told the new release id as soon as its build directory exists. */
  onBuildDir?(id: string): void
}

export interface DeployResult {
  id: string
  previous: string | null
  pages: number
  pruned: string[]
  pruneError: Error | null
}

export class DeployError extends Error {
  id: string
  stderrTail: string
  constructor(id: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), {cause})
    this.name = 'DeployError'
    this.id = id
    this.stderrTail = cause instanceof BuildError ? cause.stderrTail : ''
  }
}

export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const {releasesDir, command, cwd, timeoutMs, minPageRatio, keepReleases, signal, env, now = Date.now} = options
  const {id, tmpDir} = await createBuildDir(releasesDir, now())
  options.onBuildDir?.(id)
  let previous: string | null
  let pages: number
  try {
    await runBuild({command, cwd, outDir: tmpDir, timeoutMs, signal, env})
    previous = await currentRelease(releasesDir)
    ;({pages} = await validateBuild(tmpDir, previous ? path.join(releasesDir, previous) : null, minPageRatio))
    await publish(releasesDir, tmpDir, id)
  } catch (error) {
    await removeBuildFolders(releasesDir, tmpDir)
    throw new DeployError(id, error)
  }
  // The new release is live; a failed prune only costs disk space until the next one.
  let pruned: string[] = []
  let pruneError: Error | null = null
  try {
    pruned = await prune(releasesDir, keepReleases)
  } catch (error) {
    pruneError = error as Error
  }
  return {id, previous, pages, pruned, pruneError}
}

/** The build folder and anything the build put beside it (such as `<tmpDir>.old-<pid>` from a killed build). */
async function removeBuildFolders(releasesDir: string, tmpDir: string): Promise<void> {
  const prefix = path.basename(tmpDir)
  const names = await readdir(releasesDir).catch(() => [] as string[])
  for (const name of names.filter((name) => name.startsWith(prefix))) {
    // Cleaning up must not hide why the build failed; startup removes whatever stays.
    await rm(path.join(releasesDir, name), {recursive: true, force: true}).catch(() => {})
  }
}
