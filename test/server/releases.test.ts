import {lstat, mkdir, readdir, readlink, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {spawn} from 'node:child_process'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {deploy, DeployError} from '../../src/server/deploy.ts'
import {
  cleanupLeftovers,
  createBuildDir,
  currentRelease,
  listReleases,
  prune,
  publish,
  releaseIdAt,
  repairCurrent,
  rollback,
  swapCurrent,
  validateBuild,
} from '../../src/server/releases.ts'
import {FAKE_BUILD_COMMAND, REPO, ROLLBACK, tempDir, writeControl, type FakeControl} from './helpers.ts'

let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string
let control: string

beforeEach(async () => {
  tmp = await tempDir()
  releases = path.join(tmp.dir, 'releases')
  control = path.join(tmp.dir, 'control.json')
  await mkdir(releases)
})

afterEach(() => tmp.remove())

/** A release directory with `pages` html files, made by hand. */
async function makeRelease(id: string, pages = 3): Promise<void> {
  const dir = path.join(releases, id)
  await mkdir(path.join(dir, 'p'), {recursive: true})
  await writeFile(path.join(dir, 'index.html'), id)
  for (let i = 1; i < pages; i += 1) await writeFile(path.join(dir, 'p', `${i}.html`), `${id} ${i}`)
}

const ids = (n: number) => Array.from({length: n}, (_, i) => releaseIdAt(Date.UTC(2025, 0, 1, 12, 0, i)))

function runDeploy(fake: FakeControl, timeoutMs = 10_000) {
  return writeControl(control, fake).then(() =>
    deploy({
      releasesDir: releases,
      command: FAKE_BUILD_COMMAND,
      cwd: REPO,
      timeoutMs,
      minPageRatio: 0.5,
      keepReleases: 3,
      env: {...process.env, FAKE_BUILD_CONTROL: control},
    }),
  )
}

describe('releases', () => {
  it('release ids sort by time', () => {
    const a = releaseIdAt(Date.UTC(2025, 8, 9, 23, 59, 59, 999))
    const b = releaseIdAt(Date.UTC(2025, 9, 1, 0, 0, 0, 0))
    expect(a).toBe('20250909T235959999Z')
    expect([b, a].sort()).toEqual([a, b])
  })

  it('a new build id is never older than the newest release, even if the clock went back', async () => {
    const [first] = ids(1)
    await makeRelease(first!)
    const {id, tmpDir} = await createBuildDir(releases, Date.UTC(2020, 0, 1))
    expect(id > first!).toBe(true)
    expect(path.basename(tmpDir)).toBe(`.tmp-${id}`)
  })

  it('publish renames the build into place and swaps current with one rename', async () => {
    const {id, tmpDir} = await createBuildDir(releases, Date.now())
    await writeFile(path.join(tmpDir, 'index.html'), 'hi')
    await publish(releases, tmpDir, id)
    expect(await readlink(path.join(releases, 'current'))).toBe(id)
    expect(await readdir(releases)).toEqual([id, 'current'])
  })

  it('a build with far fewer pages than the previous release is refused', async () => {
    const [prev] = ids(1)
    await makeRelease(prev!, 10)
    const out = path.join(tmp.dir, 'out')
    await mkdir(out)
    await writeFile(path.join(out, 'index.html'), '')
    for (const n of [1, 2, 3]) await writeFile(path.join(out, `${n}.html`), '')
    await expect(validateBuild(out, path.join(releases, prev!), 0.5)).rejects.toThrow(
      /build has 4 pages but the current release has 10 \(minimum 5\)/,
    )
    await writeFile(path.join(out, '4.html'), '')
    await expect(validateBuild(out, path.join(releases, prev!), 0.5)).resolves.toEqual({pages: 5, previousPages: 10})
    // RECAP_MIN_PAGE_RATIO=0 turns the check off.
    await expect(validateBuild(out, path.join(releases, prev!), 0)).resolves.toMatchObject({pages: 5})
  })

  it('a build without index.html is refused', async () => {
    const out = path.join(tmp.dir, 'out')
    await mkdir(out)
    await writeFile(path.join(out, 'other.html'), '')
    await expect(validateBuild(out, null, 0.5)).rejects.toThrow(/no index.html/)
  })

  it('rollback swaps back to the previous release', async () => {
    const [a, b, c] = ids(3)
    for (const id of [a, b, c]) await makeRelease(id!)
    await swapCurrent(releases, c!)
    expect(await rollback(releases)).toEqual({from: c, to: b})
    expect(await currentRelease(releases)).toBe(b)
    expect(await rollback(releases)).toEqual({from: b, to: a})
    await expect(rollback(releases)).rejects.toThrow(`no release older than ${a} to roll back to`)
    expect(await rollback(releases, c)).toEqual({from: a, to: c})
    await expect(rollback(releases, '20990101T000000000Z')).rejects.toThrow(/not found; available/)
  })

  it('npm run rollback swaps back and says so', async () => {
    const [a, b] = ids(2)
    for (const id of [a, b]) await makeRelease(id!)
    await swapCurrent(releases, b!)
    const child = spawn(process.execPath, [ROLLBACK], {
      env: {PATH: process.env.PATH ?? '', RECAP_RELEASES_DIR: releases},
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(code).toBe(0)
    expect(out).toBe(`rolled back from ${b} to ${a}\n`)
    expect(await currentRelease(releases)).toBe(a)
  })

  it('prune keeps the last N and the current', async () => {
    const all = ids(6)
    for (const id of all) await makeRelease(id)
    await swapCurrent(releases, all[0]!)
    const removed = await prune(releases, 3)
    expect(removed).toEqual(all.slice(1, 3))
    expect(await listReleases(releases)).toEqual([all[0], ...all.slice(3)])
    expect(await currentRelease(releases)).toBe(all[0])
  })

  it('cleanup removes temporary build dirs and stray current.tmp links, nothing else', async () => {
    const [a] = ids(1)
    await makeRelease(a!)
    await swapCurrent(releases, a!)
    await mkdir(path.join(releases, '.tmp-20250101T000000000Z', 'deep'), {recursive: true})
    await symlink(a!, path.join(releases, `current.tmp-${a}`))
    await mkdir(path.join(releases, 'state'))
    const removed = await cleanupLeftovers(releases)
    expect(removed.sort()).toEqual(['.tmp-20250101T000000000Z', `current.tmp-${a}`])
    expect((await readdir(releases)).sort()).toEqual([a, 'current', 'state'])
  })

  it('repair points a missing or dangling current at the newest release', async () => {
    const [a, b] = ids(2)
    await makeRelease(a!)
    expect(await repairCurrent(releases)).toEqual({id: a, repaired: true})
    await symlink(b!, path.join(releases, 'dangling'))
    await swapCurrent(releases, a!)
    expect(await repairCurrent(releases)).toEqual({id: a, repaired: false})
  })
})

describe('deploy', () => {
  it('a successful build becomes current and old releases are pruned', async () => {
    const first = await runDeploy({pages: 4, label: 'one'})
    expect(first).toMatchObject({previous: null, pages: 4})
    expect(await currentRelease(releases)).toBe(first.id)
    let last = first
    for (const label of ['two', 'three', 'four']) last = await runDeploy({pages: 4, label})
    expect(await currentRelease(releases)).toBe(last.id)
    expect(await listReleases(releases)).toHaveLength(3)
    expect(last.pruned).toEqual([first.id])
  })

  it('a failed build leaves current untouched and removes its temporary directory', async () => {
    const good = await runDeploy({pages: 4})
    const failure = await runDeploy({fail: 'content query failed: HTTP 500'}).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeployError)
    expect((failure as DeployError).message).toBe('build command exited with code 1')
    expect((failure as DeployError).stderrTail).toContain('error: content query failed: HTTP 500')
    expect(await currentRelease(releases)).toBe(good.id)
    expect((await readdir(releases)).sort()).toEqual([good.id, 'current'])
  })

  it('a build with far fewer pages than the previous release is refused and cleaned up', async () => {
    const good = await runDeploy({pages: 10})
    await expect(runDeploy({pages: 4})).rejects.toThrow(/refusing to publish/)
    expect(await currentRelease(releases)).toBe(good.id)
    expect((await readdir(releases)).sort()).toEqual([good.id, 'current'])
  })

  it('a build that times out is killed, leaves current untouched and cleans up', async () => {
    const good = await runDeploy({pages: 3})
    const started = Date.now()
    await expect(runDeploy({sleepMs: 30_000}, 300)).rejects.toThrow('build timed out after 300 ms (RECAP_BUILD_TIMEOUT_MS)')
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(await currentRelease(releases)).toBe(good.id)
    expect((await readdir(releases)).sort()).toEqual([good.id, 'current'])
    await expect(lstat(path.join(releases, 'current'))).resolves.toBeTruthy()
  })
})
