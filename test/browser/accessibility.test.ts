import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, test} from 'vitest'
import {openTemplate, startBrowserSuite, TEMPLATES} from '../helpers/browser.ts'

const require = createRequire(import.meta.url)
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

let suite: Awaited<ReturnType<typeof startBrowserSuite>>

beforeAll(async () => {
  suite = await startBrowserSuite()
})

afterAll(async () => {
  await suite?.close()
})

type Violation = {id: string; impact: string | null; help: string; targets: string[]}

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({content: AXE})
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<AxeResults>}}).axe
    type AxeResults = {
      violations: {id: string; impact: string | null; help: string; nodes: {target: unknown[]}[]}[]
    }
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }))
  }, TAGS)
}

// The two schemes run side by side, each in its own browser context.
for (const colorScheme of ['light', 'dark'] as const) {
  test.concurrent(`axe-core reports no serious or critical violations on every page template (${colorScheme} scheme)`, async ({expect}) => {
    const {site, browser} = suite
    const context = await browser.newContext({viewport: {width: 1280, height: 800}})
    const page = await context.newPage()
    await page.emulateMedia({colorScheme})
    const failures: string[] = []
    try {
      for (const template of TEMPLATES) {
        await openTemplate(page, site, template)
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark')
        for (const violation of await axeViolations(page)) {
          if (violation.impact !== 'serious' && violation.impact !== 'critical') continue
          failures.push(
            `${template.name} (${template.path}): ${violation.id} [${violation.impact}] ${violation.help}\n` +
              violation.targets.map((target) => `    ${target}`).join('\n'),
          )
        }
      }
    } finally {
      await context.close()
    }
    expect(failures, `axe-core violations in the ${colorScheme} scheme:\n${failures.join('\n')}`).toEqual([])
  })
}
