import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite, type BuildResult} from '../helpers/build.ts'
import {attr, elements, listFiles, main, readPage, text} from '../helpers/html.ts'

let site: BuildResult
let htmlFiles: string[]

beforeAll(async () => {
  site = await buildSite({RECAP_DATASET: 'test/fixtures/hostile/production.ndjson'})
  htmlFiles = site.code === 0 ? (await listFiles(site.dir)).filter((file) => file.endsWith('.html')) : []
}, 300_000)

const page = (file: string) => readPage(site.dir, `/${file}`)

describe('a dataset full of hostile content', () => {
  it('still builds', () => {
    expect(site.code, site.output).toBe(0)
    expect(htmlFiles.length).toBeGreaterThan(5)
  })

  it('escapes markup in titles and text instead of running it', async () => {
    for (const file of htmlFiles) {
      const document = await page(file)
      const scripts = elements(document, 'script').filter((script) => attr(script, 'type') !== 'application/ld+json')
      if (!file.startsWith('search/')) expect(scripts, file).toEqual([])
      expect(
        elements(document, 'img', (image) => attr(image, 'onerror') !== undefined),
        file,
      ).toEqual([])
      expect(
        elements(document, '*', (element) => (element.attrs ?? []).some((a) => a.name.startsWith('on'))),
        file,
      ).toEqual([])
    }
    const session = await page('events/hostile-summit/sessions/script-title/index.html')
    expect(text(elements(session, 'h1')[0])).toBe("<script>alert('title')</script> & friends")
  })

  it('keeps JSON-LD parseable and unable to close its script element', async () => {
    const raw = await readFile(join(site.dir, 'events/hostile-summit/index.html'), 'utf8')
    const blocks = [...raw.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => match[1])
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) {
      expect(block).not.toMatch(/<\/script/i)
      expect(JSON.parse(block).name).toContain('<script>')
    }
  })

  it('publishes the session with javascript: links without them, and warns once per link', async () => {
    expect(site.output).toContain(
      'Warning, dropped from session session.javascript ("Session with javascript: links"): links[_key=="l1"]: The link "javascript:alert(3)" is not a web address; it is not shown.',
    )
    expect(site.output).toContain(
      'notes[_key=="n1"].markDefs[_key=="js"].href: The link "JaVaScRiPt:alert(2)" is not a web or e-mail address; its text is shown without the link.',
    )
    for (const file of htmlFiles) {
      for (const link of elements(await page(file), 'a')) expect(attr(link, 'href') ?? '', file).not.toMatch(/^\s*javascript:/i)
    }
    const session = main(await page('events/hostile-summit/sessions/javascript-links/index.html'))
    expect(text(session)).toContain('notes link')
    expect(elements(session, 'a').map((link) => text(link))).not.toContain('notes link')
    const day = main(await page('events/hostile-summit/day-2/index.html'))
    expect(elements(day, 'a').map((link) => attr(link, 'href'))).toContain('/events/hostile-summit/sessions/javascript-links/')
  })

  it('keeps javascript: out of the calendars, schedule.json, feeds and JSON-LD', async () => {
    // .recap/ holds the build's own report (naming the bad links), which the server never serves.
    const files = (await listFiles(site.dir)).filter((file) => /\.(ics|json|xml|html)$/.test(file) && !/^(pagefind|\.recap)\//.test(file))
    for (const file of files) {
      expect(await readFile(join(site.dir, file), 'utf8'), file).not.toMatch(/javascript:alert/i)
    }
  })

  it('renders a reference to a deleted document as plain text', async () => {
    const day = main(await page('events/hostile-summit/day-2/index.html'))
    expect(text(day)).toContain('a link to a deleted session')
    const links = elements(day, 'a').map((link) => text(link))
    expect(links).not.toContain(', a link to a deleted session')
    expect(links).toContain(' and a fine one to the café session.'.trim())
  })

  it('builds pages without the missing image and the deleted session', async () => {
    const event = main(await page('events/hostile-summit/index.html'))
    expect(elements(event, 'img', (image) => !attr(image, 'src'))).toEqual([])
    const demo = text(main(await page('events/hostile-summit/demos/orphan/index.html')))
    expect(demo).toContain('Demo whose session was deleted')
  })

  it('publishes a page for a Unicode slug and links to it', async () => {
    const file = 'events/hostile-summit/sessions/café-økonomi-東京/index.html'
    expect(htmlFiles).toContain(file)
    expect(text(elements(await page(file), 'h1')[0])).toBe('Café økonomi in 東京')
    const links = elements(await page('events/hostile-summit/index.html'), 'a').map((link) => decodeURIComponent(attr(link, 'href') ?? ''))
    expect(links).toContain('/events/hostile-summit/sessions/café-økonomi-東京/')
  })

  it('shows a 5,000-character title in full', async () => {
    const heading = text(elements(await page('events/hostile-summit/sessions/long-title/index.html'), 'h1')[0])
    expect(heading.length).toBeGreaterThan(4900)
  })

  it('never prints undefined or null, and leaves the draft out', async () => {
    for (const file of htmlFiles) {
      const document = await page(file)
      expect(text(document), file).not.toMatch(/\b(undefined|null|NaN)\b/)
      expect(text(document), file).not.toContain('HOSTILE DRAFT')
    }
  })
})
