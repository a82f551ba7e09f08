import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests run the Sanity CLI (build, schema extract, typegen), which takes several seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
