// Queries per build: counted by the Content Lake stand-in that each measured build queries over HTTP
// (see buildScaling.ts). The count must not grow with the dataset. Also times the site's one query
// in groq-js, to tell query cost apart from rendering cost.
import {loadEmbeddedDataset} from '../src/lib/content/embedded.ts'
import {queryRunner} from '../src/lib/content/source.ts'
import {SITE_QUERY} from '../src/lib/queries.ts'
import type {SizeName} from './lib/paths.ts'

export type QueryCount = {size: SizeName; lakeRequests: number | null; logged: number | null}
export type QueriesResult = {counts: QueryCount[]; same: boolean; max: number | null}

export function summariseQueries(counts: QueryCount[]): QueriesResult {
  const values = counts.map((count) => count.lakeRequests ?? count.logged)
  const known = values.filter((value): value is number => value !== null)
  return {
    counts,
    same:
      known.length === values.length &&
      new Set(known).size === 1 &&
      counts.every((count) => count.logged === null || count.logged === count.lakeRequests),
    max: known.length ? Math.max(...known) : null,
  }
}

/** Milliseconds the embedded backend (groq-js, indexed by `_id`) takes to answer the site query, index included (the median of `runs`). */
export async function siteQueryMs(datasetFile: string, runs = 3): Promise<number> {
  const documents = await loadEmbeddedDataset(datasetFile)
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    queryRunner(documents)(SITE_QUERY)
    times.push(performance.now() - started)
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(runs / 2)])
}
