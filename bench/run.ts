// `npm run bench`: measures Recap at sizes S, M and L and writes bench/output/results.json and
// docs/performance.md (with its charts). Prints numbers; fails only on counts, and only with --quick.
//
//   node bench/run.ts                 full run: S, M, L, every benchmark (takes long at L)
//   node bench/run.ts --quick         CI: size S, checks queries, JavaScript and Lighthouse counts
//   node bench/run.ts --sizes S,M     chosen sizes only
//   node bench/run.ts --skip burst,serving
//                                     leave benchmarks out: warm, publish, burst, weight, lighthouse, serving, preview
//   --docs / --no-docs                write docs/performance.md or not (default: not with --quick)
//
// Timings are ratios against a baseline measured in the same run (the rendering floor, the cold
// build, nginx), because the machines this runs on are shared and noisy.
import {cpus, platform, release, totalmem} from 'node:os'
import {mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {measureBurst} from './burst.ts'
import {measureSize, round, type SizeMeasure} from './buildScaling.ts'
import {evaluateChecks} from './checks.ts'
import {measureLighthouse} from './lighthouse.ts'
import {ensureDataset} from './lib/datasets.ts'
import {emptyTrash, listFiles} from './lib/files.ts'
import {OUTPUT, RESULTS_FILE, ROOT, datasetDir, datasetFile, releaseDir, releasesDir, type SizeName} from './lib/paths.ts'
import type {DatasetInfo, Machine, Results, Skipped} from './lib/results.ts'
import {SITE_URL} from './lib/recapBuild.ts'
import {serveRelease} from './lib/service.ts'
import {templatePages, CONTENT_TEMPLATES, type Template} from './lib/templates.ts'
import {commitDescription, sourceFingerprint} from './lib/sources.ts'
import {summariseQueries} from './queries.ts'
import {writeReport} from './report.ts'
import {measurePreview} from './preview.ts'
import {measureServing} from './serving.ts'
import {measurePublish, type PublishResult} from './publish.ts'
import {measureWarm, type WarmResult} from './warm.ts'
import {measureWeight} from './weight.ts'

const STEPS = ['warm', 'publish', 'burst', 'weight', 'lighthouse', 'serving', 'preview'] as const
type Step = (typeof STEPS)[number]

const {values} = parseArgs({
  options: {
    quick: {type: 'boolean', default: false},
    sizes: {type: 'string'},
    skip: {type: 'string', default: ''},
    docs: {type: 'boolean'},
    'no-docs': {type: 'boolean', default: false},
  },
})
const quick = values.quick!
const sizes = (values.sizes ?? (quick ? 'S' : 'S,M,L')).split(',').map((size) => size.trim().toUpperCase()) as SizeName[]
for (const size of sizes) if (!['S', 'M', 'L'].includes(size)) throw new Error(`Unknown size "${size}". Use S, M or L.`)
sizes.sort((a, b) => 'SML'.indexOf(a) - 'SML'.indexOf(b))
const skip = new Set(values.skip!.split(',').filter(Boolean))
for (const name of skip)
  if (!(STEPS as readonly string[]).includes(name)) throw new Error(`Unknown step "${name}". Steps: ${STEPS.join(', ')}.`)
// CI checks counts only; the timing-only benchmarks are left to the full run.
if (quick) for (const step of ['warm', 'publish', 'burst', 'serving', 'preview'] as const) skip.add(step)
const writeDocs = values['no-docs'] ? false : (values.docs ?? !quick)

const started = Date.now()
const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(5)}s] ${line}`)
const errors: Results['errors'] = []
const warnings: string[] = []

/** Runs a step; a failure is recorded and reported, and the rest of the run goes on. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T | Skipped> {
  const begun = Date.now()
  log(`${name}…`)
  try {
    const result = await run()
    log(`${name} done in ${((Date.now() - begun) / 1000).toFixed(1)} s`)
    return result
  } catch (error) {
    const message = (error as Error).stack ?? String(error)
    errors.push({step: name, message})
    log(`${name} FAILED: ${message}`)
    return {skipped: `failed: ${(error as Error).message.split('\n')[0]}`}
  }
}

const skipped = (name: Step): Skipped | null => (skip.has(name) ? {skipped: quick ? 'not part of --quick' : 'skipped with --skip'} : null)

async function machine(): Promise<Machine> {
  const astro = JSON.parse(await readFile(join(ROOT, 'node_modules/astro/package.json'), 'utf8')) as {version: string}
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    astro: astro.version,
    platform: `${platform()} ${release()}`,
  }
}

async function describeDataset(size: SizeName, generatedMs: number | null): Promise<DatasetInfo> {
  const lines = (await readFile(datasetFile(size), 'utf8')).split('\n').filter(Boolean)
  const images = (await listFiles(join(datasetDir(size), 'images'))).map((name) => join(datasetDir(size), 'images', name))
  let imageBytes = 0
  for (const file of images) imageBytes += (await stat(file)).size
  return {size, documents: lines.length, photos: images.length, imageBytes, generatedMs}
}

const sourcesAtStart = await sourceFingerprint()
const commit = commitDescription()
log(`${quick ? 'quick' : 'full'} run of ${commit}, sizes ${sizes.join(', ')}${skip.size ? `, skipping ${[...skip].join(', ')}` : ''}`)
await mkdir(OUTPUT, {recursive: true})
await emptyTrash({settle: true})

const datasets: DatasetInfo[] = []
const builds: SizeMeasure[] = []
const warms: WarmResult[] = []
const publishes: PublishResult[] = []
for (const size of sizes) {
  const dataset = await ensureDataset(size, log)
  datasets.push(await describeDataset(size, dataset.generatedMs))
  // Quick runs leave Astro's cache alone: CI may be building the site alongside, and they time nothing.
  const measured = await step(`${quick ? 'build' : 'cold build'} ${size} and its rendering floor`, () => measureSize(size, {cold: !quick}))
  if ('skipped' in measured) continue
  builds.push(measured)
  log(
    `${size}: ${measured.recap.pages} pages in ${(measured.recap.ms / 1000).toFixed(1)} s (${measured.msPerPage} ms/page, ${measured.outputFiles} files), floor ${(measured.floor.ms / 1000).toFixed(1)} s, ${measured.recap.lakeRequests} queries, peak ${Math.round((measured.recap.maxRssKb ?? 0) / 1024)} MB`,
  )
  // Right after the cold build, while Astro's cache holds this size's pages.
  if (!skip.has('warm')) {
    const warm = await step(`warm rebuild at ${size}`, () => measureWarm(measured))
    if (!('skipped' in warm)) warms.push(warm)
  }
  if (!skip.has('publish')) {
    const published = await step(`publish to live at ${size}`, () => measurePublish(size))
    if (!('skipped' in published)) publishes.push(published)
  }
}

const queries = summariseQueries(
  builds.map((build) => ({size: build.size, lakeRequests: build.recap.lakeRequests, logged: build.recap.queriesLogged})),
)
const perPage = (size: SizeName) => builds.find((build) => build.size === size)?.msPerPage
const msPerPageRatioML = perPage('M') && perPage('L') ? round(perPage('L')! / perPage('M')!) : null
const largest = builds.at(-1)

const warm = skipped('warm') ?? (warms.length ? warms : {skipped: 'no warm rebuild succeeded'})
const publish = skipped('publish') ?? (publishes.length ? publishes : {skipped: 'no publish succeeded'})

// Weight, Lighthouse and serving look at the largest build, served by the rebuild service.
const siteSize = largest?.size ?? sizes.at(-1)!
let pages: Partial<Record<Template, string>> = {}
if (largest) pages = await templatePages(releaseDir(siteSize))
const contentPages = Object.fromEntries(
  Object.entries(pages).filter(([template]) => (CONTENT_TEMPLATES as readonly string[]).includes(template)),
)
let weight: Results['weight'] = skipped('weight') ?? {skipped: 'no build'}
let lighthouse: Results['lighthouse'] = skipped('lighthouse') ?? {skipped: 'no build'}
if (largest && (!skip.has('weight') || !skip.has('lighthouse'))) {
  const service = await step(`serving the ${siteSize} build with npm start`, () => serveRelease(releasesDir(siteSize)))
  if ('skipped' in service) {
    if (!skip.has('weight')) weight = service
    if (!skip.has('lighthouse')) lighthouse = service
  } else {
    try {
      if (!skip.has('weight'))
        weight = await step(`page weight at ${siteSize}`, () => measureWeight(releaseDir(siteSize), pages, service.url, SITE_URL))
      if (!skip.has('lighthouse'))
        lighthouse = await step(`Lighthouse at ${siteSize}`, () =>
          measureLighthouse(siteSize, contentPages, service.url, {runs: quick ? 1 : 3}),
        )
    } finally {
      await service.stop()
    }
  }
}
const serving =
  skipped('serving') ??
  (largest && pages.session
    ? await step(`serving at ${siteSize}`, () => measureServing(releasesDir(siteSize), releaseDir(siteSize), pages.session!))
    : {skipped: 'no build with a session page'})
// Last: it empties Astro's cache so the build it lands in is a cold one. At S that build can end
// before the 5 s burst does, so M is used when the run has it.
const burstSize: SizeName = sizes.includes('M') ? 'M' : 'S'
const burst =
  skipped('burst') ??
  (await step(`webhook burst at ${burstSize}`, async () => {
    await ensureDataset(burstSize, log)
    return measureBurst(burstSize, {coldBuild: true})
  }))

const preview = skipped('preview') ?? (await step('draft preview freshness', () => measurePreview(sizes, log)))

await emptyTrash({settle: false})

if ((await sourceFingerprint()) !== sourcesAtStart) {
  warnings.push(
    'The site’s sources (src/, public/, astro.config.mjs or package-lock.json) changed during the run, so its figures mix two versions of the site. Run it again.',
  )
}

const partial = {
  version: 1 as const,
  commit,
  mode: quick ? ('quick' as const) : ('full' as const),
  startedAt: new Date(started).toISOString(),
  durationMs: Date.now() - started,
  machine: await machine(),
  sizes,
  datasets,
  builds,
  queries,
  msPerPageRatioML,
  warm,
  publish,
  burst,
  siteSize,
  weight,
  lighthouse,
  serving,
  preview,
  errors,
  warnings,
}
const results: Results = {...partial, checks: evaluateChecks(partial)}
const resultsFile = quick ? join(OUTPUT, 'results-quick.json') : RESULTS_FILE
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
if (writeDocs) await writeReport(results)

console.log('')
for (const check of results.checks) {
  const verdict = check.pass === null ? 'n/a ' : check.pass ? 'ok  ' : 'MISS'
  console.log(`${verdict} ${check.enforced ? '*' : ' '} ${check.title}: ${check.measured} (target ${check.target})`)
}
for (const warning of warnings) console.log(`\nWARNING: ${warning}`)
console.log(
  `\n* checked by --quick. Results: ${resultsFile}${writeDocs ? ', docs/performance.md' : ''}. Took ${((Date.now() - started) / 60000).toFixed(1)} min.`,
)

if (quick) {
  const failed = results.checks.filter((check) => check.enforced && check.pass !== true)
  if (failed.length || errors.length) {
    console.error(
      `\nbench --quick failed: ${[...failed.map((check) => check.title), ...errors.map((error) => `${error.step} (error)`)].join('; ')}`,
    )
    process.exitCode = 1
  }
}
