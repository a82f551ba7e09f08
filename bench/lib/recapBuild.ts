// One measured build of Recap (`npm run build`, i.e. node src/buildSite.ts) on a generated dataset.
import {mkdir} from 'node:fs/promises'
import {dirname} from 'node:path'
import {startContentLake} from '../../test/helpers/contentLake.ts'
import {imageCacheUse, imagePhaseCores, keyedPages, pagesAndQueries, phases, routesGenerated} from './astroLog.ts'
import {countHtml, discard} from './files.ts'
import {cleanEnv, runNode, tail} from './process.ts'

export const SITE_URL = 'https://recap.example'

export type BuildMeasure = {
  label: string
  ms: number
  maxRssKb: number | null
  /** Pages Astro rendered (HTML pages and endpoints such as calendar.ics), from the build's summary line. */
  pages: number
  htmlPages: number
  /** Files Astro generated or reused: pages and endpoints (calendars, schedules, feed). */
  routes: number
  /** Queries the build says it ran, and the requests the Content Lake stand-in answered. */
  queriesLogged: number | null
  lakeRequests: number | null
  images: {generated: number; reused: number; revalidated: number}
  /** Cores kept busy on average while images were optimised (null for a phase under a second). */
  imageCores: number | null
  /** Pages and endpoints with a cacheKey reused from the previous build, and those rendered. */
  skippedPages: number
  renderedPages: number
  phases: Record<string, number>
}

export type BuildOptions = {
  label: string
  dataset: string
  outDir: string
  /** Query a Content Lake stand-in over HTTP (counted) rather than the embedded dataset. */
  lake?: boolean
  /** Another entry point than src/buildSite.ts (same contract: builds into $RECAP_OUT_DIR). */
  entry?: string
}

export async function buildRecap(options: BuildOptions): Promise<BuildMeasure> {
  const {label, dataset, outDir} = options
  await mkdir(dirname(outDir), {recursive: true})
  await discard(outDir)
  // The stand-in loads the dataset (and hashes its images) before the clock starts, as the Content Lake would have.
  const lake = options.lake ? await startContentLake(dataset) : null
  try {
    const source: Record<string, string> = lake
      ? {SANITY_PROJECT_ID: 'bench', SANITY_DATASET: 'production', SANITY_API_HOST: lake.url}
      : {RECAP_DATASET: dataset}
    const run = await runNode(label, [options.entry ?? 'src/buildSite.ts'], cleanEnv({...source, SITE_URL, RECAP_OUT_DIR: outDir}))
    if (run.code !== 0) throw new Error(`The build "${label}" failed (exit ${run.code}):\n${tail(run)}`)
    const {pages, queries} = pagesAndQueries(run.lines)
    const htmlPages = await countHtml(outDir)
    return {
      label,
      ms: Math.round(run.ms),
      maxRssKb: run.maxRssKb,
      pages: pages ?? htmlPages,
      htmlPages,
      routes: routesGenerated(run.lines),
      queriesLogged: queries,
      lakeRequests: lake ? lake.requests : null,
      images: imageCacheUse(run.lines),
      imageCores: imagePhaseCores(run.lines),
      skippedPages: keyedPages(run.lines).reused,
      renderedPages: keyedPages(run.lines).rendered,
      phases: phases(run.lines, run.ms),
    }
  } finally {
    await lake?.close()
  }
}
