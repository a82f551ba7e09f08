// Shared setup for the browser tests: one built site served over HTTP, Debian's Chromium driven by
// playwright-core, the page templates to visit, and a few measurements taken inside the page.
import {existsSync} from 'node:fs'
import {mkdir, rm} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {chromium, type Browser, type Page} from 'playwright-core'
import {readNdjson, type RawDocument} from '../../src/lib/content/ndjson.ts'
import {
  demoPath,
  dayPath,
  eventPath,
  eventsPath,
  homePath,
  photoPath,
  photosPath,
  searchPath,
  sessionPath,
  topicPath,
  topicsPath,
} from '../../core/paths.ts'
import {buildSite} from './build.ts'
import {serveDirectory, type StaticServer} from './staticServer.ts'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DATASET_FILE = join(ROOT, 'dataset/production.ndjson')
export const SCREENSHOT_DIR = join(ROOT, 'test/output/screenshots')

import {CHROMIUM, CHROMIUM_FLAGS} from '../../core/chromium.ts'

export {CHROMIUM}

/** What a newcomer without Chromium reads instead of a Playwright stack trace. */
export const missingChromium = (path: string) =>
  `The browser tests need Chromium, and there is none at ${path}: install it with "apt-get install chromium", or set CHROMIUM_PATH to a Chromium or Chrome binary.`

export async function launchBrowser(extraArgs: string[] = [], executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(missingChromium(executablePath))
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  })
}

export type Site = {dir: string; server: StaticServer; url: (path: string) => string; close: () => Promise<void>}

/** Builds the sample site into a temporary directory and serves it on 127.0.0.1. */
export async function startSite(): Promise<Site> {
  const build = await buildSite({})
  if (build.code !== 0) throw new Error(`The site did not build (exit ${build.code}):\n${build.output}`)
  const server = await serveDirectory(build.dir)
  const close = async () => {
    await server.close()
    // buildSite made <temp>/dist; remove the temporary directory with it.
    await rm(dirname(build.dir), {recursive: true, force: true})
  }
  return {dir: build.dir, server, url: server.url, close}
}

/** Starts a site and a browser together, and stops both. */
export async function startBrowserSuite(): Promise<{site: Site; browser: Browser; close: () => Promise<void>}> {
  const [built, launched] = await Promise.allSettled([startSite(), launchBrowser()])
  if (built.status === 'rejected' || launched.status === 'rejected') {
    if (built.status === 'fulfilled') await built.value.close()
    if (launched.status === 'fulfilled') await launched.value.close()
    throw built.status === 'rejected' ? built.reason : (launched as PromiseRejectedResult).reason
  }
  const site = built.value
  const browser = launched.value
  return {
    site,
    browser,
    close: async () => {
      await browser.close()
      await site.close()
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The sample content (OpenStack Summit Barcelona 2016) and one page of every template

export const EVENT = 'ossummit-barcelona-2016'

export type Template = {
  name: string
  path: string
  /** The HTTP status the page is served with. */
  status?: number
  /** What to wait for after load: the Pagefind UI, or its results for the query in the URL. */
  ready?: 'pagefind' | 'results'
}

export const TEMPLATES: Template[] = [
  {name: 'home', path: homePath()},
  {name: 'events', path: eventsPath()},
  {name: 'event', path: eventPath(EVENT)},
  {name: 'day', path: dayPath(EVENT, 2)},
  {name: 'day-without-recap', path: dayPath(EVENT, 3)},
  {name: 'session', path: sessionPath(EVENT, 'crowdstar-ironic')},
  {name: 'demo', path: demoPath(EVENT, 'cloudbase-hololens')},
  {name: 'photo-gallery', path: photosPath(EVENT)},
  {name: 'photo', path: photoPath(EVENT, 'china-telecom-slide')},
  {name: 'topics', path: topicsPath()},
  {name: 'topic', path: topicPath('bare-metal')},
  {name: 'search', path: searchPath(), ready: 'pagefind'},
  {name: 'search-results', path: `${searchPath()}?q=unikernel`, ready: 'results'},
  {name: '404', path: '/no-such-page/', status: 404},
]

let documents: Promise<RawDocument[]> | undefined

export const dataset = () => (documents ??= readNdjson(DATASET_FILE))

export async function documentById(id: string): Promise<RawDocument> {
  const found = (await dataset()).find((doc) => doc._id === id)
  if (!found) throw new Error(`${id} is not in ${DATASET_FILE}`)
  return found
}

export async function sessionTitle(slug: string): Promise<string> {
  return (await documentById(`session.${slug}`)).title as string
}

// ---------------------------------------------------------------------------------------------------------------
// Page helpers

/** Opens a site path and waits until the page and its images have loaded. */
export async function open(page: Page, url: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(url, {waitUntil: 'load'})
  if (!response) throw new Error(`No response for ${url}`)
  if (response.status() !== expectedStatus) throw new Error(`${url} answered ${response.status()}, not ${expectedStatus}`)
}

/** Opens one template's page and waits until it is ready to be looked at. */
export async function openTemplate(page: Page, site: Site, template: Template): Promise<void> {
  await open(page, site.url(template.path), template.status ?? 200)
  if (template.ready) await waitForPagefind(page)
  if (template.ready === 'results') await page.locator('#search .pagefind-ui__result-link').first().waitFor()
}

/** Loads every image now (lazy ones included) and waits until each is decoded, for screenshots. */
export async function loadAllImages(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const images = [...document.images]
    for (const image of images) image.loading = 'eager'
    await Promise.all(images.map((image) => image.decode().catch(() => undefined)))
  })
}

/** Waits until the Pagefind UI has rendered on /search/ (its own box stays hidden: the header's is used). */
export async function waitForPagefind(page: Page): Promise<void> {
  await page.locator('#search .pagefind-ui__form').waitFor({state: 'attached'})
}

export async function horizontalOverflow(page: Page): Promise<{scrollWidth: number; clientWidth: number; widest: string[]}> {
  return page.evaluate(() => {
    const root = document.documentElement
    const widest = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`)
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest}
  })
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, {recursive: true})
  return join(SCREENSHOT_DIR, `${name}.png`)
}
