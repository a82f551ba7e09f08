// Runs the project's own Sanity CLI (node_modules/.bin/sanity) in studio/, the way the npm scripts do.
import {spawn} from 'node:child_process'
import {realpathSync} from 'node:fs'
import {resolve} from 'node:path'
import {ROOT, STUDIO_DIR} from '../helpers/validate.ts'

export type RunResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string}

/**
 * The environment a developer has: no Sanity project configured, no telemetry, no colours, and none of the
 * test runner's own variables (NODE_ENV=test would change how the CLI builds).
 */
export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST' || key.startsWith('SANITY_')) continue
    env[key] = value
  }
  Object.assign(env, {DO_NOT_TRACK: '1', NO_COLOR: '1', FORCE_COLOR: '0'})
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** Runs a command to completion (or until `timeoutMs`, then kills it) and collects its output. */
export function run(
  command: string,
  args: string[],
  options: {cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 110_000)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolvePromise({code, signal, stdout, stderr})
    })
  })
}

/** `sanity <args>` in studio/, with the CLI installed in the project (what `npx sanity` would run). */
export function sanity(args: string[], options: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {}): Promise<RunResult> {
  const bin = realpathSync(resolve(ROOT, 'node_modules/.bin/sanity'))
  return run(process.execPath, [bin, ...args], {cwd: STUDIO_DIR, ...options})
}

/** Output for an assertion message. */
export function transcript(result: RunResult): string {
  return [
    `exit code: ${result.code ?? result.signal}`,
    `--- stdout ---`,
    result.stdout.trim(),
    `--- stderr ---`,
    result.stderr.trim(),
  ].join('\n')
}
