// Content that breaks a rule, one document per kind of problem: each is left out with a sentence naming the
// document, field, rule and fix; the rest of the site publishes, and links to a left-out document read as text.
import {spawnSync} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildSite, type BuildResult} from '../helpers/build.ts'
import {attr, elements, listFiles, main, readPage, text} from '../helpers/html.ts'

let site: BuildResult
let files: string[]
type Entry = {id: string; type: string; field: string; rule: string; problem: string; fix: string}
let leftOut: Entry[]

beforeAll(async () => {
  site = await buildSite({RECAP_DATASET: 'test/fixtures/left-out/production.ndjson'})
  files = site.code === 0 ? await listFiles(site.dir) : []
  leftOut = site.code === 0 ? JSON.parse(await readFile(join(site.dir, '.recap/left-out.json'), 'utf8')) : []
}, 300_000)

const sessionPage = (slug: string) => `events/rules-summit/sessions/${slug}/index.html`
const entriesFor = (id: string) => leftOut.filter((entry) => entry.id === id)

describe('content that breaks a rule', () => {
  it('publishes the rest of the site', () => {
    expect(site.code, site.output).toBe(0)
    expect(files).toContain('events/rules-summit/index.html')
    expect(files).toContain(sessionPage('good'))
  })

  it.each([
    ['session.ends-before-start', 'endsAt', 'session ends after it starts', 'The session ends before it starts.'],
    ['session.not-a-time', 'startsAt', 'valid date and time', '"yesterday" is not a date and time.'],
    ['event.bad-date', 'startDate', 'valid event dates', 'The first day is missing or not a date.'],
    ['session.outside', 'startsAt', 'session within its event', 'This time falls outside "Rules Summit"'],
    ['session.bad-slug', 'slug', 'slug', 'The slug "a/../b" may only contain letters'],
    ['session.long-slug', 'slug', 'slug', 'too long for a file name'],
    ['session.bad-kind', 'kind', 'value from the list', '"party" is not one of "keynote"'],
    ['photo.bad-crop', 'image', 'crop inside the picture', 'The crop leaves nothing of the picture.'],
    ['session.deep-list', 'notes', 'rich-text nesting', 'A list is nested 50 levels deep'],
    ['session.case-b', 'slug', 'unique address in the event', 'session.case-a in the same event already uses this address'],
    ['session.nfd', 'slug', 'unique address in the event', 'session.nfc in the same event already uses this address'],
    ['event.zz-case-twin', 'slug', 'unique address', 'The event event.rules already uses this address'],
    ['session.orphan', 'event', 'belongs to a published event', 'Its event event.bad-date is not published, or was left out'],
    ['session.overrun', 'partOf', 'segment inside its parent session', 'This segment runs outside "Good session".'],
  ])('leaves out %s and names %s, the rule and the fix', (id, field, rule, problem) => {
    const entry = entriesFor(id).find((candidate) => candidate.field === field)
    expect(entry, site.output).toMatchObject({rule})
    expect(entry!.problem).toContain(problem)
    expect(entry!.fix.length).toBeGreaterThan(10)
    expect(site.output).toContain(`Left out ${entry!.type} ${id}`)
    expect(site.output).toContain(`${field}: ${entry!.problem} Fix: ${entry!.fix} (rule: ${rule})`)
  })

  it.each([
    ['session.bad-claim', 'claims[_key=="c1"]', 'valid claim', '"true" is not one of "as-claimed"', 'bad-claim'],
    ['session.bad-link-kind', 'links[_key=="l1"]', 'valid link', '"tweet" is not one of "project"', 'bad-link-kind'],
  ])('publishes %s without its bad %s, and warns once', (id, field, rule, problem, slug) => {
    const entries = entriesFor(id)
    expect(entries).toEqual([expect.objectContaining({kind: 'dropped', field, rule})])
    expect(entries[0]!.problem).toContain(problem)
    expect(site.output).toContain(`Warning, dropped from session ${id}`)
    expect(files).toContain(sessionPage(slug))
  })

  it('publishes a document that breaks a rule the Studio only warns about, and logs the warning', () => {
    expect(entriesFor('photo.early')).toEqual([])
    expect(files).toContain('events/rules-summit/photos/early/index.html')
    expect(site.output).toContain(
      'Warning, published anyway: photo photo.early: takenAt: This photo was taken on 2024-03-29 at 13:00, outside "Rules Summit" (2024-03-30 to 2024-04-01).',
    )
    expect(site.output).toContain('(rule: photo taken during its event)')
  })

  it('publishes the first of two documents with the same _id and leaves out the copy', async () => {
    expect(entriesFor('session.good').map((entry) => entry.field)).toEqual(['_id'])
    expect(text(elements(await readPage(site.dir, `/${sessionPage('good')}`), 'h1')[0])).toBe('Good session')
    expect(files.some((file) => file.includes('good-copy'))).toBe(false)
  })

  it('publishes a document whose address clashed only with a document that is left out anyway', async () => {
    expect(entriesFor('session.zz-ends-early-twin')).toEqual([])
    expect(text(elements(await readPage(site.dir, `/${sessionPage('ends-early')}`), 'h1')[0])).toBe('Twin of a left-out session')
  })

  it('publishes no page for a left-out document, and renders links to it as plain text', async () => {
    for (const slug of ['party', 'Rules-Summit', 'keynote', 'orphan']) expect(files).not.toContain(sessionPage(slug))
    expect(files.some((file) => file.startsWith('events/bad-date/'))).toBe(false)
    const day = main(await readPage(site.dir, '/events/rules-summit/day-2/index.html'))
    expect(text(day)).toContain('A link to a left-out session')
    expect(elements(day, 'a').map((link) => text(link))).not.toContain('A link to a left-out session')
    expect(elements(day, 'a').map((link) => attr(link, 'href'))).toContain('/events/rules-summit/sessions/good/')
  })

  it('treats __proto__, constructor, toString and hasOwnProperty as ordinary slugs', () => {
    for (const slug of ['__proto__', 'constructor', 'toString']) expect(files).toContain(sessionPage(slug))
    expect(files).toContain('topics/__proto__/index.html')
    expect(files).toContain('topics/hasOwnProperty/index.html')
  })

  it('publishes a decomposed (NFD) slug under its NFC address in the file name, links and sitemap', async () => {
    const nfc = 'über-straße'.normalize('NFC')
    expect(files).toContain(sessionPage(nfc))
    expect(files.some((file) => file.includes('über'.normalize('NFD')))).toBe(false)
    const hrefs = elements(await readPage(site.dir, '/events/rules-summit/index.html'), 'a').map((link) => attr(link, 'href'))
    expect(hrefs).toContain(`/events/rules-summit/sessions/${encodeURIComponent(nfc)}/`)
    const sitemap = await readFile(join(site.dir, 'sitemap-0.xml'), 'utf8')
    expect(sitemap).toContain(`/events/rules-summit/sessions/${encodeURIComponent(nfc)}/</loc>`)
  })

  it('skips unknown block types and inline objects in pages and plain-text exports', async () => {
    for (const file of files.filter((name) => /\.(html|ics|json|xml)$/.test(name) && !name.startsWith('pagefind/'))) {
      const body = await readFile(join(site.dir, file), 'utf8')
      expect(body, file).not.toContain('UNKNOWN BLOCK TEXT')
      expect(body, file).not.toContain('UNKNOWN INLINE TEXT')
    }
    expect(text(main(await readPage(site.dir, '/events/rules-summit/day-2/index.html')))).toContain('Before the inline object.')
  })
})

