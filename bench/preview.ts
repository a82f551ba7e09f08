// Draft preview freshness: how long from an edit of the content to the open preview page showing it,
// as a ratio to the time one preview page takes to render. Runs the preview process exactly as the
// rebuild service does, on the generated dataset of each size.
//
//   node bench/preview.ts [--sizes S,M,L]     prints the figures and writes bench/output/preview.json
import {fork, type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {copyFile, readFile, rename, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {ensureDataset} from './lib/datasets.ts'
import {cleanEnv} from './lib/process.ts'
import {OUTPUT, ROOT, datasetDir, datasetFile, type SizeName} from './lib/paths.ts'
import {percentile} from './lib/stats.ts'
import {KEY_HEADER} from '../src/preview/server.ts'
import {ensureRenderer} from '../src/preview/renderer.ts'

export type PreviewFreshness = {
  size: SizeName
  sessions: number
  /** Median time for one warm preview page render, in ms. */
  pageMs: number
  /** Median time from writing the edit to the page showing it, change notice included, in ms. */
  freshMs: number
  /** freshMs over pageMs. */
  ratio: number
  /** Loading the drafts graph when the preview starts, in ms. */
  startMs: number
}

const EDITS = 3
const RENDERS = 9

async function startPreview(dataset: string, key: string): Promise<{child: ChildProcess; url: string}> {
  const child = fork(join(ROOT, 'src/preview/server.ts'), [], {
    cwd: ROOT,
    env: cleanEnv({RECAP_PREVIEW_KEY: key, RECAP_DATASET: dataset}),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: {ready?: number}) => message.ready && resolve(message.ready))
    child.on('exit', (code) => reject(new Error(`the preview process stopped (exit ${code})`)))
  })
  return {child, url: `http://127.0.0.1:${port}`}
}

/** Waits for the change feed to announce a version other than `seen`. */
async function announced(url: string, key: string, seen: string): Promise<string> {
  const stream = await fetch(`${url}/api/preview/events`, {headers: {[KEY_HEADER]: key}})
  const reader = stream.body!.getReader()
  let text = ''
  try {
    for (;;) {
      const {value, done} = await reader.read()
      if (done) throw new Error('the change feed ended')
      text += new TextDecoder().decode(value)
      const versions = [...text.matchAll(/data: (\S+)/g)].map((match) => match[1]!)
      const next = versions.find((version) => version !== seen)
      if (next) return next
    }
  } finally {
    await reader.cancel()
  }
}

async function measureSize(size: SizeName, log: (line: string) => void): Promise<PreviewFreshness> {
  await ensureDataset(size, log)
  // The edits go to a copy beside the original, so image paths still resolve.
  const dataset = join(datasetDir(size), 'production.preview.ndjson')
  await copyFile(datasetFile(size), dataset)
  const original = await readFile(dataset, 'utf8')
  const lines = original.trimEnd().split('\n')
  const session = JSON.parse(lines.find((line) => line.includes('"_type":"session"') && !line.includes('"_id":"drafts.'))!)
  const event = JSON.parse(lines.find((line) => line.includes(`"_id":${JSON.stringify(session.event._ref)}`))!)
  const page = `/events/${event.slug.current}/sessions/${session.slug.current}/`
  const key = randomBytes(16).toString('hex')

  const started = Date.now()
  const {child, url} = await startPreview(dataset, key)
  const get = async () => (await fetch(`${url}${page}`, {headers: {[KEY_HEADER]: key}})).text()
  try {
    await get()
    const startMs = Date.now() - started
    const renders: number[] = []
    for (let index = 0; index < RENDERS; index++) {
      const begun = performance.now()
      await get()
      renders.push(performance.now() - begun)
    }
    const fresh: number[] = []
    let version = '0'
    for (let edit = 1; edit <= EDITS; edit++) {
      const title = `${session.title} (draft ${edit})`
      const next = announced(url, key, version)
      // As an editor's tool saves: a whole new file, swapped in.
      const begun = performance.now()
      await writeFile(`${dataset}.tmp`, `${original.trimEnd()}\n${JSON.stringify({...session, _id: `drafts.${session._id}`, title})}\n`)
      await rename(`${dataset}.tmp`, dataset)
      version = await next
      const html = await get()
      fresh.push(performance.now() - begun)
      if (!html.includes(title.replace(/&/g, '&amp;'))) throw new Error(`the preview of ${page} does not show the edit "${title}"`)
    }
    const pageMs = percentile(renders, 0.5)
    const freshMs = percentile(fresh, 0.5)
    return {
      size,
      sessions: lines.filter((line) => line.includes('"_type":"session"')).length,
      pageMs: round(pageMs),
      freshMs: round(freshMs),
      ratio: round(freshMs / pageMs),
      startMs,
    }
  } finally {
    child.kill()
  }
}

const round = (value: number) => Math.round(value * 10) / 10

export async function measurePreview(sizes: SizeName[], log: (line: string) => void): Promise<PreviewFreshness[]> {
  await ensureRenderer(ROOT)
  const results: PreviewFreshness[] = []
  for (const size of sizes) {
    const result = await measureSize(size, log)
    log(
      `preview ${size}: an edit shows in ${result.freshMs} ms, ${result.ratio}× one page render (${result.pageMs} ms); graph loaded in ${result.startMs} ms`,
    )
    results.push(result)
  }
  return results
}

if (import.meta.main) {
  const {values} = parseArgs({options: {sizes: {type: 'string', default: 'S,M,L'}}})
  const sizes = values.sizes!.split(',').map((size) => size.trim().toUpperCase() as SizeName)
  const results = await measurePreview(sizes, (line) => console.log(line))
  await writeFile(join(OUTPUT, 'preview.json'), `${JSON.stringify(results, null, 2)}\n`)
}
