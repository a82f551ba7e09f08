// Incremental builds the way the rebuild service runs them: each build into a new folder, Astro's
// cache kept between builds. One title changes; only the pages that show it may render again,
// and the result must match a cold build of the changed content byte for byte.
import {cp, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite, tempDir} from '../helpers/build.ts'
import {listFiles} from '../helpers/html.ts'

const TITLE = 'Crowdstar on Ironic: bare metal alongside containers'

/** Output files the build rendered rather than reused, from Astro's page lines (`├─ /path (+3ms)`). */
function renderedFiles(output: string): Set<string> {
  const lines = output.split('\n').filter((line) => line.includes('├─') && !/\((restored|cached)\)/.test(line))
  return new Set(lines.map((line) => /├─ \/(\S+)/.exec(line)![1]))
}

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
    const rendered = renderedFiles(warm.output)
    const changed = (await differing(before.dir, cold.dir)).filter((file) => /\.(html|ics|json)$/.test(file) && !file.startsWith('pagefind/'))
    for (const file of changed) expect(rendered, file).toContain(file)
    expect([...rendered].filter((file) => keyed.has(file)).sort()).toEqual(changed.filter((file) => keyed.has(file)).sort())
    expect(changed).toContain('events/ossummit-barcelona-2016/sessions/crowdstar-ironic/index.html')
    expect(changed).toContain('events/ossummit-barcelona-2016/day-2/index.html')
    expect(keyed.size).toBeGreaterThan(3 * [...rendered].filter((file) => keyed.has(file)).length)
  }, 300_000)
})