describe('the XML files of a site with nasty content', () => {
  const xmllint = (...args: string[]) => spawnSync('xmllint', ['--noout', ...args], {encoding: 'utf8'})

  it('all parse with a strict XML parser, control characters removed', async () => {
    const xml = files.filter((file) => file.endsWith('.xml'))
    expect(xml).toEqual(
      expect.arrayContaining(['rss.xml', 'sitemap.xml', 'sitemap-index.xml', 'sitemap-0.xml', 'events/rules-summit/schedule.xml']),
    )
    for (const file of xml) expect(xmllint(join(site.dir, file)).stderr, file).toBe('')
    const feed = await readFile(join(site.dir, 'rss.xml'), 'utf8')
    expect(feed).toContain('<title>Bell and  title</title>')
  })

  it('publishes schedule.xml that validates against the frab XSD', () => {
    const result = xmllint('--schema', 'test/fixtures/exports/frab-schedule.xml.xsd', join(site.dir, 'events/rules-summit/schedule.xml'))
    expect(result.status, result.stderr).toBe(0)
  })

  it('gives the feed its own address, language and last build date', async () => {
    const feed = await readFile(join(site.dir, 'rss.xml'), 'utf8')
    expect(feed).toContain('<atom:link href="https://recap.example/rss.xml" rel="self" type="application/rss+xml"/>')
    expect(feed).toContain('<language>en</language>')
    expect(feed).toMatch(/<lastBuildDate>Sun, 31 Mar 2024 \d\d:\d\d:\d\d GMT<\/lastBuildDate>/)
  })

  it('answers /sitemap.xml with the sitemap index, and offers schedule.xml and Giggity on the event page', async () => {
    expect(await readFile(join(site.dir, 'sitemap.xml'), 'utf8')).toBe(await readFile(join(site.dir, 'sitemap-index.xml'), 'utf8'))
    const hrefs = elements(await readPage(site.dir, '/events/rules-summit/index.html'), 'a').map((link) => attr(link, 'href'))
    expect(hrefs).toContain('/events/rules-summit/schedule.xml')
    expect(hrefs).toContain(`https://ggt.gaa.st/#url=${encodeURIComponent('https://recap.example/events/rules-summit/schedule.xml')}`)
  })
})
