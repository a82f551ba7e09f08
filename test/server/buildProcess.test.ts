import {spawn} from 'node:child_process'
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {BuildError, runBuild} from '../../src/server/buildProcess.ts'
import {buildEvents, FAKE_BUILD_COMMAND, isAlive, REPO, tempDir, waitFor, writeControl} from './helpers.ts'

let tmp: Awaited<ReturnType<typeof tempDir>>
let outDir: string
let control: string
let log: string

beforeEach(async () => {
  tmp = await tempDir()
  outDir = path.join(tmp.dir, 'out')
  control = path.join(tmp.dir, 'control.json')
  log = path.join(tmp.dir, 'build.log')
  await mkdir(outDir)
})

afterEach(() => tmp.remove())

const env = () => ({...process.env, FAKE_BUILD_CONTROL: control, FAKE_BUILD_LOG: log})

describe('runBuild', () => {
  it('runs the command with RECAP_OUT_DIR set and reports its duration', async () => {
    await writeControl(control, {pages: 2})
    const result = await runBuild({command: FAKE_BUILD_COMMAND, cwd: REPO, outDir, timeoutMs: 10_000, env: env()})
    expect(result.durationMs).toBeGreaterThan(0)
    expect((await buildEvents(log)).map((e) => [e.event, e.outDir])).toEqual([
      ['started', outDir],
      ['finished', outDir],
    ])
  })

  it('a failing build rejects with the tail of its stderr', async () => {
    await writeControl(control, {fail: 'query failed'})
    const error = await runBuild({command: FAKE_BUILD_COMMAND, cwd: REPO, outDir, timeoutMs: 10_000, env: env()}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BuildError)
    expect(error).toMatchObject({
      message: 'build command exited with code 1',
      stderrTail: 'building...\nerror: query failed',
    })
  })

  it('the webhook secrets are not passed to the build', async () => {
    const command = `"${process.execPath}" -e "console.error(process.env.SANITY_WEBHOOK_SECRET ?? 'no secret'); process.exit(3)"`
    const error = await runBuild({
      command,
      cwd: REPO,
      outDir,
      timeoutMs: 10_000,
      env: {...process.env, SANITY_WEBHOOK_SECRET: 'hush', SANITY_WEBHOOK_SECRET_PREVIOUS: 'hush2'},
    }).catch((e: unknown) => e as BuildError)
    expect(error).toMatchObject({message: 'build command exited with code 3', stderrTail: 'no secret'})
  })

  it('aborting stops the build and every process in it', async () => {
    await writeControl(control, {sleepMs: 30_000})
    const controller = new AbortController()
    const running = runBuild({
      command: FAKE_BUILD_COMMAND,
      cwd: REPO,
      outDir,
      timeoutMs: 60_000,
      env: env(),
      signal: controller.signal,
    })
    const [started] = await waitFor(() => buildEvents(log).then((events) => events.length > 0 && events), {
      what: 'the build to start',
    })
    controller.abort()
    await expect(running).rejects.toMatchObject({aborted: true, message: 'build was stopped (service shutting down)'})
    await waitFor(() => !isAlive(started!.pid), {what: 'the build process to exit', timeoutMs: 5_000})
  })

  it('a build is taken down when its service is killed with SIGKILL', async () => {
    await writeControl(control, {sleepMs: 30_000})
    const buildModule = pathToFileURL(path.join(REPO, 'src/server/buildProcess.ts')).href
    const script = `
      const { runBuild } = await import(${JSON.stringify(buildModule)});
      await runBuild({ command: ${JSON.stringify(FAKE_BUILD_COMMAND)}, cwd: ${JSON.stringify(REPO)},
        outDir: ${JSON.stringify(outDir)}, timeoutMs: 60000 });`
    const service = spawn(process.execPath, ['--input-type=module', '-e', script], {env: env(), stdio: 'ignore'})
    const [started] = await waitFor(() => buildEvents(log).then((events) => events.length > 0 && events), {
      what: 'the build to start',
    })
    service.kill('SIGKILL')
    await waitFor(() => !isAlive(started!.pid), {what: 'the orphaned build to exit'})
    expect((await buildEvents(log)).map((e) => e.event)).toEqual(['started'])
  })
})
