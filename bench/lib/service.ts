// The rebuild service (`npm start`, i.e. node src/server/main.ts) as a child process of the bench.
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdir, readlink, rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {cleanEnv} from './process.ts'
import {RELEASE_ID, ROOT} from './paths.ts'

export type Service = {
  url: string
  child: ChildProcess
  /** Log lines so far, each with the time (Date.now()) it arrived. */
  lines: {at: number; text: string}[]
  stop(): Promise<void>
}

/** Points `current` at the bench's release in `dir`, so the service serves it without building. */
export async function linkCurrent(dir: string) {
  const link = join(dir, 'current')
  if ((await readlink(link).catch(() => null)) === RELEASE_ID) return
  await rm(link, {force: true})
  await symlink(RELEASE_ID, link)
}

export async function startService(env: Record<string, string>, {timeoutMs = 30_000} = {}): Promise<Service> {
  await mkdir(env.RECAP_RELEASES_DIR, {recursive: true})
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: cleanEnv({PORT: '0', HOST: '127.0.0.1', RECAP_POLL_SECONDS: '0', ...env}),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Service['lines'] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let rest = ''
  const onData = (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n')
    rest = parts.pop() ?? ''
    for (const text of parts) lines.push({at: Date.now(), text})
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const listening = lines.map(({text}) => / service\.listening url=(\S+)/.exec(text)).find(Boolean)
    if (listening) return {url: listening[1], child, lines, stop}
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`The rebuild service did not start:\n${lines.map(({text}) => text).join('\n')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** A service that only serves the release already in `releasesDir` (it never builds: no triggers, no poll). */
export async function serveRelease(releasesDir: string): Promise<Service> {
  await linkCurrent(releasesDir)
  return startService({
    RECAP_RELEASES_DIR: releasesDir,
    SANITY_WEBHOOK_SECRET: 'serving-only',
    RECAP_BUILD_COMMAND: 'echo "the benchmark server does not build" >&2; exit 1',
  })
}
