// @ts-check
import sitemap from '@astrojs/sitemap'
import {defineConfig} from 'astro/config'
import {recap} from './src/integrations/recap.ts'

export default defineConfig({
  site: process.env.SITE_URL || 'http://localhost:4321',
  outDir: process.env.RECAP_OUT_DIR || 'dist',
  // Optimised images and the incremental build's manifest and page copies; kept between builds.
  cacheDir: process.env.RECAP_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'ignore',
  // Several pages at once, so one page's file writes overlap the next one's rendering.
  build: {format: 'directory', inlineStylesheets: 'always', concurrency: 4},
  image: {
    service: {entrypoint: './src/lib/images/service.ts'},
    // Originals come from Sanity's CDN, or from the embedded dataset's loopback server.
    remotePatterns: [
      {protocol: 'https', hostname: 'cdn.sanity.io'},
      {protocol: 'http', hostname: '127.0.0.1'},
    ],
  },
  // Pages whose documents did not change are reused from the cache (see src/lib/incremental/).
  experimental: {incrementalBuild: true},
  integrations: [sitemap({filter: (page) => !page.includes('/search/')}), recap()],
})
