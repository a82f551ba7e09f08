// Where the benchmark reads and writes. Everything it writes goes under bench/output/ (gitignored), except docs/.
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const OUTPUT = join(ROOT, 'bench/output')
export const RESULTS_FILE = join(OUTPUT, 'results.json')
export const DOCS = join(ROOT, 'docs')
export const REPORT_FILE = join(DOCS, 'performance.md')

/** The preload that records a process's peak memory (see bench/maxrss.ts). */
export const MAXRSS_HOOK = join(ROOT, 'bench/maxrss.ts')

/** Astro's cache (the config's default `cacheDir`): optimised images live in its assets/ folder. */
export const ASTRO_CACHE = join(ROOT, 'node_modules/.astro')

export type SizeName = 'S' | 'M' | 'L'

/** The generated dataset of a size: production.ndjson with its images/ beside it. */
export const datasetDir = (size: SizeName) => join(OUTPUT, size)
export const datasetFile = (size: SizeName) => join(datasetDir(size), 'production.ndjson')

/**
 * Builds go straight into a releases folder laid out as the rebuild service expects
 * (<dir>/<id>/ and a `current` link), so `npm start` can serve them without building again.
 */
export const RELEASE_ID = '20000101T000000000Z'
export const releasesDir = (label: string) => join(OUTPUT, 'sites', label)
export const releaseDir = (label: string) => join(releasesDir(label), RELEASE_ID)
