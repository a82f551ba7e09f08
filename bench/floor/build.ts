// Builds the rendering floor (bench/floor/) with as many pages as a Recap build renders (its pages
// and endpoints), from the same dataset's text, and measures it the way Recap's build is measured.
import {readFile, mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {phases} from '../lib/astroLog.ts'
import {countHtml, discard} from '../lib/files.ts'
import {OUTPUT, ROOT} from '../lib/paths.ts'
import {cleanEnv, runNode, tail} from '../lib/process.ts'

export type FloorMeasure = {
  label: string
  pages: number
  htmlPages: number
  ms: number
  maxRssKb: number | null
  /** Where the time went, as for Recap's builds; `render` is the floor's rendering cost. */
  phases: Record<string, number>
}

type Doc = {_type: string; title?: string; summary?: string; caption?: string; alt?: string}

/** `count` pages of plain text, cycling through the dataset's titles and summaries. */
async function floorPages(datasetFile: string, count: number) {
  const documents = (await readFile(datasetFile, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Doc)
  const texts = documents.map((doc) => ({
    title: doc.title ?? doc.caption ?? doc._type,
    paragraphs: [doc.summary, doc.alt, doc.caption].filter((text): text is string => Boolean(text)),
  }))
  return Array.from({length: count}, (_, index) => ({path: `p/${index}`, ...texts[index % texts.length]}))
}

export async function buildFloor(label: string, datasetFile: string, pageCount: number): Promise<FloorMeasure> {
  const dir = join(OUTPUT, 'floor', label)
  const data = join(dir, 'pages.json')
  const outDir = join(dir, 'dist')
  const cacheDir = join(dir, 'cache')
  await mkdir(dir, {recursive: true})
  await discard(outDir)
  await discard(cacheDir)
  await writeFile(data, JSON.stringify(await floorPages(datasetFile, pageCount)))
  const run = await runNode(
    `floor-${label}`,
    ['node_modules/astro/bin/astro.mjs', 'build', '--root', 'bench/floor'],
    cleanEnv({FLOOR_DATA: data, FLOOR_OUT_DIR: outDir, FLOOR_CACHE_DIR: cacheDir}),
    ROOT,
  )
  if (run.code !== 0) throw new Error(`The floor build "${label}" failed (exit ${run.code}):\n${tail(run)}`)
  return {
    label,
    pages: pageCount,
    htmlPages: await countHtml(outDir),
    ms: Math.round(run.ms),
    maxRssKb: run.maxRssKb,
    phases: phases(run.lines, run.ms),
  }
}
