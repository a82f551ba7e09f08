import {dirname, resolve} from 'node:path'
import type {Page} from 'playwright-core'
import sharp from 'sharp'
import {afterAll, beforeAll, expect, test} from 'vitest'
import {dayPath, eventPath, homePath, photoPath, photosPath} from '../../core/paths.ts'
import {
  DATASET_FILE,
  documentById,
  EVENT,
  horizontalOverflow,
  loadAllImages,
  open,
  openTemplate,
  screenshotPath,
  startBrowserSuite,
  TEMPLATES,
} from '../helpers/browser.ts'

/** How many distinct colours a screenshot holds (a blank page has one or two). */
async function distinctColours(png: Buffer): Promise<number> {
  const {data} = await sharp(png).removeAlpha().raw().toBuffer({resolveWithObject: true})
  const colours = new Set<number>()
  for (let i = 0; i < data.length; i += 3) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!)
  return colours.size
}

let suite: Awaited<ReturnType<typeof startBrowserSuite>>

beforeAll(async () => {
  suite = await startBrowserSuite()
})

afterAll(async () => {
  await suite?.close()
})

test('every page template is screenshotted at 375 px and 1280 px wide', async () => {
  const {site, browser} = suite
  await Promise.all(
    [375, 1280].map(async (width) => {
      const context = await browser.newContext({viewport: {width, height: 800}})
      const page = await context.newPage()
      try {
        for (const template of TEMPLATES) {
          await openTemplate(page, site, template)
          await loadAllImages(page)
          const path = await screenshotPath(`${template.name}-${width}`)
          const image = await page.screenshot({path, fullPage: true, animations: 'disabled'})
          // A blank or unstyled capture has next to no distinct colours; a designed page has many.
          expect(await distinctColours(image), path).toBeGreaterThan(64)
          await expect(page.locator('h1').first().textContent(), path).resolves.toMatch(/\S/)
        }
      } finally {
        await context.close()
      }
    }),
  )
})

test('no page template scrolls sideways on a 320 px or 375 px wide screen', async () => {
  const {site, browser} = suite
  const overflowing: string[] = []
  await Promise.all(
    [320, 375].map(async (width) => {
      const context = await browser.newContext({viewport: {width, height: 640}})
      const page = await context.newPage()
      try {
        for (const template of TEMPLATES) {
          await openTemplate(page, site, template)
          await loadAllImages(page)
          const {scrollWidth, clientWidth, widest} = await horizontalOverflow(page)
          if (scrollWidth > clientWidth) {
            overflowing.push(`${template.name} at ${width}px: scrollWidth ${scrollWidth} > ${clientWidth} (${widest.join(', ')})`)
          }
        }
      } finally {
        await context.close()
      }
    }),
  )
  expect(overflowing, overflowing.join('\n')).toEqual([])
})

type Crop = {top: number; bottom: number; left: number; right: number}

