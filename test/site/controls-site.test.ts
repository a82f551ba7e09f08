// A dataset with control characters, noncharacters and lone surrogates in every text field
// (test/fixtures/controls/): the site builds as if they were not there, and no page carries one.
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parse} from 'parse5'
import {beforeAll, describe, expect, it} from 'vitest'
import {parseNdjson} from '../../src/lib/content/ndjson.ts'
import {buildSite, tempDir, type BuildResult} from '../helpers/build.ts'
import {attr, elements, listFiles, parseHtml, text} from '../helpers/html.ts'

const FIXTURE = 'test/fixtures/controls/production.ndjson'
// Controls (C0, DEL, C1) but tab, LF and CR; noncharacters; lone surrogates.
const UNSAFE = /(?![\t\n\r])[\p{Cc}\p{Noncharacter_Code_Point}\p{Cs}]/u
// In a written file, U+FFFD too: a lone surrogate becomes one in UTF-8, and the dataset holds none.
const WRITTEN = new RegExp(`${UNSAFE.source}|\\uFFFD`, 'u')
const CHARACTER_ERRORS = new Set([
  'control-character-in-input-stream',
  'noncharacter-in-input-stream',
  'surrogate-in-input-stream',
  'unexpected-null-character',
])

let site: BuildResult
let htmlFiles: string[]

beforeAll(async () => {
  site = await buildSite({RECAP_DATASET: FIXTURE, RECAP_CACHE_DIR: join(await tempDir('controls-cache'), 'astro')})
  htmlFiles = site.code === 0 ? (await listFiles(site.dir)).filter((file) => file.endsWith('.html')) : []
}, 300_000)

/** Every string in `value` that a person typed: system fields (`_id`, `_ref`, `_sanityAsset`…) aside. */
function textFields(value: unknown, key = ''): string[] {
  if (key.startsWith('_')) return []
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((item) => textFields(item))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, inner]) => textFields(inner, name))
  return []
}

describe('a dataset with control characters in every text field', () => {
  it('has them in every text field', async () => {
    const fields = parseNdjson(await readFile(FIXTURE, 'utf8'), FIXTURE).flatMap((document) => textFields(document))
    expect(fields.length).toBeGreaterThan(300)
    expect(fields.filter((field) => !UNSAFE.test(field))).toEqual([])
  })

  it('builds every page, leaving nothing out', () => {
    expect(site.code, site.output).toBe(0)
    expect(site.output).not.toMatch(/left out/i)
    expect(htmlFiles.length).toBeGreaterThan(30)
  })

  it('gives HTML parse5 reads without a character error', async () => {
    expect(htmlFiles.length).toBeGreaterThan(30)
    const errors: string[] = []
    for (const file of htmlFiles) {
      const html = await readFile(join(site.dir, file), 'utf8')
      parse(html, {onParseError: ({code, startOffset}) => CHARACTER_ERRORS.has(code) && errors.push(`${file}@${startOffset}: ${code}`)})
    }
    expect(errors).toEqual([])
  })

  it('leaves none in pages, JSON-LD, feeds, calendars or schedules', async () => {
    const files = (await listFiles(site.dir)).filter((file) => /\.(html|xml|ics|json|txt)$/.test(file) && !file.startsWith('pagefind/'))
    expect(files.length).toBeGreaterThan(30)
    for (const file of files) expect(WRITTEN.exec(await readFile(join(site.dir, file), 'utf8'))?.index, file).toBeUndefined()
  })

  it('shows the text, rooms, alt text and JSON-LD without them', async () => {
    const page = async (file: string) => parseHtml(await readFile(join(site.dir, 'events/ossummit-barcelona-2016', file), 'utf8'))
    const event = await page('index.html')
    expect(text(elements(event, 'h1')[0]!)).toBe('OpenStack Summit Barcelona 2016')
    expect(elements(event, 'img').map((image) => attr(image, 'alt'))).toContain(
      'Dark blue slide-style card. Large white text reads "2,000,000 m²"; below it, "China Telecom · OpenStack in its data centres" and "Deployment announced during the day-2 keynote".',
    )
    const session = await page('sessions/crowdstar-ironic/index.html')
    expect(elements(session, 'dd').map((detail) => text(detail))).toContain('Hall 13 · Keynotes track')
    const jsonLd = elements(session, 'script', (script) => attr(script, 'type') === 'application/ld+json').map((script) =>
      JSON.parse(script.childNodes?.[0]?.value ?? ''),
    )
    expect(jsonLd.map((data) => data.location?.name)).toContain('Hall 13')
  })
})
