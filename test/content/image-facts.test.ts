// The embedded backend measures each image once (dimensions, SHA-1, blurred placeholder) and keeps
// the answer in the build cache, so later builds, each its own process, skip the measuring; a
// changed file is measured again.
import {execFile} from 'node:child_process'
import {cp, readFile, utimes, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {tempDir} from '../helpers/build.ts'

const run = promisify(execFile)
const LOADER = new URL('../../src/lib/content/embedded.ts', import.meta.url).href

/** The LQIP of every image asset, from a load of `dataset` in a process of its own. */
async function placeholders(dataset: string, cacheDir: string): Promise<string[]> {
  const script = `const {loadEmbeddedDataset} = await import(${JSON.stringify(LOADER)})
const documents = await loadEmbeddedDataset(${JSON.stringify(dataset)})
console.log(JSON.stringify(documents.filter((d) => d._type === 'sanity.imageAsset').map((d) => d.metadata.lqip).sort()))
process.exit(0)`
  const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script], {env: {...process.env, RECAP_CACHE_DIR: cacheDir}})
  return JSON.parse(stdout) as string[]
}

describe('image facts of the embedded dataset', () => {
  it('are measured once, reused by the next build, and measured again when the file changes', async () => {
    const root = await tempDir('image-facts')
    await cp('dataset', join(root, 'dataset'), {recursive: true})
    const dataset = join(root, 'dataset/production.ndjson')
    const cacheDir = join(root, 'cache')
    const measured = await placeholders(dataset, cacheDir)
    expect(measured.length).toBeGreaterThan(3)
    expect(measured.every((lqip) => lqip.startsWith('data:image/jpeg;base64,'))).toBe(true)

    // Mark every stored placeholder: a load that reuses the store shows the mark.
    const store = join(cacheDir, 'recap-image-facts.json')
    const stored = JSON.parse(await readFile(store, 'utf8')) as Record<string, {lqip: string}>
    const keys = Object.keys(stored)
    for (const key of keys) stored[key].lqip = `stored-${stored[key].lqip}`
    await writeFile(store, JSON.stringify(stored))
    expect((await placeholders(dataset, cacheDir)).every((lqip) => lqip.startsWith('data:image/jpeg;base64,stored-'))).toBe(true)

    // A file touched since is measured again; the others still come from the store.
    const touched = keys[0].split('\0')[0]
    await utimes(touched, new Date(), new Date(Date.now() + 60_000))
    const after = await placeholders(dataset, cacheDir)
    expect(after.filter((lqip) => !lqip.includes('stored-'))).toHaveLength(1)
    expect(after.filter((lqip) => lqip.includes('stored-'))).toHaveLength(measured.length - 1)
  }, 60_000)
})
