import type {Page} from 'playwright-core'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {dayPath, eventPath, homePath, photoPath, searchPath, sessionPath} from '../../core/paths.ts'
import {documentById, EVENT, open, openTemplate, sessionTitle, startBrowserSuite, TEMPLATES, waitForPagefind} from '../helpers/browser.ts'

let suite: Awaited<ReturnType<typeof startBrowserSuite>>

beforeAll(async () => {
  suite = await startBrowserSuite()
})

afterAll(async () => {
  await suite?.close()
})

test('a reader goes from home to event to day to session to photo, and back via search', async () => {
  const {site, browser} = suite
  const event = await documentById(`event.${EVENT}`)
  const day2 = (event.days as {label: string}[])[1]
  const crowdstar = await sessionTitle('crowdstar-ironic')
  const unikernels = await sessionTitle('mikelangelo-unikernels')
  const photo = await documentById('photo.crowdstar-ironic-card')

  const context = await browser.newContext({viewport: {width: 1280, height: 800}})
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await open(page, site.url(homePath()))

    // Home → event, through the events list.
    await page
      .locator('section[aria-labelledby="events"]')
      .getByRole('link', {name: event.title as string, exact: true})
      .click()
    await page.waitForURL(site.url(eventPath(EVENT)))
    await expect.poll(() => page.locator('h1').innerText()).toBe(event.title)

    // Event → day 2, from the programme.
    await page.getByRole('link', {name: day2.label, exact: true}).click()
    await page.waitForURL(site.url(dayPath(EVENT, 2)))
    expect(await page.locator('h1').innerText()).toBe(day2.label)

    // Day → session, from the day's agenda.
    await page.getByRole('main').getByRole('link', {name: crowdstar, exact: true}).first().click()
    await page.waitForURL(site.url(sessionPath(EVENT, 'crowdstar-ironic')))
    expect(await page.locator('h1').innerText()).toBe(crowdstar)

    // Session → one of its photos, shown large and actually loaded.
    await page
      .locator(`main a[href="${photoPath(EVENT, 'crowdstar-ironic-card')}"]`)
      .first()
      .click()
    await page.waitForURL(site.url(photoPath(EVENT, 'crowdstar-ironic-card')))
    // Titled by its short title, with the caption below it.
    expect(await page.locator('h1').innerText()).toBe(photo.title)
    expect(await page.locator('figure.photo figcaption').innerText()).toContain(photo.caption as string)
    const big = page.locator('figure.photo img')
    await expect.poll(() => big.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
    expect(await big.getAttribute('alt')).toBe(photo.alt)

    // Back out through the header search form.
    const search = page.getByRole('search').getByRole('searchbox', {name: 'Search sessions, demos, photos and topics'})
    await search.click()
    await search.fill('MIKELANGELO')
    await search.press('Enter')
    await page.waitForURL(`${site.url(searchPath())}?q=MIKELANGELO`)
    await waitForPagefind(page)
    // The header's box, the page's only visible search box, holds the query.
    expect(await page.locator('#site-search').inputValue()).toBe('MIKELANGELO')
    const result = page.locator(
      `#search .pagefind-ui__result-title > a.pagefind-ui__result-link[href="${sessionPath(EVENT, 'mikelangelo-unikernels')}"]`,
    )
    await result.first().click()
    await page.waitForURL(site.url(sessionPath(EVENT, 'mikelangelo-unikernels')))
    expect(await page.locator('h1').innerText()).toBe(unikernels)

    expect(errors, 'uncaught errors in the pages').toEqual([])
  } finally {
    await context.close()
  }
})

type Focused = {
  description: string
  tag: string
  id: string
  text: string
  href: string | null
  /** Inside the event page's programme (the agenda). */
  inAgenda: boolean
  /** Matches a given selector (passed in). */
  matches: boolean
  indicator: string | null
  rect: {top: number; bottom: number; left: number; right: number; width: number; height: number}
  viewport: {width: number; height: number}
}

