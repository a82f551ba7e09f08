// `npm run build`: builds the site and moves it into the output folder only when complete, so a
// failed build never leaves a half-written site behind.
//
// Astro always builds into the same staging folder inside its cache directory, then the result is
// moved to $RECAP_OUT_DIR. Astro compiles the output folder's path into every page that uses
// images, so building straight into a new folder per release would change every page's
// dependency hash and defeat incremental builds. Builds sharing a cache directory take turns.
import {build} from 'astro'
import {mkdir, rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {linkIncrementalCache} from './lib/incremental/linkedCache.ts'
import {replaceOutput} from './lib/replaceOutput.ts'
import {acquireLock, LockError} from '../core/lock.ts'

const outDir = resolve(process.env.RECAP_OUT_DIR || 'dist')
const cacheDir = resolve(process.env.RECAP_CACHE_DIR || 'node_modules/.astro')
const staging = join(cacheDir, 'recap-staging')

async function takeTurn(): Promise<{release(): Promise<void>}> {
  await mkdir(cacheDir, {recursive: true})
  for (;;) {
    try {
      return await acquireLock(join(cacheDir, 'recap-build.lock'))
    } catch (error) {
      if (!(error instanceof LockError)) throw error
      await new Promise((done) => setTimeout(done, 250))
    }
  }
}

async function main() {
  const turn = await takeTurn()
  // A build that was killed leaves its staging folder behind, full of hard links into the cache and
  // the releases (see lib/incremental/linkedCache.ts): Astro must never write into those files.
  await rm(staging, {recursive: true, force: true})
  process.env.RECAP_OUT_DIR = staging
  process.env.RECAP_CACHE_DIR = cacheDir
  if (!(await linkIncrementalCache()))
    console.warn("This Astro version's incremental cache is not one Recap has checked: reused pages are copied, not linked.")
  try {
    await build({})
  } catch (error) {
    // The search index may still be writing into staging (a build that failed after its pages).
    await globalThis.__recapSearchIndex?.catch(() => {})
    const problem = error as Error
    // Content problems already say what to fix; anything else keeps its stack for debugging.
    await fail(
      turn,
      `Build failed, ${outDir} is unchanged.\n${problem.name === 'ContentError' ? problem.message : (problem.stack ?? problem.message)}`,
    )
  }
  const removeOld = await replaceOutput(staging, outDir).catch((error: Error) => fail(turn, `Build failed: ${error.message}`))
  await turn.release()
  await removeOld()
}

async function fail(turn: {release(): Promise<void>}, message: string): Promise<never> {
  await rm(staging, {recursive: true, force: true, maxRetries: 3}).catch(() => {})
  await turn.release()
  console.error(`\n${message}`)
  process.exit(1)
}

await main()
