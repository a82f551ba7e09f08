import type {AstroIntegration} from 'astro'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'
import {saveRecording, startRecording} from '../lib/incremental/keys.ts'

/** Indexes the built site for search, then logs how many pages came from how many queries. */
export function recap(): AstroIntegration {
  let cacheDir = ''
  return {
    name: 'recap',
    hooks: {
      'astro:config:done': ({config}) => {
        cacheDir = fileURLToPath(config.cacheDir)
      },
      'astro:build:start': () => {
        globalThis.__recapQueryCount = 0
        startRecording(cacheDir)
      },
      'astro:build:done': async ({dir, pages, logger}) => {
        const {rendered, reused} = saveRecording()
        logger.info(`${rendered} keyed ${rendered === 1 ? 'page' : 'pages'} rendered, ${reused} reused from the previous build`)
        const {index, errors} = await pagefind.createIndex({})
        if (!index) throw new Error(`Search index could not start: ${errors.join('; ')}`)
        const added = await index.addDirectory({path: fileURLToPath(dir)})
        if (added.errors.length) throw new Error(`Search indexing failed: ${added.errors.join('; ')}`)
        await index.writeFiles({outputPath: fileURLToPath(new URL('pagefind/', dir))})
        await pagefind.close()
        const queries = globalThis.__recapQueryCount ?? 0
        logger.info(`${pages.length} pages from ${queries} ${queries === 1 ? 'query' : 'queries'}`)
      },
    },
  }
}
