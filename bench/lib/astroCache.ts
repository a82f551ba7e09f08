import {join} from 'node:path'
import {discard} from './files.ts'
import {ROOT} from './paths.ts'

/**
 * Empties Astro's and Vite's caches under node_modules (Astro keeps optimised images, remote ones
 * with their revalidation data, in node_modules/.astro/assets), so the next build starts cold.
 */
export async function clearAstroCache() {
  await discard(join(ROOT, 'node_modules/.astro'))
  await discard(join(ROOT, 'node_modules/.vite'))
}
