// A newcomer's first ten minutes: an old Node stops `npm install` at once with what to do, the lock file
// stays as committed, and the browser tests without Chromium say what to install.
import {execFileSync, spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {launchBrowser, missingChromium} from '../helpers/browser.ts'
import {ROOT} from '../helpers/validate.ts'

/** A folder holding only what `npm install` reads: package.json, the lock file and .npmrc. */
function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recap-newcomer-'))
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(ROOT, file), join(dir, file))
  return dir
}

/** npm's own script, to run it under a Node that reports an older version. */
function npmCli(): string {
  const fromEnv = process.env.npm_execpath
  if (fromEnv?.endsWith('npm-cli.js')) return fromEnv
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], {encoding: 'utf8'}).trim())
}

function expectStoppedAtOnce(result: ReturnType<typeof spawnSync>, dir: string, version: string) {
  const output = `${result.stdout}${result.stderr}`
  expect(result.status, output).not.toBe(0)
  expect(output).toContain('EBADENGINE')
  expect(output).toContain(`"node":"v${version}"`)
  expect(output).toContain(
    'Recap needs Node 22.18 or newer (24 recommended). Without a version manager: npm install --prefix ~/.cache/node24 node@24',
  )
  expect(readdirSync(dir)).not.toContain('node_modules')
}

describe('npm install on an old Node', () => {
  it('stops at once, naming the version found, the version needed and how to get Node 24', () => {
    const dir = cleanCopy()
    const preload = join(dir, 'old-node.cjs')
    writeFileSync(
      preload,
      "Object.defineProperty(process, 'version', {value: 'v20.20.2'}); Object.defineProperty(process.versions, 'node', {value: '20.20.2'})\n",
    )
    const result = spawnSync(process.execPath, ['--require', preload, npmCli(), 'install', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expectStoppedAtOnce(result, dir, '20.20.2')
  })

  // Debian's own Node, where the machine has an old one, is the real thing.
  const systemNode = '/usr/bin/node'
  const systemVersion = existsSync(systemNode) ? execFileSync(systemNode, ['--version'], {encoding: 'utf8'}).trim().slice(1) : null
  const old = systemVersion !== null && Number(systemVersion.split('.')[0]) < 22
  it.runIf(old)(`stops at once under ${systemNode} (v${systemVersion})`, () => {
    const dir = cleanCopy()
    const result = spawnSync(systemNode, [npmCli(), 'install', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expectStoppedAtOnce(result, dir, systemVersion!)
  })
})

describe('a clean clone', () => {
  it('keeps package-lock.json exactly as committed when npm resolves the dependencies', () => {
    const dir = cleanCopy()
    const result = spawnSync(
      process.execPath,
      [npmCli(), 'install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
      {cwd: dir, encoding: 'utf8', timeout: 120_000},
    )
    expect(result.status, result.stderr).toBe(0)
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
  }, 150_000)
})

describe('the browser tests without Chromium', () => {
  it('fail with a sentence saying what to install, not a Playwright stack trace', async () => {
    await expect(launchBrowser([], '/nonexistent/chromium')).rejects.toThrow(missingChromium('/nonexistent/chromium'))
    expect(missingChromium('/x')).toContain('apt-get install chromium')
    expect(missingChromium('/x')).toContain('CHROMIUM_PATH')
  })
})
