import {defineConfig} from 'vitest/config'

// Three tiers. Unit tests build nothing and start no browser; browser tests drive Chromium
// (the site, the Studio, visual baselines); everything else is an integration test: Astro builds,
// the Sanity CLI, the service as a process, the bucket and Content Lake stand-ins.
const UNIT = [
  'test/bench/generated-dataset.test.ts',
  'test/ci/workflow.test.ts',
  'test/content/{ndjson,text}.test.ts',
  'test/exports/*.test.ts',
  'test/preview/{access,locations,pageProps,perspective}.test.ts',
  'test/schema/{build-rules,dropped,part-of,sample-dataset,studio-previews,validation-rules}.test.ts',
  'test/server/{config,failed-build,hook,lock,memory,poll,queue,read-only-releases,triggers,verify,webhook,relay-retry}.test.ts',
  'test/site/{linked-cache-version,programme,replace-output,track}.test.ts',
  'test/studio/{site-status-badge,structure}.test.ts',
]
const BROWSER = [
  'test/browser/*.test.ts',
  'test/bench/quick.test.ts',
  'test/preview/presentation.test.ts',
  'test/setup/newcomer.test.ts',
  'test/studio/journey.test.ts',
]

const shared = {
  // Some tests run the Sanity CLI (build, schema extract, typegen), which takes several seconds each.
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
}

export default defineConfig({
  test: {
    projects: [
      {test: {...shared, name: 'unit', include: UNIT}},
      {test: {...shared, name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...BROWSER]}},
      {test: {...shared, name: 'browser', include: BROWSER}},
    ],
  },
})
