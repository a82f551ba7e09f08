// Warm rebuild: one session title changes in the dataset and the site is rebuilt with Astro's cache
// left as the cold build filled it. Reported as a fraction of that cold build; the log must show
// every optimised image coming from the cache.
import {readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {datasetDir, datasetFile, releaseDir, ROOT, type SizeName} from './lib/paths.ts'
import {buildRecap, type BuildMeasure} from './lib/recapBuild.ts'
import {round, type SizeMeasure} from './buildScaling.ts'

export type WarmResult = {
  size: SizeName
  edited: {id: string; title: string}
  build: BuildMeasure
  /** Warm time over the cold build's. */
  fractionOfCold: number
  imagesFromCache: boolean
  editVisible: boolean
  incremental: IncrementalResult
}

export type IncrementalResult =
  | {measured: false; reason: string}
  | {measured: true; build: BuildMeasure; fractionOfCold: number; skippedPages: number}

const INCREMENTAL_ENTRY = join(ROOT, 'bench/lib/incrementalBuild.ts')

/** Writes the size's dataset with one session retitled, beside the original so image paths still resolve. */
async function editedDataset(size: SizeName): Promise<{file: string; id: string; title: string}> {
  const lines = (await readFile(datasetFile(size), 'utf8')).split('\n')
  const index = lines.findIndex((line) => line.includes('"_type":"session"') && !line.includes('"_id":"drafts.'))
  const session = JSON.parse(lines[index]) as {_id: string; title: string}
  session.title = `${session.title} (edited)`
  lines[index] = JSON.stringify(session)
  const file = join(datasetDir(size), 'production.edited.ndjson')
  await writeFile(file, lines.join('\n'))
  return {file, id: session._id, title: session.title}
}

/** Whether any page route hands Astro a `cacheKey`, without which incremental builds skip nothing. */
async function pagesReturnCacheKeys(): Promise<boolean> {
  const dir = join(ROOT, 'src/pages')
  const files = (await readdir(dir, {recursive: true})).filter((name) => /\.(astro|ts|js)$/.test(name))
  for (const name of files) if ((await readFile(join(dir, name), 'utf8')).includes('cacheKey')) return true
  return false
}

async function measureIncremental(size: SizeName, edited: string, cold: SizeMeasure): Promise<IncrementalResult> {
  if (!(await pagesReturnCacheKeys())) {
    return {
      measured: false,
      reason: 'experimental.incrementalBuild (Astro 7.2+) only skips pages whose getStaticPaths() returns a cacheKey, and no Recap page does',
    }
  }
  // First an incremental build of the unchanged dataset (it records the manifest), then one of the edit.
  await buildRecap({label: `incremental-prime-${size}`, dataset: datasetFile(size), outDir: releaseDir(`${size}-incremental`), lake: true, entry: INCREMENTAL_ENTRY})
  const build = await buildRecap({label: `incremental-${size}`, dataset: edited, outDir: releaseDir(`${size}-incremental`), lake: true, entry: INCREMENTAL_ENTRY})
  return {measured: true, build, fractionOfCold: round(build.ms / cold.recap.ms), skippedPages: build.skippedPages}
}

export async function measureWarm(cold: SizeMeasure): Promise<WarmResult> {
  const {size} = cold
  const edited = await editedDataset(size)
  const outDir = releaseDir(`${size}-warm`)
  const build = await buildRecap({label: `warm-${size}`, dataset: edited.file, outDir, lake: true})
  return {
    size,
    edited: {id: edited.id, title: edited.title},
    build,
    fractionOfCold: round(build.ms / cold.recap.ms),
    imagesFromCache: build.images.generated === 0 && build.images.reused + build.images.revalidated > 0,
    editVisible: await findSessionPage(outDir, edited.title),
    incremental: await measureIncremental(size, edited.file, cold),
  }
}

/** True when some session page of the build shows the new title. */
async function findSessionPage(outDir: string, title: string): Promise<boolean> {
  const names = (await readdir(outDir, {recursive: true})).filter((name) => /sessions\/[^/]+\/index\.html$/.test(name))
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  for (const name of names) if ((await readFile(join(outDir, name), 'utf8')).includes(escaped)) return true
  return false
}
