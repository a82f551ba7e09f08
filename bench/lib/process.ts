// Runs a child process, timing it and keeping its output with the time each line arrived.
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {MAXRSS_HOOK, OUTPUT, ROOT} from './paths.ts'

export type Line = {
  /** ms after the start */
  at: number
  text: string
  /** The child's CPU time so far (user and system, all its threads), on phase lines only (Linux). */
  cpuMs?: number
}
export type Run = {code: number | null; ms: number; maxRssKb: number | null; lines: Line[]; log: string}

const ANSI = /\u001b\[[0-9;]*m/g
// Lines where Astro starts or ends a phase: the CPU time is read there, to tell how many cores a phase kept busy.
const PHASE_LINE = /generating|Completed in|Complete!/

/** User and system CPU time of a process, in ms, from /proc (null where there is none). */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    // After the command name in parentheses, which may itself hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime, fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** The bench's own environment without any Recap or Sanity settings, so none leak into a measurement. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SANITY_|RECAP_|BENCH_)/.test(key)))
  return {...env, ASTRO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', SANITY_TELEMETRY_DISABLED: '1', ...extra}
}

/**
 * Runs `node --import bench/maxrss.ts <args>` and returns its wall time, peak memory and output.
 * The full output is also written to bench/output/logs/<label>.log for later reading.
 */
export async function runNode(label: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Run> {
  const logs = join(OUTPUT, 'logs')
  await mkdir(logs, {recursive: true})
  const rssFile = join(logs, `${label}.maxrss`)
  await rm(rssFile, {force: true})
  const lines: Line[] = []
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', MAXRSS_HOOK, ...args], {
    cwd,
    env: {...env, BENCH_MAXRSS_FILE: rssFile},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = ''
    stream.on('data', (chunk: Buffer) => {
      const at = performance.now() - started
      const parts = (rest + chunk.toString('utf8')).split('\n')
      rest = parts.pop() ?? ''
      for (const raw of parts) {
        const text = raw.replace(ANSI, '')
        const cpuMs = PHASE_LINE.test(text) ? cpuMsOf(child.pid) : null
        lines.push(cpuMs === null ? {at, text} : {at, text, cpuMs})
      }
    })
    stream.on('end', () => rest && lines.push({at: performance.now() - started, text: rest.replace(ANSI, '')}))
  }
  collect(child.stdout!)
  collect(child.stderr!)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode) => resolve(exitCode))
  })
  const ms = performance.now() - started
  const log = lines.map((line) => `${(line.at / 1000).toFixed(3).padStart(9)}s ${line.text}`).join('\n')
  await writeFile(join(logs, `${label}.log`), `${log}\n`)
  const maxRssKb = Number((await readFile(rssFile, 'utf8').catch(() => '')).trim()) || null
  return {code, ms, maxRssKb, lines, log}
}

/** The last lines of a run's output, for an error message. */
export const tail = (run: Run, count = 25) =>
  run.lines
    .slice(-count)
    .map((line) => line.text)
    .join('\n')
