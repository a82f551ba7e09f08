// Warm rebuild: one session title changes in the dataset and the site is rebuilt with Astro's cache
// (optimised images and the incremental build's pages) left as the cold build filled it. Reported as
// a fraction of that cold build, with the pages rendered again and those reused.
import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {EDITED_SESSION, escapeHtml, writeEditedDataset} from './lib/edit.ts'
import {releaseDir} from './lib/paths.ts'
import {buildRecap, type BuildMeasure} from './lib/recapBuild.ts'
import {round, type SizeMeasure} from './buildScaling.ts'

export type WarmResult = {
  size: import('./lib/paths.ts').SizeName
  edited: {id: string; title: string}
  build: BuildMeasure
  /** Warm time over the cold build's. */
  fractionOfCold: number
  imagesFromCache: boolean
  editVisible: boolean
}

export async function measureWarm(cold: SizeMeasure): Promise<WarmResult> {
  const {size} = cold
  const edited = await writeEditedDataset(size, 'production.edited.ndjson', 'edited')
  const outDir = releaseDir(`${size}-warm`)
  const build = await buildRecap({label: `warm-${size}`, dataset: edited.file, outDir, lake: true})
  return {
    size,
    edited: {id: EDITED_SESSION, title: edited.title},
    build,
    fractionOfCold: round(build.ms / cold.recap.ms),
    imagesFromCache: build.images.generated === 0,
    editVisible: await findSessionPage(outDir, edited.title),
  }
}

/** True when some session page of the build shows the new title. */
async function findSessionPage(outDir: string, title: string): Promise<boolean> {
  const names = (await readdir(outDir, {recursive: true})).filter((name) => /sessions\/[^/]+\/index\.html$/.test(name))
  for (const name of names) if ((await readFile(join(outDir, name), 'utf8')).includes(escapeHtml(title))) return true
  return false
}