/** What has keyboard focus, whether a focus indicator is drawn for it, and where it is on screen. */
function focused(page: Page, selector = ':not(*)'): Promise<Focused> {
  return page.evaluate((selector) => {
    const element = document.activeElement as HTMLElement
    const visibleOutline = (style: CSSStyleDeclaration) =>
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== 'rgba(0, 0, 0, 0)'
    const visibleShadow = (style: CSSStyleDeclaration) => style.boxShadow !== 'none' && style.boxShadow !== ''
    let indicator: string | null = null
    const own = getComputedStyle(element)
    if (visibleOutline(own)) indicator = `outline ${own.outlineStyle} ${own.outlineWidth} ${own.outlineColor}`
    else if (visibleShadow(own)) indicator = `box-shadow ${own.boxShadow}`
    else {
      // A card may draw the ring around itself (:focus-within) instead of around its title link.
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (!parent.matches(':focus-within')) break
        const style = getComputedStyle(parent)
        if (visibleOutline(style)) {
          indicator = `outline on ${parent.tagName.toLowerCase()}.${parent.className}`
          break
        }
      }
    }
    const box = element.getBoundingClientRect()
    const text = (
      element.innerText ||
      element.getAttribute('aria-label') ||
      element.getAttribute('title') ||
      element.querySelector('img')?.alt ||
      ''
    ).trim()
    return {
      description: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${text.slice(0, 60)}"${
        element.getAttribute('href') ? ` → ${element.getAttribute('href')}` : ''
      }`,
      tag: element.tagName.toLowerCase(),
      id: element.id,
      text,
      href: element.getAttribute('href'),
      inAgenda: Boolean(element.closest('.event-agenda')),
      matches: element.matches(selector),
      indicator,
      rect: {top: box.top, bottom: box.bottom, left: box.left, right: box.right, width: box.width, height: box.height},
      viewport: {width: window.innerWidth, height: window.innerHeight},
    }
  }, selector)
}

// Chrome's scroll-into-view on focus can leave a box a pixel or so past the edge (sub-pixel layout).
const SLACK = 2

/** Problems with how a focused element is shown: no focus ring, or not (fully) on screen. */
function problems(item: Focused): string[] {
  const found: string[] = []
  if (!item.indicator) found.push(`${item.description} has no visible focus indicator`)
  const {rect, viewport} = item
  const onScreen =
    rect.width > 0 &&
    rect.height > 0 &&
    rect.top >= -SLACK &&
    rect.left >= -SLACK &&
    rect.bottom <= viewport.height + SLACK &&
    rect.right <= viewport.width + SLACK
  if (!onScreen) found.push(`${item.description} is outside the viewport after focusing: ${JSON.stringify(rect)}`)
  return found
}

test('keyboard-only navigation works', async () => {
  const {site, browser} = suite
  for (const viewport of [
    {width: 1280, height: 800},
    {width: 375, height: 740},
  ]) {
    const context = await browser.newContext({viewport})
    const page = await context.newPage()
    try {
      await open(page, site.url(eventPath(EVENT)))

      // Every stop in the page's whole tab order, header and footer included, shows a focus indicator on screen.
      const everyStop: string[] = []
      const everyIssue: string[] = []
      for (let presses = 0; presses < 200; presses++) {
        await page.keyboard.press('Tab')
        const item = await focused(page)
        if (item.tag === 'body' || (presses > 0 && item.href === '#content')) break
        everyStop.push(item.description)
        everyIssue.push(...problems(item))
      }
      expect(everyStop.length).toBeGreaterThan(10)
      expect(everyIssue, `at ${viewport.width}px`).toEqual([])

      // From the top again: the first Tab reaches the skip link, which shows itself.
      await open(page, site.url(eventPath(EVENT)))
      await page.keyboard.press('Tab')
      const skip = await focused(page)
      expect(skip.text).toBe('Skip to content')
      expect(skip.href).toBe('#content')
      expect(problems(skip)).toEqual([])

      // Enter moves focus to the main content.
      await page.keyboard.press('Enter')
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('content')
      expect(new URL(page.url()).hash).toBe('#content')
      expect(await page.locator('.skip-link').evaluate((link) => link.getBoundingClientRect().bottom)).toBeLessThanOrEqual(0)

      // Tab through the page to the first session in the programme; every stop must show where focus is.
      const visited: string[] = []
      const issues: string[] = []
      let target: Focused | null = null
      for (let presses = 0; presses < 60 && !target; presses++) {
        await page.keyboard.press('Tab')
        const item = await focused(page)
        visited.push(item.description)
        issues.push(...problems(item))
        if (item.inAgenda && item.href?.includes('/sessions/')) target = item
      }
      expect(issues, `at ${viewport.width}px, after: ${visited.join(', ')}`).toEqual([])
      expect(target, `no agenda session link reached with Tab; focus went to: ${visited.join(', ')}`).not.toBeNull()

      // Enter follows the link.
      await page.keyboard.press('Enter')
      await page.waitForURL(site.url(target!.href!))
      const slug = target!.href!.split('/').filter(Boolean).at(-1)
      const session = await documentById(`session.${slug}`)
      expect(await page.locator('h1').innerText()).toBe(session.title)
    } finally {
      await context.close()
    }
  }

  // The search box (the header's) can be reached and used with the keyboard alone on the search page.
  const context = await browser.newContext({viewport: {width: 1280, height: 800}})
  const page = await context.newPage()
  try {
    await open(page, site.url(searchPath()))
    await waitForPagefind(page)
    const box = '#site-search'
    const visited: string[] = []
    let reached: Focused | null = null
    for (let presses = 0; presses < 20 && !reached; presses++) {
      await page.keyboard.press('Tab')
      const item = await focused(page, box)
      visited.push(item.description)
      if (item.matches) reached = item
    }
    expect(reached, `the search box not reached with Tab; focus went to: ${visited.join(', ')}`).not.toBeNull()
    expect(problems(reached!)).toEqual([])

    await page.keyboard.type('unikernel')
    await page.locator('#search .pagefind-ui__result-link').first().waitFor()
    let result: Focused | null = null
    for (let presses = 0; presses < 5 && !result; presses++) {
      await page.keyboard.press('Tab')
      const item = await focused(page, '#search .pagefind-ui__result-link')
      if (item.matches) result = item
    }
    expect(result, 'no search result reached with Tab').not.toBeNull()
    expect(problems(result!)).toEqual([])
    await page.keyboard.press('Enter')
    await page.waitForURL(site.url(result!.href!))
  } finally {
    await context.close()
  }
})

/** Script requests a page makes from now on: by resource type or by a .js/.mjs address. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = []
  page.on('request', (request) => {
    const {pathname} = new URL(request.url())
    if (request.resourceType() === 'script' || /\.m?js$/i.test(pathname)) scripts.push(pathname)
  })
  return scripts
}

const scriptElements = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('script')].map((script) => ({type: script.type, src: script.getAttribute('src')})))

// Everything but search is plain HTML and CSS; the event, day and session pages matter most.
const CONTENT = TEMPLATES.filter((template) => !template.ready)

test('content pages load no JavaScript', async () => {
  expect(CONTENT.map((template) => template.name)).toEqual(expect.arrayContaining(['event', 'day', 'session']))
  const {site, browser} = suite
  const context = await browser.newContext()
  const page = await context.newPage()
  const requested = recordScripts(page)
  const found: string[] = []
  try {
    for (const template of CONTENT) {
      requested.length = 0
      await openTemplate(page, site, template)
      for (const path of requested) found.push(`${template.name}: requested ${path}`)
      for (const script of await scriptElements(page)) {
        if (script.type !== 'application/ld+json') found.push(`${template.name}: <script type="${script.type}" src="${script.src}">`)
      }
    }
  } finally {
    await context.close()
  }
  expect(found, found.join('\n')).toEqual([])
})

test("the search page loads Pagefind's script and nothing else", async () => {
  const {site, browser} = suite
  const context = await browser.newContext()
  const page = await context.newPage()
  const requested = recordScripts(page)
  const loaded: {path: string; status: number}[] = []
  page.on('response', (response) => {
    const {pathname} = new URL(response.url())
    if (pathname.startsWith('/pagefind/')) loaded.push({path: pathname, status: response.status()})
  })
  try {
    await page.goto(`${site.url(searchPath())}?q=unikernel`, {waitUntil: 'load'})
    await waitForPagefind(page)
    await page.locator('#search .pagefind-ui__result-link').first().waitFor()
    expect(requested[0]).toBe('/pagefind/pagefind-ui.js')
    expect(
      requested.every((path) => path.startsWith('/pagefind/')),
      requested.join(', '),
    ).toBe(true)
    const external = (await scriptElements(page)).filter((script) => script.src)
    expect(external).toEqual([{type: '', src: '/pagefind/pagefind-ui.js'}])
    // Pagefind's own files (its entry, wasm and index chunks) are all served.
    expect(loaded.filter((file) => file.status !== 200)).toEqual([])
    expect(loaded.map((file) => file.path)).toEqual(
      expect.arrayContaining(['/pagefind/pagefind-ui.js', '/pagefind/pagefind.js', '/pagefind/pagefind-entry.json']),
    )
    expect(loaded.some((file) => file.path.endsWith('.pagefind') || file.path.endsWith('.wasm'))).toBe(true)
  } finally {
    await context.close()
  }
})
