// `npm run bench -- --quick` in CI: size S, failing when a count misses its target (queries per
// build, JavaScript on content pages, Lighthouse accessibility, best practices and SEO at 100).
// Needs Chromium at /usr/bin/chromium (or $CHROMIUM_PATH) and the lighthouse devDependency.
import {execFile} from 'node:child_process'
import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import type {Results} from '../../bench/lib/results.ts'
import {OUTPUT, ROOT} from '../../bench/lib/paths.ts'

const run = promisify(execFile)

describe('the quick benchmark', () => {
  it('meets every count it checks', {timeout: 15 * 60_000}, async () => {
    const resultsFile = join(OUTPUT, 'results-quick.json')
    await rm(resultsFile, {force: true})
    let output: string
    let code = 0
    try {
      const result = await run(process.execPath, ['bench/run.ts', '--quick'], {cwd: ROOT, maxBuffer: 64 * 1024 * 1024})
      output = result.stdout + result.stderr
    } catch (error) {
      const failure = error as {code: number; stdout: string; stderr: string}
      code = failure.code
      output = failure.stdout + failure.stderr
    }
    const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => 'null')) as Results | null
    const missed = (results?.checks ?? []).filter((check) => check.enforced && check.pass !== true)
    expect(
      missed.map((check) => `${check.title}: ${check.measured} (target ${check.target})`),
      output.slice(-4000),
    ).toEqual([])
    expect(results?.errors ?? [], output.slice(-4000)).toEqual([])
    expect(code, output.slice(-4000)).toBe(0)
  })
})
