// @ts-check
// The rendering floor: a bare Astro site with the same number of pages as Recap, from a JSON file,
// with no images, no data fetching and no integrations. Built by bench/floor/build.ts.
import {defineConfig} from 'astro/config'

const cacheDir = process.env.FLOOR_CACHE_DIR || '../output/floor/cache'

export default defineConfig({
  site: 'https://floor.example',
  outDir: process.env.FLOOR_OUT_DIR || '../output/floor/dist',
  cacheDir,
  build: {format: 'directory', inlineStylesheets: 'always'},
  // Vite's own cache too, so nothing is written next to the sources.
  vite: {cacheDir: `${cacheDir}/vite`},
})
