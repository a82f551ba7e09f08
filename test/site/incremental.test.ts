// Incremental builds the way the rebuild service runs them: each build into a new folder, Astro's
// cache kept between builds. A title and a sentence of rich text change; exactly the keyed pages
// that read those documents render again (pages without getStaticPaths always render), and the
// result must match a cold build of the changed content byte for byte, without touching the
// earlier release.
import {createHash} from 'node:crypto'
import {cp, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite, tempDir} from '../helpers/build.ts'
import {listFiles} from '../helpers/html.ts'

const TITLE = 'Crowdstar on Ironic: bare metal alongside containers'
// A span deep inside another document's rich text: reads of nested content must count too.
const SPAN = 'The Omni demo drove resources'

/** URL paths of the keyed pages the last build rendered rather than reused, as the build recorded them. */
async function renderedPaths(cacheDir: string): Promise<Set<string>> {
  return new Set((JSON.parse(await readFile(join(cacheDir, 'recap-dependencies.json'), 'utf8')) as {rendered: string[]}).rendered)
}

/** The URL path an output file is served at, as the build records it. */
const urlPath = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '')}`.replace(/\/$/, '') || '/'

/** URL paths of the keyed pages whose recorded reads include one of `ids`, from the last build's record. */
async function readersOf(cacheDir: string, ids: string[]): Promise<string[]> {
  const record = JSON.parse(await readFile(join(cacheDir, 'recap-dependencies.json'), 'utf8')) as {paths: Record<string, {deps: string[]}>}
  return Object.entries(record.paths)
    .filter(([, entry]) => entry.deps.some((id) => ids.includes(id)))
    .map(([path]) => path)
    .sort()
}

/** The `_id` of the dataset document whose line contains `text`. */
const idOf = (dataset: string, text: string) => (JSON.parse(dataset.split('\n').find((line) => line.includes(text))!) as {_id: string})._id

/** Output files of the pages that carry a cacheKey, from Astro's incremental manifest. */
async function keyedFiles(cacheDir: string): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(join(cacheDir, 'incremental-build.json'), 'utf8')) as {
    routes: Record<string, {paths: Record<string, {outputFile: string}>}>
  }
  return new Set(Object.values(manifest.routes).flatMap((route) => Object.values(route.paths).map((path) => path.outputFile)))
}

/** A digest of every file of a build, to show it did not change. */
async function digest(dir: string): Promise<string> {
  const hash = createHash('sha256')
  for (const file of (await listFiles(dir)).sort()) hash.update(file).update(await readFile(join(dir, file)))
  return hash.digest('hex')
}

/** Files that differ between two builds, or that only one of them has. */
async function differing(a: string, b: string): Promise<string[]> {
  const files = new Set([...(await listFiles(a)), ...(await listFiles(b))])
  const changed = []
  for (const file of files) {
    const [x, y] = await Promise.all([readFile(join(a, file)).catch(() => null), readFile(join(b, file)).catch(() => null)])
    if (!x || !y || !x.equals(y)) changed.push(file)
  }
  return changed.sort()
}

describe('an incremental build after a title and a sentence change', () => {
  it('renders only the pages that show them, matches a cold build, and leaves the earlier release alone', async () => {
    const root = await tempDir('incremental')
    await cp('dataset', join(root, 'dataset'), {recursive: true})
    const dataset = join(root, 'dataset/production.ndjson')
    const env = (cache: string) => ({RECAP_DATASET: dataset, RECAP_CACHE_DIR: join(root, cache)})

    const before = await buildSite(env('cache'), join(root, 'releases/1'))
    expect(before.code, before.output).toBe(0)
    const original = await readFile(dataset, 'utf8')
    expect(original).toContain(`"title":"${TITLE}"`)
    expect(original).toContain(SPAN)
    const released = await digest(before.dir)
    const readers = await readersOf(join(root, 'cache'), [idOf(original, `"title":"${TITLE}"`), idOf(original, SPAN)])
    await writeFile(
      dataset,
      original.replace(`"title":"${TITLE}"`, `"title":"${TITLE}, retold"`).replace(SPAN, 'The Omni demo steered resources'),
    )

    const warm = await buildSite(env('cache'), join(root, 'releases/2'))
    expect(warm.code, warm.output).toBe(0)
    const cold = await buildSite(env('cold-cache'), join(root, 'releases/cold'))
    expect(cold.code, cold.output).toBe(0)
    expect(await differing(warm.dir, cold.dir)).toEqual([])

    // Pages with a cacheKey render again exactly when they read one of the changed documents, which
    // includes every page whose bytes change (a page that shows the demo's title but not the edited
    // sentence renders again too: reads are noted per document). The rest always render.
    const keyed = await keyedFiles(join(root, 'cache'))
    const rendered = [...(await renderedPaths(join(root, 'cache')))].sort()
    const changed = (await differing(before.dir, cold.dir))
      .filter((file) => keyed.has(file))
      .map(urlPath)
      .sort()
    expect(rendered).toEqual(readers)
    expect(changed.filter((path) => !rendered.includes(path))).toEqual([])
    expect(changed).toContain('/events/ossummit-barcelona-2016/sessions/crowdstar-ironic')
    expect(changed).toContain('/events/ossummit-barcelona-2016/day-2')
    expect(changed).toContain('/events/ossummit-barcelona-2016/demos/openstack-omni')
    expect(keyed.size).toBeGreaterThan(3 * rendered.length)

    // Reused pages share their bytes with the earlier release (hard links) instead of copies, and
    // rendering a page again never changes the release that is still live.
    expect(await digest(before.dir)).toBe(released)
    const sessionPage = 'events/ossummit-barcelona-2016/sessions/crowdstar-ironic/index.html'
    expect(await readFile(join(warm.dir, sessionPage), 'utf8')).toContain(`${TITLE}, retold`)
    const unchanged = [...keyed].find((file) => !changed.includes(urlPath(file)) && file.endsWith('.html'))!
    const [earlier, later] = await Promise.all([stat(join(before.dir, unchanged)), stat(join(warm.dir, unchanged))])
    expect(later.ino).toBe(earlier.ino)
  }, 300_000)
})

type Record_ = Record<string, {deps: string[]}>
const EVENT = 'event.ossummit-barcelona-2016'
const recordIn = async (cacheDir: string) =>
  (JSON.parse(await readFile(join(cacheDir, 'recap-dependencies.json'), 'utf8')) as {paths: Record_}).paths
/** Recorded paths that read one of `ids` ('#graph' stands for the graph's own lists). */
const readers = (record: Record_, ids: string[]) => Object.keys(record).filter((path) => record[path]!.deps.some((id) => ids.includes(id)))

/** Builds the sample, edits its dataset, then builds warm and cold: the two must match byte for byte. */
async function rebuildAfter(name: string, edit: (dataset: string) => string) {
  const root = await tempDir(name)
  await cp('dataset', join(root, 'dataset'), {recursive: true})
  const dataset = join(root, 'dataset/production.ndjson')
  const env = (cache: string) => ({RECAP_DATASET: dataset, RECAP_CACHE_DIR: join(root, cache)})
  const before = await buildSite(env('cache'), join(root, 'releases/1'))
  expect(before.code, before.output).toBe(0)
  const recorded = await recordIn(join(root, 'cache'))
  const original = await readFile(dataset, 'utf8')
  await writeFile(dataset, edit(original))
  const warm = await buildSite(env('cache'), join(root, 'releases/2'))
  expect(warm.code, warm.output).toBe(0)
  const cold = await buildSite(env('cold-cache'), join(root, 'releases/cold'))
  expect(cold.code, cold.output).toBe(0)
  expect(await differing(warm.dir, cold.dir)).toEqual([])
  const cacheDir = join(root, 'cache')
  return {original, before: recorded, after: await recordIn(cacheDir), rendered: [...(await renderedPaths(cacheDir))].sort(), warm}
}

// A document created or deleted changes the graph's lists and the documents linked to it: exactly
// the pages that read one of those render again, plus the created document's own pages.
describe('an incremental build after a document is created or deleted', () => {
  it('renders the new session’s pages and the pages that read the lists or its event', async () => {
    const late = (line: string) =>
      line
        .replaceAll('rackspace-party', 'late-addition')
        .replace('Rackspace evening party', 'A late addition')
        .replace(/"guid":"[^"]*"/, '"guid":"0d6f2b4e-7a51-4c3e-9a8e-1f2a3b4c5d6e"')
    const {before, after, rendered, warm} = await rebuildAfter(
      'created',
      (dataset) => dataset + late(dataset.split('\n').find((line) => line.includes('"_id":"session.rackspace-party"'))!) + '\n',
    )
    const added = Object.keys(after).filter((path) => !(path in before))
    expect(added).toContain('/events/ossummit-barcelona-2016/sessions/late-addition')
    expect(added.every((path) => path.includes('/sessions/late-addition'))).toBe(true)
    expect(rendered).toEqual([...readers(before, ['#graph', EVENT]), ...added].sort())
    expect(await readFile(join(warm.dir, 'events/ossummit-barcelona-2016/sessions/late-addition/index.html'), 'utf8')).toContain(
      'A late addition',
    )
  }, 300_000)

  // The sample has one event, which every session page reads: a topic nothing links to shows that
  // a created document re-renders only the pages that read the graph's lists.
  it('renders only the pages that read the lists, and the new topic’s own, for a topic nothing links to', async () => {
    const topic = {
      _id: 'topic.quantum',
      _type: 'topic',
      title: 'Quantum',
      slug: {_type: 'slug', current: 'quantum'},
      description: 'Not covered yet.',
    }
    const {before, after, rendered} = await rebuildAfter('created-topic', (dataset) => `${dataset}${JSON.stringify(topic)}\n`)
    const added = Object.keys(after).filter((path) => !(path in before))
    expect(added.every((path) => path.includes('quantum'))).toBe(true)
    expect(rendered).toEqual([...readers(before, ['#graph']), ...added].sort())
    expect(rendered.length).toBeLessThan(Object.keys(before).length / 2)
  }, 300_000)

  it('drops the deleted session’s pages and renders those that read the lists or a document linked with it', async () => {
    const GONE = 'session.gpu-virtualisation-nomad'
    const {original, before, after, rendered, warm} = await rebuildAfter('deleted', (dataset) =>
      dataset
        .split('\n')
        .filter((line) => !line.includes(`"_id":"${GONE}"`))
        .join('\n'),
    )
    const lines = original.split('\n').filter(Boolean)
    const gone = JSON.parse(lines.find((line) => line.includes(`"_id":"${GONE}"`))!) as {event: {_ref: string}; topics: {_ref: string}[]}
    const linking = lines.filter((line) => line.includes(`"_ref":"${GONE}"`)).map((line) => (JSON.parse(line) as {_id: string})._id)
    const linked = [GONE, gone.event._ref, ...gone.topics.map((topic) => topic._ref), ...linking]
    const dropped = Object.keys(before).filter((path) => !(path in after))
    expect(dropped).toContain('/events/ossummit-barcelona-2016/sessions/gpu-virtualisation-nomad')
    expect(rendered).toEqual(
      readers(before, ['#graph', ...linked])
        .filter((path) => !dropped.includes(path))
        .sort(),
    )
    expect((await listFiles(warm.dir)).filter((file) => file.includes('gpu-virtualisation-nomad'))).toEqual([])
  }, 300_000)
})
