// The reader's site as designed: the programme with JavaScript switched off (filter links by kind and
// topic, the Crowdstar segment inside its keynote, approximate times, a calendar link on every row, the
// uncovered days in one line), photos that look like photos, and search that finds photos and topics.
import {afterAll, beforeAll, expect, test} from 'vitest'
import {eventPath, photoPath, photosPath, searchPath, sessionCalendarPath, sessionPath, topicPath} from '../../core/paths.ts'
import {dataset, documentById, EVENT, loadAllImages, open, startBrowserSuite, waitForPagefind} from '../helpers/browser.ts'

let suite: Awaited<ReturnType<typeof startBrowserSuite>>

beforeAll(async () => {
  suite = await startBrowserSuite()
})

afterAll(async () => {
  await suite?.close()
})

async function programmePage() {
  const context = await suite.browser.newContext({viewport: {width: 1280, height: 900}, javaScriptEnabled: false})
  const page = await context.newPage()
  await open(page, suite.site.url(eventPath(EVENT)))
  return {page, close: () => context.close()}
}

const visibleKinds = (page: import('playwright-core').Page) =>
  page.locator('.event-agenda .row:visible').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')))

test('filter links by kind and by topic work without JavaScript, and "Everything" undoes them', async () => {
  const published = (await dataset()).filter((doc) => doc._type === 'session' && !doc._id.startsWith('drafts.'))
  const {page, close} = await programmePage()
  try {
    expect(await visibleKinds(page)).toHaveLength(published.length)

    await page.getByRole('navigation', {name: 'Filter the programme'}).getByRole('link', {name: 'Talk', exact: true}).click()
    expect(new URL(page.url()).hash).toBe('#only-talk')
    const talks = published.filter((doc) => doc.kind === 'talk').length
    expect(await visibleKinds(page)).toEqual(Array(talks).fill('talk'))

    await page.getByRole('link', {name: 'Bare metal', exact: true}).click()
    const bareMetal = published.filter((doc) => JSON.stringify(doc.topics ?? []).includes('topic.bare-metal'))
    expect(bareMetal.length).toBeGreaterThan(0)
    const shown = await page
      .locator('.event-agenda .row:visible .title a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
    expect(shown.sort()).toEqual(bareMetal.map((doc) => sessionPath(EVENT, (doc.slug as {current: string}).current)).sort())

    await page.getByRole('link', {name: 'Everything', exact: true}).first().click()
    expect(await visibleKinds(page)).toHaveLength(published.length)
  } finally {
    await close()
  }
})

test('the Crowdstar segment sits inside the keynote row; approximate times show ≈; every row has a calendar link', async () => {
  const {page, close} = await programmePage()
  try {
    const keynoteRow = page.locator('.event-agenda .agenda > .row', {
      has: page.locator(`a[href="${sessionPath(EVENT, 'keynote-multicloud')}"]`),
    })
    await expect.poll(() => keynoteRow.count()).toBe(1)
    expect(await keynoteRow.locator(`.segments a[href="${sessionPath(EVENT, 'crowdstar-ironic')}"]`).count()).toBe(1)
    // Not also listed as a slot of its own.
    expect(
      await page.locator(`.event-agenda .agenda > .row > .what > .title a[href="${sessionPath(EVENT, 'crowdstar-ironic')}"]`).count(),
    ).toBe(0)

    expect(await keynoteRow.locator('.when').first().innerText()).toMatch(/^≈\s*(about\s*)?09:00–10:30/)

    const rows = await page.locator('.event-agenda .row').evaluateAll((items) =>
      items.map((row) => ({
        session: row.querySelector(':scope > .what > .title a')?.getAttribute('href'),
        calendar: row.querySelector(':scope > a.ics')?.getAttribute('href'),
      })),
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.calendar).toBe(row.session!.replace(/\/$/, '/calendar.ics'))
    expect(rows.some((row) => row.calendar === sessionCalendarPath(EVENT, 'crowdstar-ironic'))).toBe(true)
  } finally {
    await close()
  }
})

test('days without coverage are one line, not a section each', async () => {
  const {page, close} = await programmePage()
  try {
    const line = page.locator('.event-agenda .uncovered')
    expect(await line.count()).toBe(1)
    expect(await line.innerText()).toMatch(/^Not covered: Day 1 .*, Day 3 .* and Day 4 .*\.$/)
    expect(await page.locator('.event-agenda section.day').count()).toBe(1)
  } finally {
    await close()
  }
})

test('a photo page is titled by its short title, labelled by its kind, and credits the maker once', async () => {
  const photo = await documentById('photo.china-telecom-slide')
  const context = await suite.browser.newContext({viewport: {width: 1280, height: 900}})
  const page = await context.newPage()
  try {
    await open(page, suite.site.url(photoPath(EVENT, 'china-telecom-slide')))
    expect(await page.locator('h1').innerText()).toBe(photo.title)
    const main = (await page.locator('main').textContent()) ?? ''
    expect(main).toContain(photo.caption as string)
    expect(main).toMatch(/Illustration 1 of \d/)
    expect(main).not.toMatch(/\bTaken\b|Photo 1 of/)
    expect(main.split(photo.credit as string).length - 1).toBe(1)
  } finally {
    await context.close()
  }
})

test('gallery rows are justified, strips are cropped tiles, a lone session photo is large, and dark mode dims pictures', async () => {
  const context = await suite.browser.newContext({viewport: {width: 1280, height: 900}, colorScheme: 'dark'})
  const page = await context.newPage()
  try {
    await open(page, suite.site.url(photosPath(EVENT)))
    await loadAllImages(page)
    const boxes = await page.locator('.gallery img').evaluateAll((images) =>
      images.map((image) => {
        const box = image.getBoundingClientRect()
        const element = image as HTMLImageElement
        return {
          top: Math.round(box.top),
          height: box.height,
          ratio: box.width / box.height,
          natural: element.naturalWidth / element.naturalHeight,
        }
      }),
    )
    expect(boxes.length).toBeGreaterThan(1)
    // Each picture is shown at its own ratio (no bars, no cut), and pictures in one row share a height.
    for (const box of boxes) expect(Math.abs(box.ratio - box.natural)).toBeLessThan(0.02)
    const firstRow = boxes.filter((box) => box.top === boxes[0]!.top)
    expect(firstRow.length).toBeGreaterThan(1)
    for (const box of firstRow) expect(Math.abs(box.height - firstRow[0]!.height)).toBeLessThan(2)
    expect(
      await page
        .locator('.gallery img')
        .first()
        .evaluate((image) => getComputedStyle(image).filter),
    ).toMatch(/brightness\(0\.85\)/)

    await open(page, suite.site.url(eventPath(EVENT)))
    await loadAllImages(page)
    const tiles = await page
      .locator('.strip img')
      .evaluateAll((images) => images.map((image) => image.getBoundingClientRect().width / image.getBoundingClientRect().height))
    expect(tiles.length).toBeGreaterThan(1)
    for (const ratio of tiles) expect(ratio).toBeCloseTo(3 / 2, 1)

    await open(page, suite.site.url(sessionPath(EVENT, 'crowdstar-ironic')))
    await loadAllImages(page)
    const lone = await page.locator('figure.feature img').evaluate((image) => image.getBoundingClientRect().width)
    expect(lone).toBeGreaterThan(600)
  } finally {
    await context.close()
  }
})

test('search finds photos and topics, shows result titles as links, and suggests topics when nothing matches', async () => {
  const context = await suite.browser.newContext({viewport: {width: 1280, height: 900}})
  const page = await context.newPage()
  const results = () =>
    page.locator('#search .pagefind-ui__result-link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  try {
    await open(page, `${suite.site.url(searchPath())}?q=${encodeURIComponent('to scale')}`)
    await waitForPagefind(page)
    await page.locator('#search .pagefind-ui__result-link').first().waitFor()
    expect(await results()).toContain(photoPath(EVENT, 'unikernel-size-comparison'))
    const link = page.locator('#search .pagefind-ui__result-link').first()
    expect(await link.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('underline')

    const box = page.locator('#site-search')
    await box.fill('unikernels')
    await expect.poll(results).toContain(topicPath('unikernels'))
    // The session about the word comes before the long day recap that mentions it.
    const order = await results()
    expect(order.indexOf(sessionPath(EVENT, 'mikelangelo-unikernels'))).toBeLessThan(order.findIndex((href) => href?.includes('/day-2/')))

    const suggestions = page.getByRole('heading', {name: 'Nothing found? Try'})
    expect(await suggestions.isVisible()).toBe(false)
    await box.fill('qqqzzzxx')
    await expect.poll(() => suggestions.isVisible()).toBe(true)
    expect(new URL(page.url()).searchParams.get('q')).toBe('qqqzzzxx')
  } finally {
    await context.close()
  }
})
