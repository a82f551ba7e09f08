// Build scaling: a cold build of Recap at each size (wall time, peak memory, where the time went),
// next to the rendering floor with as many pages as Recap rendered (pages and endpoints), built
// right after it.
import {buildFloor, type FloorMeasure} from './floor/build.ts'
import {clearAstroCache} from './lib/astroCache.ts'
import {listFiles} from './lib/files.ts'
import {datasetFile, releaseDir, type SizeName} from './lib/paths.ts'
import {buildRecap, type BuildMeasure} from './lib/recapBuild.ts'
import {siteQueryMs} from './queries.ts'

export type SizeMeasure = {
  size: SizeName
  /** False in --quick runs, which keep Astro's cache so as not to slow down builds running alongside. */
  cold: boolean
  recap: BuildMeasure
  floor: FloorMeasure
  msPerPage: number
  floorMsPerPage: number
  /** Recap's build time over the floor's. */
  floorRatio: number
  /** Recap's build time without the images phase over the floor's. */
  withoutImagesRatio: number
  /** The render phase (the query, the pages and endpoints) per route, Recap's and the floor's. */
  renderMsPerRoute: number
  floorRenderMsPerPage: number
  /** Recap's render cost per route over the floor's. */
  renderRatio: number
  siteQueryMs: number
  /** Files in the output: what a deploy uploads, and what hosts such as Cloudflare Pages cap. */
  outputFiles: number
}

export async function measureSize(size: SizeName, {cold}: {cold: boolean}): Promise<SizeMeasure> {
  const dataset = datasetFile(size)
  if (cold) await clearAstroCache()
  const recap = await buildRecap({label: `cold-${size}`, dataset, outDir: releaseDir(size), lake: true})
  if (recap.routes === 0)
    throw new Error(`The build log of ${size} names no routes: has Astro's log format changed? (bench/lib/astroLog.ts)`)
  const floor = await buildFloor(size, dataset, recap.routes)
  return {
    size,
    cold,
    recap,
    floor,
    msPerPage: round(recap.ms / recap.pages),
    floorMsPerPage: round(floor.ms / floor.pages),
    floorRatio: round(recap.ms / floor.ms),
    withoutImagesRatio: round((recap.ms - (recap.phases.images ?? 0)) / floor.ms),
    renderMsPerRoute: round(recap.phases.render / recap.routes, 3),
    floorRenderMsPerPage: round(floor.phases.render / floor.pages, 3),
    renderRatio: round(recap.phases.render / recap.routes / (floor.phases.render / floor.pages)),
    siteQueryMs: await siteQueryMs(dataset),
    outputFiles: (await listFiles(releaseDir(size))).length,
  }
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits
