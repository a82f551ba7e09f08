import type {AstroIntegration} from 'astro'
import {copyFile, mkdir, writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {describeLeftOut, describeWarning, type LeftOut} from '../lib/content/enforce.ts'
import {LEFT_OUT_FILE} from '../../core/leftOut.ts'
import {saveRecording, startRecording} from '../lib/incremental/keys.ts'
import {searchIndexAfterPages} from './searchIndex.ts'

/** Records what each page read, indexes the built site for search, and logs how many pages came from how many queries. */
export function recap(): AstroIntegration {
  let cacheDir = ''
  let outDir: URL | null = null
  const search = searchIndexAfterPages(() => outDir!)
  return {
    name: 'recap',
    hooks: {
      'astro:config:done': ({config}) => {
        cacheDir = fileURLToPath(config.cacheDir)
        outDir = config.outDir
      },
      'astro:build:start': ({setPrerenderer}) => {
        setPrerenderer((prerenderer) => search.wrap(prerenderer))
        globalThis.__recapQueryCount = 0
        globalThis.__recapLeftOut = []
        startRecording(cacheDir)
        globalThis.__recapWarnings = []
      },
      'astro:build:done': async ({dir, pages, logger}) => {
        const {rendered, reused} = saveRecording()
        logger.info(`${rendered} keyed ${rendered === 1 ? 'page' : 'pages'} rendered, ${reused} reused from the previous build`)
        await search.done()
        // Crawlers and people try /sitemap.xml first; it is the sitemap index @astrojs/sitemap wrote.
        await copyFile(new URL('sitemap-index.xml', dir), new URL('sitemap.xml', dir)).catch(() => {})
        const leftOut = globalThis.__recapLeftOut ?? []
        for (const entry of leftOut) logger.warn(describeLeftOut(entry))
        for (const entry of globalThis.__recapWarnings ?? []) logger.warn(describeWarning(entry))
        await mkdir(new URL('.recap/', dir), {recursive: true})
        await writeFile(new URL(LEFT_OUT_FILE, dir), `${JSON.stringify(leftOut, null, 2)}\n`)
        const queries = globalThis.__recapQueryCount ?? 0
        logger.info(`${pages.length} pages from ${queries} ${queries === 1 ? 'query' : 'queries'}${leftOutSummary(leftOut)}`)
      },
    },
  }
}

/** "; 2 documents left out; 3 broken parts dropped", or "" when nothing was. */
function leftOutSummary(entries: readonly LeftOut[]): string {
  const dropped = entries.filter((entry) => entry.kind === 'dropped').length
  const documents = new Set(entries.filter((entry) => entry.kind !== 'dropped').map((entry) => entry.id)).size
  return `${documents ? `; ${documents} documents left out` : ''}${dropped ? `; ${dropped} broken parts dropped` : ''}`
}
