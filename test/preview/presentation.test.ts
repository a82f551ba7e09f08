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
const frame = () => page.locator('iframe').first().contentFrame()

beforeAll(async () => {
  const studioDir = ensurePreviewStudioBuild()
  lake = await startStudioLake({
    projectId: PLACEHOLDER_PROJECT_ID,
    dataset: 'production',
    ...(await seedFromFiles([DATASET_FILE], PLACEHOLDER_PROJECT_ID, 'production')),
  })
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
    // Both stand for HTTPS hosts in production; the Studio needs a secure context (crypto.randomUUID).
    `--unsafely-treat-insecure-origin-as-secure=http://${STUDIO_HOST},http://${PREVIEW_HOST}`,
  ])
  page = await browser.newPage({viewport: {width: 1600, height: 1000}, locale: 'en-GB'})
  page.setDefaultTimeout(20_000)
  page.on('pageerror', (error) => browserErrors.push(error.stack ?? error.message))
  page.on('console', (message) => message.type() === 'error' && browserErrors.push(message.text()))
}, 240_000)

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  await shot(page, `failure-${context.task.name.slice(0, 20).replace(/\W+/g, '-')}`)
  console.error(
    `Browser errors:\n${browserErrors.join('\n').slice(0, 4000)}\nStand-in problems: ${lake.lake.problems.join('\n') || 'none'}\nService:\n${service.lines.slice(-30).join('\n')}`,
  )
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

  it('lists the pages the session is on: its own, its event, its day and its topics', async () => {
    await page.getByRole('button', {name: /Used on 5 pages/}).click()
    const locations = [
      [PUBLISHED_TITLE, '/events/ossummit-barcelona-2016/sessions/crowdstar-ironic/'],
      ['OpenStack Summit Barcelona 2016', '/events/ossummit-barcelona-2016/'],
      ['OpenStack Summit Barcelona 2016, day 2', '/events/ossummit-barcelona-2016/day-2/'],
      ['Topic: Bare metal', '/topics/bare-metal/'],
      ['Topic: Containers', '/topics/containers/'],
    ]
    for (const [title, href] of locations) {
      const entry = page
        .locator('a, button')
        .filter({has: page.getByText(title, {exact: true})})
        .filter({has: page.getByText(href, {exact: true})})
      await entry.first().waitFor()
    }
    await shot(page, '2-locations')
  })

  it('shows an edit of the draft title in the open preview, without a reload', async () => {
    await page.getByRole('textbox', {name: 'Title'}).fill(DRAFT_TITLE)
    await frame().locator('h1', {hasText: DRAFT_TITLE}).waitFor()
    expect(lake.lake.store.get(`drafts.${SESSION_ID}`)?.title).toBe(DRAFT_TITLE)
    await shot(page, '3-draft-edited')
  })

  it('leaves the public site on the published title', async () => {
    const reader = await browser.newPage({viewport: {width: 1280, height: 800}})
    const response = await reader.goto(`http://${PREVIEW_HOST}${SESSION_PAGE}`)
    expect(response?.headers()['cache-control']).not.toContain('private')
    expect(await reader.locator('h1').innerText()).toBe(PUBLISHED_TITLE)
    await shot(reader, '4-public-site')
    await reader.close()
  })

  it('selects the document of the page the editor browses to in the preview', async () => {
    await frame().getByRole('link', {name: 'Bare metal', exact: true}).first().click()
    await frame().locator('h1', {hasText: 'Bare metal'}).waitFor()
    await expect.poll(() => page.getByRole('textbox', {name: 'Title'}).inputValue(), {timeout: 20_000}).toBe('Bare metal')
    await shot(page, '5-navigated-to-topic')
  })

  it('opens the preview of any page document from its Preview action', async () => {
    await page.goto(`http://${STUDIO_HOST}/intent/edit/id=session.keynote-multicloud;type=session/`)
    await page.getByRole('textbox', {name: 'Title'}).waitFor()
    await page.getByTestId('action-menu-button').click()
    await page.getByRole('menuitem', {name: 'Preview'}).click()
    await frame().locator('h1', {hasText: 'Day 2 keynote'}).waitFor()
    expect(new URL(page.url()).pathname).toMatch(/^\/presentation\//)
    await shot(page, '6-preview-action')
  })

  it('gives a wrong secret no preview, and says so', async () => {
    const stranger = await browser.newContext()
    const tab = await stranger.newPage()
    await tab.setViewportSize({width: 1280, height: 400})
    const response = await tab.goto(
      `http://${PREVIEW_HOST}/api/preview/enable?sanity-preview-secret=wrong&sanity-preview-pathname=${encodeURIComponent(SESSION_PAGE)}`,
    )
    expect(response?.status()).toBe(401)
    expect((await tab.locator('body').innerText()).trim()).toBe(
      'This preview link is not valid or has expired, so no preview is shown; open the preview from the Studio again.',
    )
    await shot(tab, '7-wrong-secret')
    expect(await stranger.cookies()).toEqual([])
    await tab.goto(`http://${PREVIEW_HOST}${SESSION_PAGE}`)
    expect(await tab.locator('h1').innerText()).toBe(PUBLISHED_TITLE)
    await stranger.close()
  })
})
