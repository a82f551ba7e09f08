// A published release cannot be rewritten: its files and folders have no write bits, so a service
// user other than root gets EACCES on any write into releases/current/. Root ignores mode bits, so
// the writes are tried as `nobody`, on a tree handed to `nobody`, with setpriv.

import {spawnSync} from 'node:child_process'
import {chmod, chown, copyFile, link, lstat, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {freezeTree} from '../../src/server/freeze.ts'
import {CURRENT, listReleases, prune, publish, rollback} from '../../src/server/releases.ts'
import {REPO, tempDir} from './helpers.ts'

const NOBODY = 65534
const isRoot = process.getuid?.() === 0

let tmp: Awaited<ReturnType<typeof tempDir>>
let releases: string

beforeEach(async () => {
  tmp = await tempDir()
  await chmod(tmp.dir, 0o755) // so `nobody` can reach the releases at all
  releases = path.join(tmp.dir, 'releases')
  await mkdir(releases)
})

afterEach(() => tmp.remove())

/** A staged build with a page, a nested page and an asset, published as release `id`. */
async function publishRelease(id: string): Promise<string> {
  const staged = path.join(releases, `.tmp-${id}`)
  await mkdir(path.join(staged, 'sessions/keynote'), {recursive: true})
  await writeFile(path.join(staged, 'index.html'), `<p>${id}</p>`)
  await writeFile(path.join(staged, 'sessions/keynote/index.html'), `<p>keynote ${id}</p>`)
  await writeFile(path.join(staged, 'site.css'), 'p{}')
  await publish(releases, staged, id)
  return path.join(releases, id)
}

async function modes(dir: string): Promise<Record<string, string>> {
  const names = ['.', ...(await readdir(dir, {recursive: true}))]
  const entries = await Promise.all(names.map(async (name) => [name, ((await lstat(path.join(dir, name))).mode & 0o777).toString(8)]))
  return Object.fromEntries(entries)
}

/** Hands a tree to `nobody`, as if the service ran as that user. */
async function giveToNobody(dir: string): Promise<void> {
  for (const name of ['.', ...(await readdir(dir, {recursive: true}))]) await chown(path.join(dir, name), NOBODY, NOBODY)
}

/** Runs a shell command as `nobody`; returns its exit code and what it printed on stderr. */
function asNobody(command: string): {status: number | null; stderr: string} {
  const result = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sh', '-c', command], {encoding: 'utf8'})
  if (result.error) throw new Error(`setpriv could not run (${result.error.message}); it comes with util-linux`)
  return {status: result.status, stderr: result.stderr}
}

describe('published releases are read-only', () => {
  it('every file and folder of a published release has its write bits cleared', async () => {
    const dir = await publishRelease('20250101T000000000Z')
    const all = await modes(dir)
    expect(Object.keys(all)).toHaveLength(6)
    expect(Object.entries(all).filter(([, mode]) => (parseInt(mode, 8) & 0o222) !== 0)).toEqual([])
  })

  it.runIf(isRoot)('a service user other than root gets EACCES writing into releases/current/', async () => {
    const open = path.join(tmp.dir, 'open')
    await mkdir(open)
    await writeFile(path.join(open, 'index.html'), 'open')
    await giveToNobody(open)
    // The same writes succeed on a tree with write bits: the refusal below is the freeze's doing.
    expect(asNobody(`echo hotfix >> '${open}/index.html' && touch '${open}/new.html'`).status).toBe(0)

    await publishRelease('20250101T000000000Z')
    const current = path.join(releases, CURRENT)
    await giveToNobody(path.join(releases, '20250101T000000000Z'))
    const edit = asNobody(`echo hotfix >> '${current}/index.html'`)
    expect(edit.status).not.toBe(0)
    expect(edit.stderr).toMatch(/Permission denied/)
    const create = asNobody(`touch '${current}/sessions/keynote/extra.html'`)
    expect(create.stderr).toMatch(/Permission denied/)
    expect(await readFile(path.join(current, 'index.html'), 'utf8')).toBe('<p>20250101T000000000Z</p>')
  })

  it('rollback and pruning still work on frozen releases', async () => {
    for (const id of ['20250101T000000000Z', '20250102T000000000Z', '20250103T000000000Z']) await publishRelease(id)
    expect(await rollback(releases)).toEqual({from: '20250103T000000000Z', to: '20250102T000000000Z'})
    expect(await readFile(path.join(releases, CURRENT, 'index.html'), 'utf8')).toBe('<p>20250102T000000000Z</p>')
    expect(await prune(releases, 1)).toEqual(['20250101T000000000Z'])
    expect(await listReleases(releases)).toEqual(['20250102T000000000Z', '20250103T000000000Z'])
    await publishRelease('20250104T000000000Z')
    expect(await readFile(path.join(releases, CURRENT, 'index.html'), 'utf8')).toBe('<p>20250104T000000000Z</p>')
  })

  it.runIf(isRoot)('a service user other than root can still prune its own frozen releases', async () => {
    const dir = await publishRelease('20250101T000000000Z')
    await giveToNobody(releases)
    // nobody cannot read root's Node under $HOME, so it gets a copy, with the module it runs.
    const node = path.join(tmp.dir, 'node')
    await copyFile(process.execPath, node)
    await chmod(node, 0o755)
    await copyFile(path.join(REPO, 'src/server/freeze.ts'), path.join(tmp.dir, 'freeze.ts'))
    const plainRm = asNobody(`rm -rf '${dir}'`)
    expect(plainRm.stderr).toMatch(/Permission denied/)
    const removed = asNobody(`'${node}' -e "import('${tmp.dir}/freeze.ts').then((m) => m.removeTree('${dir}'))"`)
    expect(removed.stderr).toBe('')
    await expect(stat(dir)).rejects.toThrow(/ENOENT/)
  })

  it('freezing clears the bits of the inode, so a hard link elsewhere is protected too', async () => {
    const cache = path.join(tmp.dir, 'cache.html')
    await writeFile(cache, 'cached')
    const release = path.join(tmp.dir, 'release')
    await mkdir(release)
    await link(cache, path.join(release, 'index.html'))
    await freezeTree(release)
    expect((await stat(cache)).mode & 0o222).toBe(0)
  })
})
