// Every page template, at 1280 px and 390 px wide, light and dark, looks as its committed baseline does
// (within a tolerance). A change in look is a reviewed change of a baseline: `UPDATE_BASELINES=1 npm run test:visual`.
import {afterAll, beforeAll, expect, test} from 'vitest'
import {loadAllImages, openTemplate, startBrowserSuite, TEMPLATES} from '../helpers/browser.ts'
import {capture, compareWithBaseline, UPDATING, type Comparison} from '../helpers/visual.ts'

const VIEWPORTS = [
  {width: 1280, height: 900},
  {width: 390, height: 844},
] as const
const SCHEMES = ['light', 'dark'] as const

let suite: Awaited<ReturnType<typeof startBrowserSuite>>

beforeAll(async () => {
  suite = await startBrowserSuite()
})

afterAll(async () => {
  await suite?.close()
})

test('every template matches its baseline at 1280 and 390 px, in light and dark', async () => {
  const {site, browser} = suite
  const results: Comparison[] = []
  await Promise.all(
    VIEWPORTS.flatMap((viewport) =>
      SCHEMES.map(async (colorScheme) => {
        const context = await browser.newContext({viewport, colorScheme, deviceScaleFactor: 1, reducedMotion: 'reduce'})
        const page = await context.newPage()
        try {
          for (const template of TEMPLATES) {
            await openTemplate(page, site, template)
            await loadAllImages(page)
            await page.evaluate(() => document.fonts.ready)
            results.push(await compareWithBaseline(`${template.name}-${viewport.width}-${colorScheme}`, await capture(page)))
          }
        } finally {
          await context.close()
        }
      }),
    ),
  )
  expect(results).toHaveLength(TEMPLATES.length * VIEWPORTS.length * SCHEMES.length)
  const failed = results.filter((result) => result.status === 'changed' || result.status === 'missing')
  const hint = UPDATING ? '' : '\nIf the change is intended, run `UPDATE_BASELINES=1 npm run test:visual` and commit the new baselines.'
  expect(
    failed.map((result) => `${result.name}: ${result.detail}`),
    `templates that look different:${hint}`,
  ).toEqual([])
})
