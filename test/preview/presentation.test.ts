// The editor's journey through the draft preview, in Chromium, with the production Studio against the
// Content Lake stand-in and `npm start` reading the same stand-in as its Sanity project.
import type {Browser, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {PLACEHOLDER_PROJECT_ID} from '../../studio/env.ts'
import {DATASET_FILE, launchBrowser, screenshotPath} from '../helpers/browser.ts'
import {seedFromFiles, startStudioLake, type RunningStudioLake} from '../helpers/contentLake.ts'
import {acceptPreviewSecrets, serveLakeOverHttp, type LakeOverHttp} from '../helpers/previewLake.ts'
import {startRealService, type RunningService} from '../helpers/previewService.ts'
import {ensurePreviewStudioBuild, PREVIEW_HOST, STUDIO_HOST} from '../helpers/previewStudio.ts'
import {serveDirectory, type StaticServer} from '../helpers/staticServer.ts'

const SESSION_ID = 'session.crowdstar-ironic'
const SESSION_PAGE = '/events/ossummit-barcelona-2016/sessions/crowdstar-ironic/'
const PUBLISHED_TITLE = 'Crowdstar on Ironic: bare metal alongside containers'
const DRAFT_TITLE = 'Crowdstar on Ironic: 60% cheaper on bare metal'

let lake: RunningStudioLake
let lakeOverHttp: LakeOverHttp
let service: RunningService
let studio: StaticServer
let browser: Browser
let page: Page
const browserErrors: string[] = []

const port = (url: string) => new URL(url).port
const shot = async (target: Page, name: string) => target.screenshot({path: await screenshotPath(`preview-${name}`)})
const frame = () => page.frameLocator('iframe').first()

beforeAll(async () => {
  const studioDir = ensurePreviewStudioBuild()
  lake = await startStudioLake({projectId: PLACEHOLDER_PROJECT_ID, dataset: 'production', ...(await seedFromFiles([DATASET_FILE], PLACEHOLDER_PROJECT_ID, 'production'))})
  acceptPreviewSecrets(lake.lake)
  lakeOverHttp = await serveLakeOverHttp(lake.lake, PLACEHOLDER_PROJECT_ID)
  service = await startRealService({
    SANITY_PROJECT_ID: PLACEHOLDER_PROJECT_ID,
    SANITY_DATASET: 'production',
    SANITY_API_READ_TOKEN: 'stand-in-read-token',
    SANITY_API_HOST: lakeOverHttp.url,
  })
  studio = await serveDirectory(studioDir, {fallback: 'index.html'})
  browser = await launchBrowser([
    `--host-resolver-rules=${lake.hostResolverRules}, MAP ${STUDIO_HOST} 127.0.0.1:${port(studio.origin)}, MAP ${PREVIEW_HOST} 127.0.0.1:${port(service.url)}`,
    '--ignore-certificate-errors',
  ])
  page = await browser.newPage({viewport: {width: 1600, height: 1000}, locale: 'en-GB'})
  page.setDefaultTimeout(20_000)
  page.on('pageerror', (error) => browserErrors.push(error.stack ?? error.message))
  page.on('console', (message) => message.type() === 'error' && browserErrors.push(message.text()))
}, 240_000)

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  await shot(page, 'failure')
  console.error(`Browser errors:\n${browserErrors.join('\n').slice(0, 4000)}\nStand-in problems: ${lake.lake.problems.join('\n') || 'none'}\nService:\n${service.lines.slice(-30).join('\n')}`)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([studio?.close(), service?.stop()])
  await lakeOverHttp?.close()
  await lake?.close()
})

describe('previewing a draft from the Studio', () => {
  it('opens Presentation on a session: the preview shows its page and the form opens its document', async () => {
    await page.goto(`http://${STUDIO_HOST}/presentation?preview=${encodeURIComponent(SESSION_PAGE)}`)
    await frame().locator('h1', {hasText: PUBLISHED_TITLE}).waitFor()
    // Browsing to the page selected its document: the form beside it is the session's.
    await page.getByRole('textbox', {name: 'Title'}).waitFor()
    expect(await page.getByRole('textbox', {name: 'Title'}).inputValue()).toBe(PUBLISHED_TITLE)
    await shot(page, '1-presentation')
  })
})
