// `npm run build`: builds the site next to the output folder and swaps it in only when complete,
// so a failed build never leaves a half-written site behind.
import {build} from 'astro'
import {rename, rm} from 'node:fs/promises'
import {resolve} from 'node:path'

const outDir = resolve(process.env.RECAP_OUT_DIR || 'dist')
const staging = `${outDir}.tmp-${process.pid}`
const retired = `${outDir}.old-${process.pid}`

async function main() {
  process.env.RECAP_OUT_DIR = staging
  try {
    await build({})
  } catch (error) {
    await rm(staging, {recursive: true, force: true})
    const problem = error as Error
    // Content problems already say what to fix; anything else keeps its stack for debugging.
    console.error(`\nBuild failed, ${outDir} is unchanged.\n${problem.name === 'ContentError' ? problem.message : (problem.stack ?? problem.message)}`)
    process.exit(1)
  }
  await rename(outDir, retired).catch(() => {})
  await rename(staging, outDir)
  await rm(retired, {recursive: true, force: true})
}

await main()
