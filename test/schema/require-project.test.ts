// Commands that talk to the Sanity API (studio, dataset:import) stop early, with one clear sentence,
// when no project is configured, instead of failing deep inside the CLI.
import {resolve} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/validate.ts'
import {cliEnv, run, type RunResult} from './cli.ts'

const script = resolve(ROOT, 'studio/require-project.ts')

describe('studio/require-project.ts', () => {
  let without: RunResult
  let withProject: RunResult

  beforeAll(async () => {
    ;[without, withProject] = await Promise.all([
      run(process.execPath, [script], {env: cliEnv({SANITY_STUDIO_PROJECT_ID: undefined})}),
      run(process.execPath, [script], {env: cliEnv({SANITY_STUDIO_PROJECT_ID: 'abc123xy'})}),
    ])
  })

  it('exits 1 without SANITY_STUDIO_PROJECT_ID, with one sentence that names it', () => {
    expect(without.code).toBe(1)
    const message = without.stderr.trim()
    expect(message).toContain('SANITY_STUDIO_PROJECT_ID')
    expect(message.split('\n'), 'a single line').toHaveLength(1)
    expect(message.match(/[.!?](\s|$)/g), 'a single sentence').toHaveLength(1)
    expect(without.stdout).toBe('')
  })

  it('treats an empty SANITY_STUDIO_PROJECT_ID as missing', async () => {
    const empty = await run(process.execPath, [script], {env: cliEnv({SANITY_STUDIO_PROJECT_ID: ''})})
    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('SANITY_STUDIO_PROJECT_ID')
  })

  it('exits 0 quietly when SANITY_STUDIO_PROJECT_ID is set', () => {
    expect(withProject.code).toBe(0)
    expect(withProject.stderr + withProject.stdout).toBe('')
  })
})
