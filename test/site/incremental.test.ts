// Incremental builds the way the rebuild service runs them: each build into a new folder, Astro's
// cache kept between builds. One title changes; exactly the keyed pages whose bytes change may
// render again (pages without getStaticPaths always render), and the result must match a cold
// build of the changed content byte for byte, without touching the earlier release.
import {cp, readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite, tempDir} from '../helpers/build.ts'
import {listFiles} from '../helpers/html.ts'

const TITLE = 'Crowdstar on Ironic: bare metal alongside containers'

/** URL paths of the keyed pages the last build rendered rather than reused, as the build recorded them. */
async function renderedPaths(cacheDir: string): Promise<Set<string>> {
  return new Set((JSON.parse(await readFile(join(cacheDir, 'recap-dependencies.json'), 'utf8')) as {rendered: string[]}).rendered)
}

/** The URL path an output file is served at, as the build records it. */
const urlPath = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '')}`.replace(/\/$/, '') || '/'

/** Output files of the pages that carry a cacheKey, from Astro's incremental manifest. */
async function keyedFiles(cacheDir: string): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(join(cacheDir, 'incremental-build.json'), 'utf8')) as {routes: Record<string, {paths: Record<string, {outputFile: string}>}>}
  return new Set(Object.values(manifest.routes).flatMap((route) => Object.values(route.paths).map((path) => path.outputFile)))
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

describe('an incremental build after one title changes', () => {
  it('renders only the pages that show the title, and matches a cold build', async () => {
    const root = await tempDir('incremental')
    await cp('dataset', join(root, 'dataset'), {recursive: true})
    const dataset = join(root, 'dataset/production.ndjson')
    const env = (cache: string) => ({RECAP_DATASET: dataset, RECAP_CACHE_DIR: join(root, cache)})

    const before = await buildSite(env('cache'), join(root, 'releases/1'))
    expect(before.code, before.output).toBe(0)
    const original = await readFile(dataset, 'utf8')
    expect(original).toContain(`"title":"${TITLE}"`)
    await writeFile(dataset, original.replace(`"title":"${TITLE}"`, `"title":"${TITLE}, retold"`))

    const warm = await buildSite(env('cache'), join(root, 'releases/2'))
    expect(warm.code, warm.output).toBe(0)
    const cold = await buildSite(env('cold-cache'), join(root, 'releases/cold'))
    expect(cold.code, cold.output).toBe(0)
    expect(await differing(warm.dir, cold.dir)).toEqual([])

    // Pages with a cacheKey render again exactly when their bytes change; the rest always render.
    const keyed = await keyedFiles(join(root, 'cache'))
    const rendered = [...(await renderedPaths(join(root, 'cache')))].sort()
    const changed = (await differing(before.dir, cold.dir)).filter((file) => keyed.has(file)).map(urlPath).sort()
    expect(rendered).toEqual(changed)
    expect(changed).toContain('/events/ossummit-barcelona-2016/sessions/crowdstar-ironic')
    expect(changed).toContain('/events/ossummit-barcelona-2016/day-2')
    expect(keyed.size).toBeGreaterThan(3 * rendered.length)

    // Reused pages share their bytes with the earlier release (hard links) instead of copies, and
    // rendering a page again never changes the release that is still live.
    const sessionPage = 'events/ossummit-barcelona-2016/sessions/crowdstar-ironic/index.html'
    expect(await readFile(join(before.dir, sessionPage), 'utf8')).not.toContain(`${TITLE}, retold`)
    expect(await readFile(join(warm.dir, sessionPage), 'utf8')).toContain(`${TITLE}, retold`)
    const unchanged = [...keyed].find((file) => !changed.includes(urlPath(file)) && file.endsWith('.html'))!
    const [earlier, later] = await Promise.all([stat(join(before.dir, unchanged)), stat(join(warm.dir, unchanged))])
    expect(later.ino).toBe(earlier.ino)
  }, 300_000)
})
