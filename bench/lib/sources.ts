// A fingerprint of what a build depends on, taken at the start and the end of a run: if the site
// changed in between, the run's figures mix two versions and the report says so.
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {listFiles} from './files.ts'
import {ROOT} from './paths.ts'

const INPUTS = ['src', 'public']
const FILES = ['astro.config.mjs', 'package-lock.json']

export async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256')
  const files = [
    ...FILES,
    ...(
      await Promise.all(INPUTS.map(async (dir) => (await listFiles(join(ROOT, dir)).catch(() => [])).map((name) => `${dir}/${name}`)))
    ).flat(),
  ].sort()
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(await readFile(join(ROOT, file)).catch(() => Buffer.alloc(0)))
  return hash.digest('hex').slice(0, 16)
}

/** The commit checked out, with "+changes" when the working tree differs from it. */
export function commitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8'}).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', ...INPUTS, ...FILES], {cwd: ROOT, encoding: 'utf8'}).trim()
    return dirty ? `${commit}+changes` : commit
  } catch {
    return 'unknown'
  }
}
