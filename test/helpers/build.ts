import {execFile} from 'node:child_process'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export type BuildResult = {dir: string; code: number; output: string}

export const tempDir = (label: string) => mkdtemp(join(tmpdir(), `recap-${label}-`))

/**
 * Runs `npm run build` (src/buildSite.ts) into `dir` with only the given Recap and Sanity settings,
 * so the developer's own environment cannot leak into a test.
 */
export async function buildSite(env: Record<string, string>, dir?: string): Promise<BuildResult> {
  const outDir = dir ?? join(await tempDir('site'), 'dist')
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SANITY_') && !key.startsWith('RECAP_')))
  try {
    const {stdout, stderr} = await run(process.execPath, ['src/buildSite.ts'], {
      env: {...clean, SITE_URL: 'https://recap.example', ...env, RECAP_OUT_DIR: outDir},
      maxBuffer: 64 * 1024 * 1024,
    })
    return {dir: outDir, code: 0, output: stdout + stderr}
  } catch (error) {
    const failure = error as {code: number; stdout: string; stderr: string}
    return {dir: outDir, code: failure.code, output: failure.stdout + failure.stderr}
  }
}
