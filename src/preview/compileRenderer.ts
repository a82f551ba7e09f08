// Builds the draft preview's renderer: the site's own pages, compiled for on-demand rendering
// with Astro's Node adapter, plus the preview's middleware and browser script. Usage:
//   node src/preview/compileRenderer.ts <outDir>
import node from '@astrojs/node'
import {build} from 'astro'
import {setPriority} from 'node:os'
import {resolve} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {previewIntegration} from './integration.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = resolve(process.argv[2] ?? '')
if (!process.argv[2]) throw new Error('Usage: node src/preview/compileRenderer.ts <outDir>')

// At a lower priority, like site builds, so the service keeps answering webhooks and readers at once.
try {
  setPriority(10)
} catch {
  // Not permitted here: build at normal priority.
}

const {default: site} = await import(pathToFileURL(resolve(root, 'astro.config.mjs')).href)
await build({
  ...site,
  root,
  configFile: false,
  outDir,
  output: 'server',
  adapter: node({mode: 'middleware'}),
  session: false,
  // The public site's integrations (sitemap, search index) have no place in a preview.
  integrations: [previewIntegration()],
  // On-demand pages ignore getStaticPaths by design (pageProps reads it), so Astro's warnings about it are noise.
  logLevel: 'error',
})
