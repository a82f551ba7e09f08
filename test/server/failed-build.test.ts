// A deploy whose build rendered its pages but fails afterwards (disk full, a failed rename, a
// build that leaves a retired folder): nothing is left next to the releases and the old release
// stays live. node:fs/promises is wrapped so the Nth call of a function fails.
import {mkdir, readdir, readFile, readlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {deploy, DeployError} from '../../src/server/deploy.ts'
import {listReleases, prune, releaseIdAt} from '../../src/server/releases.ts'
import type {Fault} from '../helpers/faults.ts'
import {FAKE_BUILD_COMMAND, REPO, tempDir} from './helpers.ts'

const injected = vi.hoisted(() => ({faults: [] as Fault[], calls: {} as Record<string, number>}))

vi.mock('node:fs/promises', async (importOriginal) => {
  const {withFaults} = await import('../helpers/faults.ts')
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const wrapped = withFaults(real, injected.faults, injected.calls)
  return {...wrapped, default: wrapped}
})

/** Arms faults, counting calls from now on. */
function inject(...faults: Fault[]): void {
  injected.faults.splice(0, Infinity, ...faults)
  for (const name of Object.keys(injected.calls)) delete injected.calls[name]
}

const OLD = releaseIdAt(Date.UTC(2025, 0, 1, 12))
let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string

beforeEach(async () => {
  tmp = await tempDir()
  releases = path.join(tmp.dir, 'releases')
  await mkdir(path.join(releases, OLD), {recursive: true})
  await writeFile(path.join(releases, OLD, 'index.html'), 'old')
  await (await import('node:fs/promises')).symlink(OLD, path.join(releases, 'current'))
})

afterEach(async () => {
  inject()
  await tmp.remove()
})

function runDeploy(command = FAKE_BUILD_COMMAND) {
  return deploy({releasesDir: releases, command, cwd: REPO, timeoutMs: 20_000, minPageRatio: 0, keepReleases: 3})
}

async function expectOldReleaseLive(): Promise<void> {
  expect((await readdir(releases)).sort()).toEqual([OLD, 'current'])
  expect(await readlink(path.join(releases, 'current'))).toBe(OLD)
  expect(await readFile(path.join(releases, 'current', 'index.html'), 'utf8')).toBe('old')
}

// The calls publish makes once the pages are rendered and checked, in order.
const steps: Array<[string, Fault, string]> = [
  ['moving the build into the releases', {fn: 'rename', call: 1, code: 'ENOSPC'}, 'ENOSPC'],
  ['making the new current link', {fn: 'symlink', call: 1, code: 'ENOSPC'}, 'ENOSPC'],
  ['renaming the link over current', {fn: 'rename', call: 2, code: 'EXDEV'}, 'EXDEV'],
  ['syncing the releases folder after the swap', {fn: 'open', call: 1, code: 'EIO'}, 'EIO'],
]

describe('a build that fails after its pages are rendered', () => {
  it.each(steps)('leaves nothing behind and keeps the live release when %s fails', async (_, fault, code) => {
    inject(fault)
    const error = await runDeploy().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(DeployError)
    const id = (error as DeployError).id
    expect((error as Error).message).toMatch(
      new RegExp(`^could not publish release ${id} \\(${code}: .*\\); release ${OLD} is still live$`),
    )
    await expectOldReleaseLive()
  })

  it('removes the retired folder a build left beside its output', async () => {
    // What src/buildSite.ts leaves when it is killed while the old output is moved aside.
    const error = await runDeploy('mkdir -p "$RECAP_OUT_DIR.old-4242/p" && echo "No space left on device" >&2 && exit 1').catch(
      (e: unknown) => e,
    )

    expect((error as Error).message).toBe('build command exited with code 1')
    expect((error as DeployError).stderrTail).toContain('No space left on device')
    await expectOldReleaseLive()
  })

  it('a prune that fails halfway leaves no broken release, and the next prune finishes it', async () => {
    const [doomed, ...kept] = [1, 2, 3, 4].map((h) => releaseIdAt(Date.UTC(2025, 0, 1, 12 + h)))
    for (const id of [doomed!, ...kept]) await mkdir(path.join(releases, id, 'p'), {recursive: true})
    inject({fn: 'rm', call: 1, code: 'EACCES'})

    await expect(prune(releases, 3)).rejects.toThrow(/EACCES/)
    expect(await listReleases(releases)).toEqual([OLD, ...kept])
    expect(await readlink(path.join(releases, 'current'))).toBe(OLD)

    inject()
    expect(await prune(releases, 3)).toEqual([])
    expect((await readdir(releases)).sort()).toEqual([OLD, ...kept, 'current'])
  })

  it('publishes normally when nothing fails', async () => {
    const {id} = await runDeploy()
    expect((await readdir(releases)).sort()).toEqual([OLD, id, 'current'].sort())
    expect(await readlink(path.join(releases, 'current'))).toBe(id)
  })
})
