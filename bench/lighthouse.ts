// Lighthouse 13 on each template: the default (mobile) preset, in Debian's Chromium, against the
// build served by the rebuild service. Reports the four category scores and what cost points.
import {mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {CHROMIUM, CHROMIUM_FLAGS, hasChromium} from './lib/browser.ts'
import {OUTPUT} from './lib/paths.ts'
import type {Template} from './lib/templates.ts'

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
export type Category = (typeof CATEGORIES)[number]

export type LighthousePage = {
  template: Template
  path: string
  /** 0–100 per category; null when Lighthouse could not score it. */
  scores: Record<Category, number | null>
  /** Audits that lost points, per category, for the report. */
  failing: Partial<Record<Category, string[]>>
  /** Performance score of every run; the page's figures come from the median run. */
  performanceRuns: (number | null)[]
}

export type LighthouseResult = {version: string; pages: LighthousePage[]} | {blocked: string}

/**
 * `runs` audits per page: the performance score moves with the machine's load (Lighthouse itself
 * advises the median of several runs); the other three categories do not depend on timing.
 */
export async function measureLighthouse(
  label: string,
  pages: Partial<Record<Template, string>>,
  serverUrl: string,
  {runs = 1} = {},
): Promise<LighthouseResult> {
  if (!hasChromium()) return {blocked: `no Chromium at ${CHROMIUM}`}
  let lighthouse: typeof import('lighthouse').default
  let launch: typeof import('chrome-launcher').launch
  try {
    lighthouse = (await import('lighthouse')).default
    launch = (await import('chrome-launcher')).launch
  } catch (error) {
    return {blocked: `lighthouse or chrome-launcher is not installed (${(error as Error).message.split('\n')[0]})`}
  }
  const reports = join(OUTPUT, 'lighthouse')
  await mkdir(reports, {recursive: true})
  const results: LighthousePage[] = []
  let version = ''
  for (const [template, path] of Object.entries(pages) as [Template, string][]) {
    const audits: Omit<LighthousePage, 'performanceRuns'>[] = []
    for (let run = 0; run < runs; run++) {
      // A fresh browser per run, so no run starts with another's cache.
      const chrome = await launch({chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent'})
      try {
        const result = await lighthouse(`${serverUrl}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        })
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`)
        const {lhr} = result
        if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${path}: ${lhr.runtimeError.message}`)
        version = lhr.lighthouseVersion
        await writeFile(join(reports, `${label}-${template}${runs > 1 ? `-${run + 1}` : ''}.json`), JSON.stringify(lhr))
        const scores = {} as LighthousePage['scores']
        const failing: LighthousePage['failing'] = {}
        for (const category of CATEGORIES) {
          const entry = lhr.categories[category]
          scores[category] = entry?.score === null || entry?.score === undefined ? null : Math.round(entry.score * 100)
          const lost = (entry?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => `${ref.id} (${Math.round((lhr.audits[ref.id].score ?? 0) * 100)})`)
          if (lost.length) failing[category] = lost
        }
        audits.push({template, path, scores, failing})
      } finally {
        chrome.kill()
      }
    }
    const byPerformance = [...audits].sort((a, b) => (a.scores.performance ?? -1) - (b.scores.performance ?? -1))
    results.push({
      ...byPerformance[Math.floor((byPerformance.length - 1) / 2)],
      performanceRuns: audits.map((audit) => audit.scores.performance),
    })
  }
  return {version, pages: results}
}