/** Width / height of a dataset photo after its Sanity crop, from the NDJSON and the image file it names. */
async function ratios(photoId: string): Promise<{cropped: number; original: number}> {
  const photo = await documentById(photoId)
  const image = photo.image as {_sanityAsset: string; crop?: Crop}
  const file = resolve(dirname(DATASET_FILE), image._sanityAsset.replace(/^image@file:\/\//, ''))
  const {width, height} = await sharp(file).metadata()
  const crop = image.crop ?? {top: 0, bottom: 0, left: 0, right: 0}
  return {
    cropped: (width! * (1 - crop.left - crop.right)) / (height! * (1 - crop.top - crop.bottom)),
    original: width! / height!,
  }
}

const heroBox = (page: Page) =>
  page.locator('figure.photo img').evaluate((img: HTMLImageElement) => {
    const {x, y, width, height} = img.getBoundingClientRect()
    return {
      box: {x, y, width, height},
      loaded: img.complete && img.naturalWidth > 0,
      background: getComputedStyle(img).backgroundImage,
    }
  })

test('images honour the crop: width/height attributes have the cropped ratio and the LQIP is a placeholder', async () => {
  const {site, browser} = suite
  const {cropped: ratio, original} = await ratios('photo.china-telecom-slide')
  // The sample photo's crop changes its shape, so the uncropped ratio would fail the checks below.
  expect(Math.abs(ratio - original)).toBeGreaterThan(0.02)

  for (const viewport of [
    {width: 1280, height: 800},
    {width: 375, height: 740},
  ]) {
    const context = await browser.newContext({viewport})
    const page = await context.newPage()
    // Hold every image until the page has been measured without them.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/_astro/**', async (route) => {
      if (route.request().resourceType() === 'image') await released
      await route.continue()
    })
    try {
      await page.goto(site.url(photoPath(EVENT, 'china-telecom-slide')), {waitUntil: 'domcontentloaded'})
      const img = page.locator('figure.photo img')
      const attributes = await img.evaluate((element: HTMLImageElement) => ({
        width: Number(element.getAttribute('width')),
        height: Number(element.getAttribute('height')),
        loading: element.getAttribute('loading'),
        fetchpriority: element.getAttribute('fetchpriority'),
        style: element.getAttribute('style') ?? '',
        src: element.getAttribute('src') ?? '',
        srcset: element.getAttribute('srcset') ?? '',
      }))

      // The attributes reserve the cropped shape (within a pixel of rounding).
      expect(Math.abs(attributes.width / attributes.height - ratio)).toBeLessThan(1 / attributes.height + 1e-9)

      // The hero loads at once and with high priority, from a WebP srcset offering several widths.
      expect(attributes.loading).toBe('eager')
      expect(attributes.fetchpriority).toBe('high')
      expect(attributes.srcset.split(',').length).toBeGreaterThan(1)
      expect(attributes.srcset).toMatch(/^(\S+\.webp \d+w,\s*)+\S+\.webp \d+w$/)

      // Before the image arrives: the box already has its final size and shows the tiny LQIP.
      const before = await heroBox(page)
      expect(before.loaded).toBe(false)
      expect(before.box.width).toBeGreaterThan(0)
      expect(before.box.height).toBeGreaterThan(0)
      expect(Math.abs(before.box.width / before.box.height - ratio)).toBeLessThan(0.01)
      expect(before.background).toMatch(/^url\("data:image\/(jpeg|webp|png);base64,/)
      const lqip = /url\((?:&quot;|")?(data:[^)"]+)/.exec(attributes.style)?.[1] ?? ''
      expect(lqip.length, 'the LQIP is a small inline placeholder').toBeGreaterThan(100)
      expect(lqip.length).toBeLessThan(2048)
      expect(attributes.src).not.toContain('data:')

      release()
      await page.waitForFunction(() => {
        const image = document.querySelector<HTMLImageElement>('figure.photo img')
        return image && image.complete && image.naturalWidth > 0
      })
      const after = await heroBox(page)
      const shift = Math.max(...(['x', 'y', 'width', 'height'] as const).map((key) => Math.abs(after.box[key] - before.box[key])))
      expect(
        shift,
        `at ${viewport.width}px the image moved from ${JSON.stringify(before.box)} to ${JSON.stringify(after.box)}`,
      ).toBeLessThan(0.5)
      // The browser picked the WebP rendition.
      expect(await img.evaluate((element: HTMLImageElement) => element.currentSrc)).toMatch(/\.webp$/)
    } finally {
      release()
      await context.close()
    }
  }
})

test('only the images above the fold load eagerly; the rest are lazy', async () => {
  const {site, browser} = suite
  const context = await browser.newContext({viewport: {width: 1280, height: 800}})
  const page = await context.newPage()
  const problems: string[] = []
  try {
    for (const {path, hero} of [
      {path: homePath(), hero: true},
      {path: eventPath(EVENT), hero: true},
      {path: photoPath(EVENT, 'china-telecom-slide'), hero: true},
      {path: dayPath(EVENT, 2), hero: false},
      {path: photosPath(EVENT), hero: true},
    ]) {
      await open(page, site.url(path))
      const images = await page.evaluate(() =>
        [...document.querySelectorAll('main img')].map((img) => ({
          src: img.getAttribute('src'),
          top: img.getBoundingClientRect().top + window.scrollY,
          loading: img.getAttribute('loading'),
          fetchpriority: img.getAttribute('fetchpriority'),
          fold: window.innerHeight,
        })),
      )
      expect(images.length, path).toBeGreaterThan(0)
      if (hero) {
        const [first] = images
        if (first.loading !== 'eager' || first.fetchpriority !== 'high') {
          problems.push(`${path}: the first image (${first.src}) is loading=${first.loading} fetchpriority=${first.fetchpriority}`)
        }
      }
      for (const image of images) {
        const belowFold = image.top >= image.fold
        if (belowFold && image.loading !== 'lazy') problems.push(`${path}: ${image.src} is below the fold but not lazy`)
        if (belowFold && image.fetchpriority === 'high') problems.push(`${path}: ${image.src} is below the fold but high priority`)
      }
    }
  } finally {
    await context.close()
  }
  expect(problems, problems.join('\n')).toEqual([])
})
