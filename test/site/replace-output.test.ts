// Moving a finished build into the output folder (src/buildSite.ts) with a failure injected at each
// step: the previous site stays, nothing is left next to it, and the error says so in a sentence.
import * as fsp from 'node:fs/promises'
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {replaceOutput, OutputError} from '../../src/lib/replaceOutput.ts'
import {withFaults, type Fault} from '../helpers/faults.ts'

let root: string
let site: string
let outDir: string
let staging: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'recap-replace-output-'))
  site = join(root, 'site')
  outDir = join(site, 'dist')
  staging = join(root, 'cache/recap-staging')
  await writePage(outDir, 'old')
  await writePage(staging, 'new')
})
afterEach(() => rm(root, {recursive: true, force: true}))

async function writePage(dir: string, label: string): Promise<void> {
  await mkdir(join(dir, 'talks'), {recursive: true})
  await writeFile(join(dir, 'index.html'), label)
  await writeFile(join(dir, 'talks/index.html'), label)
}

// A copy across file systems that fills the disk after its first page.
const diskFull: Fault = {
  fn: 'cp',
  call: 1,
  code: 'ENOSPC',
  partly: async () => {
    await mkdir(outDir)
    await fsp.copyFile(join(staging, 'index.html'), join(outDir, 'index.html'))
  },
}

const cases: Array<[string, Fault[]]> = [
  ['creating the parent folder', [{fn: 'mkdir', call: 1, code: 'ENOSPC'}]],
  ['clearing a stale retired folder', [{fn: 'rm', call: 1, code: 'EACCES'}]],
  ['moving the old site aside', [{fn: 'rename', call: 1, code: 'EACCES'}]],
  ['renaming the build into place', [{fn: 'rename', call: 2, code: 'ENOSPC'}]],
  ['copying across file systems (disk full)', [{fn: 'rename', call: 2, code: 'EXDEV'}, diskFull]],
  [
    'copying across file systems (no copy at all)',
    [
      {fn: 'rename', call: 2, code: 'EXDEV'},
      {fn: 'cp', call: 1, code: 'ENOSPC'},
    ],
  ],
]

describe('replaceOutput with a failure injected', () => {
  it.each(cases)('keeps the old site and leaves nothing behind when %s fails', async (_, faults) => {
    const error = await replaceOutput(staging, outDir, withFaults(fsp, faults)).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(OutputError)
    expect((error as Error).message).toMatch(
      new RegExp(`^Could not move the build into ${outDir} \\(${faults.at(-1)!.code}: .*\\); ${outDir} is unchanged\\.$`),
    )
    expect(await readdir(site)).toEqual(['dist'])
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toBe('old')
    expect(await readFile(join(outDir, 'talks/index.html'), 'utf8')).toBe('old')
  })

  it('says where the old site is when putting it back fails too', async () => {
    const fs = withFaults(fsp, [
      {fn: 'rename', call: 2, code: 'ENOSPC'},
      {fn: 'rename', call: 3, code: 'EIO'},
    ])
    const error = (await replaceOutput(staging, outDir, fs).catch((e: unknown) => e)) as Error

    const retired = `${outDir}.old-${process.pid}`
    expect(error.message).toBe(
      `Could not move the build into ${outDir} (ENOSPC: injected failure, rename), nor put the previous site back (EIO: injected failure, rename); it is in ${retired}.`,
    )
    expect(await readFile(join(retired, 'index.html'), 'utf8')).toBe('old')
  })

  it('warns, and keeps the new site, when the old one cannot be removed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const removeOld = await replaceOutput(staging, outDir, withFaults(fsp, [{fn: 'rm', call: 2, code: 'EACCES'}]))
    await removeOld()
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^The new site is in .*, but the previous one could not be removed from .*\.old-\d+: EACCES/),
    )
    expect(await readFile(join(outDir, 'index.html'), 'utf8')).toBe('new')
    warn.mockRestore()
  })

  it('replaces the old site and removes it, by rename or by copy', async () => {
    await (
      await replaceOutput(staging, outDir)
    )()
    expect(await readdir(site)).toEqual(['dist'])
    expect(await readFile(join(outDir, 'talks/index.html'), 'utf8')).toBe('new')

    await writePage(staging, 'copied')
    await (
      await replaceOutput(staging, outDir, withFaults(fsp, [{fn: 'rename', call: 2, code: 'EXDEV'}]))
    )()
    expect(await readdir(site)).toEqual(['dist'])
    expect(await readFile(join(outDir, 'talks/index.html'), 'utf8')).toBe('copied')
  })

  it('leaves no folder when there was no site before and the copy fails', async () => {
    await rm(outDir, {recursive: true})
    const fs = withFaults(fsp, [{fn: 'rename', call: 2, code: 'EXDEV'}, diskFull])
    await expect(replaceOutput(staging, outDir, fs)).rejects.toThrow(/is unchanged\.$/)
    expect(await readdir(site)).toEqual([])
  })
})
