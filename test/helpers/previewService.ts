import {spawn, type ChildProcess} from 'node:child_process'
import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const REPO = new URL('../../', import.meta.url).pathname

export type RunningService = {url: string; dir: string; dataset: string; releases: string; lines: string[]; stop(): Promise<void>}

/** A copy of the sample dataset, images included, that a test may edit. */
export async function copyDataset(): Promise<{dir: string; file: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'recap-preview-'))
  await cp(join(REPO, 'dataset/images'), join(dir, 'images'), {recursive: true})
  await cp(join(REPO, 'dataset/production.ndjson'), join(dir, 'production.ndjson'))
  return {dir, file: join(dir, 'production.ndjson')}
}

/**
 * `npm start -- --insecure-local` with the real site build, on a random port, with only the given
 * Recap and Sanity settings. Resolves once the first release is live and the preview is ready.
 */
export async function startRealService(env: Record<string, string>): Promise<RunningService> {
  const {dir, file} = await copyDataset()
  const releases = join(dir, 'releases')
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SANITY_') && !key.startsWith('RECAP_')))
  const child: ChildProcess = spawn(process.execPath, ['src/server/main.ts', '--insecure-local'], {
    cwd: REPO,
    env: {
      ...clean,
      PORT: '0',
      HOST: '127.0.0.1',
      RECAP_POLL_SECONDS: '0',
      RECAP_QUIET_MS: '0',
      RECAP_DATASET: file,
      RECAP_RELEASES_DIR: releases,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const onData = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  const seen = async (pattern: RegExp, timeoutMs = 90_000): Promise<string> => {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const line = lines.find((candidate) => pattern.test(candidate))
      if (line) return line
      if (child.exitCode !== null) break
    }
    throw new Error(`no ${pattern} from the service:\n${lines.join('\n')}`)
  }
  const listening = await seen(/service\.listening/)
  const url = /url=(\S+)/.exec(listening)![1]!
  await Promise.all([seen(/release\.swapped/), env.RECAP_PREVIEW_SECRET || env.SANITY_API_READ_TOKEN ? seen(/preview\.ready/) : null])
  return {
    url,
    dir,
    dataset: file,
    releases,
    lines,
    async stop() {
      child.kill('SIGTERM')
      await exited
      await rm(dir, {recursive: true, force: true})
    },
  }
}
