// The production Studio build, served on loopback and driven in Chromium against the Content Lake stand-in.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser, Page} from 'playwright-core'
import {PLACEHOLDER_PROJECT_ID} from '../../studio/env.ts'
import {launchBrowser, ROOT, screenshotPath} from './browser.ts'
import {seedFromFiles, startStudioLake, type RunningStudioLake} from './contentLake.ts'
import type {StudioLake} from './lake/handler.ts'
import {serveDirectory, type StaticServer} from './staticServer.ts'

export const STUDIO_DIST = join(ROOT, 'studio/dist')
const SOURCES = ['studio', 'schemas', 'src/lib', 'package-lock.json']

function newestChange(path: string): number {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(
    info.mtimeMs,
    ...readdirSync(path)
      .filter((name) => name !== 'dist' && name !== 'node_modules' && !name.startsWith('.'))
      .map((name) => newestChange(join(path, name))),
  )
}

/** Runs `npm run studio:build` unless studio/dist is newer than everything it is built from. */
export function ensureStudioBuild(): void {
  const index = join(STUDIO_DIST, 'index.html')
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...SOURCES.map((source) => newestChange(join(ROOT, source))))) return
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && !key.startsWith('SANITY_')),
  )
  const result = spawnSync('npm', ['run', 'studio:build'], {cwd: ROOT, env: {...env, DO_NOT_TRACK: '1', NO_COLOR: '1'}, encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`The Studio did not build (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
}

export type StudioSession = {
  lake: StudioLake
  studio: StaticServer
  browser: Browser
  page: Page
  /** Opens a Studio path and waits until the Studio has drawn its navigation. */
  open(path: string): Promise<void>
  /** Goes to a Studio path inside the running Studio, as its own links do: no reload. */
  navigate(path: string): Promise<void>
  /** Saves test/output/screenshots/studio-<name>.png. */
  shot(name: string): Promise<void>
  close(): Promise<void>
}

/** One Studio, one stand-in seeded from the NDJSON files, one browser page that reaches Sanity only through it. */
export async function startStudio(seedFiles: string[]): Promise<StudioSession> {
  ensureStudioBuild()
  const seed = await seedFromFiles(seedFiles, PLACEHOLDER_PROJECT_ID, 'production')
  const running: RunningStudioLake = await startStudioLake({projectId: PLACEHOLDER_PROJECT_ID, dataset: 'production', ...seed})
  const studio = await serveDirectory(STUDIO_DIST, {fallback: 'index.html'})
  const browser = await launchBrowser([`--host-resolver-rules=${running.hostResolverRules}`, '--ignore-certificate-errors'])
  const page = await browser.newPage({viewport: {width: 1440, height: 1000}, timezoneId: 'America/New_York', locale: 'en-GB'})
  page.setDefaultTimeout(15_000)
  const session: StudioSession = {
    lake: running.lake,
    studio,
    browser,
    page,
    async open(path) {
      await page.goto(studio.url(path))
      await page.getByRole('link', {name: 'Structure'}).waitFor()
    },
    async navigate(path) {
      if (!page.url().startsWith(studio.origin)) return session.open(path)
      await page.evaluate((target) => {
        history.pushState(null, '', target)
        dispatchEvent(new PopStateEvent('popstate'))
      }, path)
    },
    async shot(name) {
      await page.screenshot({path: await screenshotPath(`studio-${name}`)})
    },
    async close() {
      await browser.close()
      await Promise.all([running.close(), studio.close()])
    },
  }
  return session
}
