// The Studio must build on a fresh clone with nothing configured: CI has no Sanity project and no network.
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {PLACEHOLDER_PROJECT_ID} from '../../studio/env.ts'
import {cliEnv, sanity, transcript, type RunResult} from './cli.ts'

describe('sanity build (the Studio)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'recap-studio-build-'))
  const env = cliEnv()
  let result: RunResult

  beforeAll(async () => {
    result = await sanity(['build', outDir, '--yes'], {env})
  })

  afterAll(() => rmSync(outDir, {recursive: true, force: true}))

  it('runs with no SANITY_STUDIO_PROJECT_ID set', () => {
    expect(env.SANITY_STUDIO_PROJECT_ID).toBeUndefined()
  })

  it('succeeds', () => {
    expect(result.code, transcript(result)).toBe(0)
  })

  it('writes an index.html whose scripts are in the output', () => {
    const index = join(outDir, 'index.html')
    expect(existsSync(index), `no index.html in ${outDir}\n${transcript(result)}`).toBe(true)
    const html = readFileSync(index, 'utf8')
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!).filter((src) => !/^[a-z]+:\/\//i.test(src)) // the CDN scripts Sanity adds are not part of the build
    expect(scripts.length, `index.html loads none of the built scripts:\n${html}`).toBeGreaterThan(0)
    for (const script of scripts) {
      expect(existsSync(join(outDir, script.replace(/^\//, ''))), `${script} is missing from ${outDir}`).toBe(true)
    }
  })

  it('falls back to the placeholder project', () => {
    const staticDir = join(outDir, 'static')
    const bundle = readdirSync(staticDir, {recursive: true})
      .map(String)
      .filter((file) => file.endsWith('.js'))
      .some((file) => readFileSync(join(staticDir, file), 'utf8').includes(PLACEHOLDER_PROJECT_ID))
    expect(bundle, `no bundle in ${staticDir} mentions ${PLACEHOLDER_PROJECT_ID}`).toBe(true)
  })
})
