import {cp, readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildSite, tempDir} from '../helpers/build.ts'
import {listFiles} from '../helpers/html.ts'

/** A fresh copy of the sample dataset, as another clone would have it: same content, new file times. */
async function checkout(): Promise<string> {
  const dir = await tempDir('checkout')
  await cp('dataset', join(dir, 'dataset'), {recursive: true, preserveTimestamps: false})
  return join(dir, 'dataset/production.ndjson')
}

describe('two builds of the same content', () => {
  it('are byte-identical, from different checkouts and with cold caches', async () => {
    const first = await checkout()
    await new Promise((resolve) => setTimeout(resolve, 1100)) // the second copy's files are a second newer
    const second = await checkout()
    const builds = []
    for (const dataset of [first, second]) {
      const result = await buildSite({RECAP_DATASET: dataset, RECAP_CACHE_DIR: join(await tempDir('cache'), 'astro')})
      expect(result.code, result.output).toBe(0)
      builds.push(result.dir)
    }
    const files = await listFiles(builds[0])
    expect(await listFiles(builds[1])).toEqual(files)
    const differing = []
    for (const file of files) {
      const [a, b] = await Promise.all(builds.map((dir) => readFile(join(dir, file))))
      if (!a.equals(b)) differing.push(file)
    }
    expect(differing).toEqual([])
    expect(files.length).toBeGreaterThan(50)
  }, 300_000)
})
