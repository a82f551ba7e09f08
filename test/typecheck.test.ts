import {execFile} from 'node:child_process'
import {promisify} from 'node:util'
import {expect, it} from 'vitest'

const run = promisify(execFile)

// `npm run check` in the test run, so a type error anywhere (pages included) fails CI.
it('the whole project type-checks, Astro pages included', async () => {
  const result = await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'check'], {maxBuffer: 32 * 1024 * 1024}).catch(
    (error: {code: number; stdout: string; stderr: string}) => error,
  )
  const output = `${result.stdout}${result.stderr}`
  expect('code' in result ? result.code : 0, output.slice(-4000)).toBe(0)
  expect(output).toMatch(/- 0 errors/)
})
