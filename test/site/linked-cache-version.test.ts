// The link step replaces methods of a private Astro class. On an Astro it was not checked against
// the build only warns and falls back to copies; this test makes such an upgrade fail instead.
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {isCheckedAstro} from '../../src/lib/incremental/linkedCache.ts'

const installed = (JSON.parse(readFileSync(new URL('../../node_modules/astro/package.json', import.meta.url), 'utf8')) as {version: string})
  .version

describe('the Astro versions the link step was checked against', () => {
  it(`include the installed Astro (${installed})`, () => {
    expect(
      isCheckedAstro(installed),
      `Astro ${installed}: check src/lib/incremental/linkedCache.ts against it, then add it to CHECKED_ASTRO`,
    ).toBe(true)
  })

  it.each(['7.3.0', '7.3.5'])('accept %s', (version) => expect(isCheckedAstro(version)).toBe(true))

  it.each(['7.4.0', '8.0.0', '7.2.9', '7.3.0-beta.1', '17.3.0'])('reject %s', (version) => expect(isCheckedAstro(version)).toBe(false))
})
