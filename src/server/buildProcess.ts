// Runs one site build in a child process group, with a timeout, and keeps the stderr tail
// for the error report. Never blocks the event loop.

import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const GUARD = fileURLToPath(new URL('./orphanGuard.ts', import.meta.url))

export interface BuildOptions {
  /** Shell command; it must write the site into $RECAP_OUT_DIR. */
  command: string
  cwd: string
  outDir: string
  timeoutMs: number
  signal?: AbortSignal
  env?: NodeJS.ProcessEnv
  /** Time between SIGTERM and SIGKILL when stopping a build. */
  killGraceMs?: number
  /** Bytes of stderr kept for the report. */
  tailBytes?: number
}

export interface BuildResult {
  durationMs: number
  stderrTail: string
}

export class BuildError extends Error {
  stderrTail: string
  timedOut: boolean
  aborted: boolean
  constructor(message: string, details: {stderrTail: string; timedOut?: boolean; aborted?: boolean}) {
    super(message)
    this.name = 'BuildError'
    this.stderrTail = details.stderrTail
    this.timedOut = details.timedOut ?? false
    this.aborted = details.aborted ?? false
  }
}

// The webhook secrets have no business in the build's environment (or its logs).
const WITHHELD = ['SANITY_WEBHOOK_SECRET', 'SANITY_WEBHOOK_SECRET_PREVIOUS']

export function runBuild(options: BuildOptions): Promise<BuildResult> {
  const {command, cwd, outDir, timeoutMs, signal, killGraceMs = 5_000, tailBytes = 8 * 1024} = options
  const env: NodeJS.ProcessEnv = {...(options.env ?? process.env), RECAP_OUT_DIR: outDir}
  for (const name of WITHHELD) delete env[name]

  const started = performance.now()
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new BuildError('build was stopped before it started', {stderrTail: '', aborted: true}))
      return
    }
    const child = spawn(process.execPath, [GUARD, command], {
      cwd,
      env,
      detached: true, // own process group, so the whole build can be signalled at once
      stdio: ['pipe', 'ignore', 'pipe'],
    })
    let tail = Buffer.alloc(0)
    let timedOut = false
    let aborted = false
    let killTimer: ReturnType<typeof setTimeout> | undefined

    child.stderr?.on('data', (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk])
      if (tail.length > tailBytes) tail = tail.subarray(tail.length - tailBytes)
    })
    // Our end of the guard's stdin stays open; its closing is the guard's "service died" signal.
    child.stdin?.on('error', () => {})

    const stop = (): void => {
      signalGroup(child.pid, 'SIGTERM')
      killTimer ??= setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killGraceMs)
    }
    const timeout = setTimeout(() => {
      timedOut = true
      stop()
    }, timeoutMs)
    const onAbort = (): void => {
      aborted = true
      stop()
    }
    signal?.addEventListener('abort', onAbort, {once: true})

    let spawnError: Error | null = null
    child.on('error', (error) => {
      spawnError = error
    })
    child.on('close', (code, exitSignal) => {
      clearTimeout(timeout)
      clearTimeout(killTimer)
      signal?.removeEventListener('abort', onAbort)
      child.stdin?.destroy()
      const stderrTail = lastLines(tail.toString('utf8'), 30)
      if (code === 0 && !timedOut && !aborted) {
        resolve({durationMs: Math.round(performance.now() - started), stderrTail})
        return
      }
      const message = spawnError
        ? `could not start the build: ${spawnError.message}`
        : timedOut
          ? `build timed out after ${timeoutMs} ms (RECAP_BUILD_TIMEOUT_MS)`
          : aborted
            ? 'build was stopped (service shutting down)'
            : code !== null
              ? `build command exited with code ${code}`
              : `build command was killed by ${exitSignal}`
      reject(new BuildError(message, {stderrTail, timedOut, aborted}))
    })
  })
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

function lastLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n')
  return lines.slice(-count).join('\n')
}
