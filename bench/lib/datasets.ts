// Generates a size's dataset once and reuses it while bench/generate.ts and the preset are unchanged
// (generation is deterministic; at L it takes minutes).
import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {generateDataset, SIZES} from '../generate.ts'
import {datasetDir, datasetFile, ROOT, type SizeName} from './paths.ts'

export async function ensureDataset(size: SizeName, log: (line: string) => void): Promise<{file: string; generatedMs: number | null}> {
  const source = await readFile(join(ROOT, 'bench/generate.ts'))
  const stamp = createHash('sha256').update(source).update(JSON.stringify(SIZES[size])).digest('hex')
  const stampFile = join(datasetDir(size), 'dataset.stamp')
  if (existsSync(datasetFile(size)) && (await readFile(stampFile, 'utf8').catch(() => '')) === stamp) {
    return {file: datasetFile(size), generatedMs: null}
  }
  log(`generating the ${size} dataset`)
  await rm(join(datasetDir(size), 'images'), {recursive: true, force: true})
  const started = performance.now()
  const file = await generateDataset(datasetDir(size), SIZES[size])
  await writeFile(stampFile, stamp)
  return {file, generatedMs: Math.round(performance.now() - started)}
}
