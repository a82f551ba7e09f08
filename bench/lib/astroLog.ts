// Reads what a build did from Astro's log: pages, queries, image cache use, and where the time went.
import type {Line} from './process.ts'

/** "N pages from Q queries", logged by src/integrations/recap.ts. */
export function pagesAndQueries(lines: Line[]): {pages: number | null; queries: number | null} {
  for (const {text} of lines) {
    const match = /(\d+) pages? from (\d+) quer(?:y|ies)/.exec(text)
    if (match) return {pages: Number(match[1]), queries: Number(match[2])}
  }
  const built = lines.map(({text}) => /(\d+) page\(s\) built in/.exec(text)).find(Boolean)
  return {pages: built ? Number(built[1]) : null, queries: null}
}

/** Pages and endpoints in the "generating static routes" list (with several at once, a line may name more than one). */
export const routesGenerated = (lines: Line[]) => lines.reduce((count, {text}) => count + text.split('├─').length - 1, 0)

/** Optimised images written by this build, and those taken from Astro's cache. */
export function imageCacheUse(lines: Line[]): {generated: number; reused: number; revalidated: number} {
  const count = {generated: 0, reused: 0, revalidated: 0}
  for (const {text} of lines) {
    if (!/\/_astro\/\S+\.(webp|jpe?g|png|avif|gif)/.test(text)) continue
    if (text.includes('(reused cache entry)')) count.reused++
    else if (text.includes('(revalidated cache entry)')) count.revalidated++
    else if (text.includes('(before:')) count.generated++
  }
  return count
}

/**
 * Pages and endpoints with a cacheKey that the build rendered, and those it reused from the previous
 * build: "N keyed pages rendered, M reused", logged by src/integrations/recap.ts.
 */
export function keyedPages(lines: Line[]): {rendered: number; reused: number} {
  for (const {text} of lines) {
    const match = /(\d+) keyed pages? rendered, (\d+) reused/.exec(text)
    if (match) return {rendered: Number(match[1]), reused: Number(match[2])}
  }
  return {rendered: 0, reused: 0}
}

// Phases in the order Astro runs them, each starting at the first line that matches.
const PHASES: [name: string, start: RegExp][] = [
  ['bundle', /Collecting build info/],
  ['render', /generating static routes/],
  ['images', /generating optimized images/],
  ['integrations', /\[build\] ✓ Completed in/],
  ['finish', /\[build\] Complete!/],
]

/**
 * Milliseconds spent in each phase, from the time each marker line arrived. "startup" is Node and
 * Astro starting; "integrations" is the sitemap and the search index; "finish" is the swap into place.
 */
export function phases(lines: Line[], totalMs: number): Record<string, number> {
  const marks: {name: string; at: number}[] = [{name: 'startup', at: 0}]
  let from = 0
  for (const [name, pattern] of PHASES) {
    const index = lines.findIndex((line, position) => position >= from && pattern.test(line.text))
    if (index < 0) continue
    marks.push({name, at: lines[index].at})
    from = index + 1
  }
  const result: Record<string, number> = {}
  for (const [index, mark] of marks.entries()) {
    result[mark.name] = Math.round((marks[index + 1]?.at ?? totalMs) - mark.at)
  }
  return result
}

/**
 * How many cores the images phase kept busy on average: the build's CPU time over the wall time from
 * "generating optimized images" to the line that ends the phase. Null when the phase is missing or
 * the CPU time could not be read.
 */
export function imagePhaseCores(lines: Line[]): number | null {
  const start = lines.findIndex(({text}) => /generating optimized images/.test(text))
  if (start < 0) return null
  const end = lines.findIndex(({text}, index) => index > start && /Completed in/.test(text))
  if (end < 0) return null
  const [from, to] = [lines[start], lines[end]]
  if (from.cpuMs === undefined || to.cpuMs === undefined || to.at - from.at < 1000) return null
  return Math.round(((to.cpuMs - from.cpuMs) / (to.at - from.at)) * 100) / 100
}
