import {describe, expect, it} from 'vitest'
import {COOKIE, previewAccessFromEnv} from '../../src/preview/access.ts'

const entry = (query: string) => new URL(`http://site/api/preview/enable?${query}`)

describe('preview access with the embedded dataset', () => {
  const access = previewAccessFromEnv({RECAP_PREVIEW_SECRET: 'correct horse'})

  it('lets the right secret in and sends the editor to the page asked for', async () => {
    expect(await access.enter(entry('secret=correct%20horse&redirect=/events/x/'))).toEqual({valid: true, redirectTo: '/events/x/'})
  })

  it('turns a wrong or missing secret away with one sentence', async () => {
    for (const query of ['secret=wrong', '']) {
      const result = await access.enter(entry(query))
      expect(result).toEqual({valid: false, reason: 'The preview secret is wrong, so no preview is shown.'})
    }
  })

  it('never redirects off the site', async () => {
    for (const redirect of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      expect(await access.enter(entry(`secret=correct%20horse&redirect=${encodeURIComponent(redirect)}`))).toEqual({
        valid: true,
        redirectTo: '/',
      })
    }
  })

  it('accepts only its own cookie, and only until it expires', () => {
    const now = Date.now()
    const cookie = `${COOKIE}=${access.cookieFor(now)}`
    expect(access.allows(`theme=dark; ${cookie}`, now)).toBe(true)
    expect(access.allows(cookie, now + 13 * 60 * 60 * 1000)).toBe(false)
    expect(previewAccessFromEnv({RECAP_PREVIEW_SECRET: 'another'}).allows(cookie, now)).toBe(false)
    expect(
      access.allows(
        cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        now,
      ),
    ).toBe(false)
    expect(access.allows(undefined, now)).toBe(false)
  })

  it('is off, and says so, without RECAP_PREVIEW_SECRET', async () => {
    const off = previewAccessFromEnv({})
    expect(off.off).toBe('The draft preview is off because RECAP_PREVIEW_SECRET is not set.')
    expect(await off.enter(entry('secret='))).toMatchObject({valid: false})
  })
})

describe('preview access with a Sanity project', () => {
  it('is off, and says so, without a read token', () => {
    expect(previewAccessFromEnv({SANITY_PROJECT_ID: 'abc123', RECAP_PREVIEW_SECRET: 'x'}).off).toBe(
      'The draft preview is off because SANITY_API_READ_TOKEN is not set.',
    )
  })
})
