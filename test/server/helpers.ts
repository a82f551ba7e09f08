// Shared helpers for the rebuild service's tests: temp dirs, the fake builder, signed
// deliveries made by @sanity/webhook itself, and the service as a child process.

import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {encodeSignatureHeader} from '@sanity/webhook'

export const REPO = fileURLToPath(new URL('../../', import.meta.url))
export const FAKE_BUILD = path.join(REPO, 'test/fixtures/server/fake-build.ts')
export const FAKE_CONTENT_HOOKS = path.join(REPO, 'test/fixtures/server/fake-content-hooks.ts')
export const MAIN = path.join(REPO, 'src/server/main.ts')
export const ROLLBACK = path.join(REPO, 'src/server/rollback.ts')
export const FAKE_BUILD_COMMAND = `"${process.execPath}" "${FAKE_BUILD}"`

export async function tempDir(prefix = 'recap-server-'): Promise<{dir: string; remove(): Promise<void>}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  return {dir, remove: () => rm(dir, {recursive: true, force: true})}
}

export interface FakeControl {
  pages?: number
  sleepMs?: number
  fail?: string
  noIndex?: boolean
  label?: string
  leftOut?: unknown[]
}

export function writeControl(file: string, control: FakeControl): Promise<void> {
  return writeFile(file, JSON.stringify(control))
}

export interface FakeBuildEvent {
  event: 'started' | 'finished' | 'failed'
  pid: number
  outDir: string
  label: string
  at: number
}

export async function buildEvents(file: string): Promise<FakeBuildEvent[]> {
  try {
    const text = await readFile(file, 'utf8')
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeBuildEvent)
  } catch {
    return []
  }
}

export async function signedDelivery(
  body: string,
  secret: string,
  timestamp = Date.now(),
): Promise<{body: string; headers: Record<string, string>}> {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, timestamp, secret),
    },
  }
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  {timeoutMs = 15_000, intervalMs = 20, what = 'condition'} = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

export interface ServiceProcess {
  child: ChildProcess
  url: string
  lines: string[]
  exited: Promise<number | null>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Runs `node src/server/main.ts` with the fake content module; resolves once it listens. */
export async function startServiceProcess(env: Record<string, string>, args: string[] = []): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', FAKE_CONTENT_HOOKS, MAIN, ...args], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      RECAP_BUILD_COMMAND: FAKE_BUILD_COMMAND,
      RECAP_POLL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  let buffered = ''
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('utf8')
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    lines.push(...parts)
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  // 'close' rather than 'exit': by then all output has been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  let exitCode: number | null | undefined
  void exited.then((code) => {
    exitCode = code
  })

  const url = await waitFor(
    () => {
      if (exitCode !== undefined) throw new Error(`service exited (${exitCode}):\n${lines.join('\n')}`)
      const line = lines.find((l) => l.includes('service.listening'))
      return line ? /url=(\S+)/.exec(line)?.[1] : undefined
    },
    {what: 'the service to listen'},
  )
  return {
    child,
    url,
    lines,
    exited,
    async stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal)
      return exited
    },
  }
}

/** True while `pid` runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return !existsSync('/proc/self/stat')
  }
}
