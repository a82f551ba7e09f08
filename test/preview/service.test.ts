// The draft preview as an editor and a reader meet it, through `npm start` with the real site build.
import {readdir, readFile, readlink, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRealService, type RunningService} from '../helpers/previewService.ts'

const SECRET = 'a long preview secret'
const EVENT = '/events/ossummit-barcelona-2016/'
// The sample dataset's one draft: a session that was never published.
const DRAFT_PAGE = `${EVENT}sessions/neutron-roundtable/`
const DRAFT_TITLE = 'Draft: Neutron networking roundtable (unpublished)'
const DRAFT_TRACES = [
  'Neutron networking roundtable',
  'neutron-roundtable',
  '5b3aec92-ce1c-415c-acef-858104aa674f',
  'Unpublished placeholder',
  'roundtabl',
]
const PUBLISHED_PAGE = `${EVENT}sessions/crowdstar-ironic/`
const PUBLISHED_TITLE = 'Crowdstar on Ironic: bare metal alongside containers'

let service: RunningService
let cookie = ''

/** The page's main heading, as a reader sees it. */
const heading = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1]

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${service.url}${path}`, {headers, redirect: 'manual'})
const asEditor = (path: string) => get(path, {cookie})

/** Every file of the live release as text, gzip-compressed search index files unpacked. */
async function releaseTexts(): Promise<Map<string, string>> {
  const root = join(service.releases, await readlink(join(service.releases, 'current')))
  const texts = new Map<string, string>()
  for (const name of await readdir(root, {recursive: true})) {
    const bytes = await readFile(join(root, name)).catch(() => null)
    if (!bytes) continue
    const unpacked = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
    texts.set(name, unpacked.toString('latin1') + unpacked.toString('utf8'))
  }
  return texts
}

/**
 * Opens the preview's change feed and reads the version it announces first; `next` resolves with
 * the one after it. Awaited before an edit, so the edit cannot slip in before the feed is open.
 */
async function nextVersion(): Promise<{next: Promise<string>}> {
  const stream = await asEditor('/api/preview/events')
  const reader = stream.body!.getReader()
  const versions: string[] = []
  let buffer = ''
  const readUntil = async (count: number) => {
    while (versions.length < count) {
      const {value, done} = await reader.read()
      if (done) throw new Error('the event stream ended')
      buffer += new TextDecoder().decode(value)
      for (const match of buffer.matchAll(/event: version\ndata: (\S+)\n\n/g)) versions.push(match[1]!)
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    }
  }
  await readUntil(1)
  const next = readUntil(2).then(async () => {
    await reader.cancel()
    return versions[1]!
  })
  return {next}
}

beforeAll(async () => {
  service = await startRealService({RECAP_PREVIEW_SECRET: SECRET, SITE_URL: 'https://recap.example'})
}, 180_000)

afterAll(async () => {
  await service?.stop()
})

describe('the draft preview', () => {
  it('turns a wrong secret away in one sentence, sets no cookie and shows no draft', async () => {
    const response = await get(`/api/preview/enable?secret=wrong&redirect=${encodeURIComponent(DRAFT_PAGE)}`)
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await response.text()).toBe('The preview secret is wrong, so no preview is shown.\n')
    expect((await get(DRAFT_PAGE)).status).toBe(404)
    expect((await get('/api/preview/events')).status).toBe(401)
  })

  it('lets the right secret in and shows the draft on the real session page, private and unindexed', async () => {
    const entry = await get(`/api/preview/enable?secret=${encodeURIComponent(SECRET)}&redirect=${encodeURIComponent(DRAFT_PAGE)}`)
    expect(entry.status).toBe(307)
    expect(entry.headers.get('location')).toBe(DRAFT_PAGE)
    cookie = entry.headers.get('set-cookie')!.split(';')[0]!
    expect(entry.headers.get('set-cookie')).toMatch(/HttpOnly/)

    const page = await asEditor(DRAFT_PAGE)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    expect(page.headers.get('x-robots-tag')).toContain('noindex')
    const html = await page.text()
    expect(heading(html)).toBe(DRAFT_TITLE)
    expect(html).toMatch(/<meta name="robots" content="noindex/)
    // The event's programme lists the draft session too.
    expect((await (await asEditor(EVENT)).text()).includes(DRAFT_TITLE)).toBe(true)
  })

  it('shows an edited draft over its published document, without a reload, while readers keep the published title', async () => {
    const changed = await nextVersion()
    const lines = (await readFile(service.dataset, 'utf8')).trimEnd().split('\n')
    const published = JSON.parse(lines.find((line) => line.includes('"_id":"session.crowdstar-ironic"'))!)
    const draft = {...published, _id: `drafts.${published._id}`, title: 'Crowdstar on Ironic, retitled in a draft'}
    await writeFile(service.dataset, `${[...lines, JSON.stringify(draft)].join('\n')}\n`)
    await changed.next

    expect(heading(await (await asEditor(PUBLISHED_PAGE)).text())).toBe('Crowdstar on Ironic, retitled in a draft')
    const reader = await (await get(PUBLISHED_PAGE)).text()
    expect(heading(reader)).toBe(PUBLISHED_TITLE)
    expect(reader.includes('retitled in a draft')).toBe(false)
  })

  it('leaves out a draft that breaks a rule, names it as the build log would, and drops the notice once it is fixed', async () => {
    const before = await readFile(service.dataset, 'utf8')
    const broken = {
      _id: 'drafts.session.half-written',
      _type: 'session',
      title: 'Half written',
      slug: {_type: 'slug', current: 'half-written'},
    }
    let changed = await nextVersion()
    await writeFile(service.dataset, `${before}${JSON.stringify(broken)}\n`)
    await changed.next
    const page = await asEditor(PUBLISHED_PAGE)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    const html = await page.text()
    expect(heading(html)).toMatch(/^Crowdstar on Ironic/)
    expect(html).toContain('Left out session session.half-written (&#34;Half written&#34;): kind: The session has no kind.')
    expect((await asEditor(`${EVENT}sessions/half-written/`)).status).toBe(404)
    expect(await (await get(PUBLISHED_PAGE)).text()).not.toContain('half-written')

    changed = await nextVersion()
    await writeFile(service.dataset, before)
    await changed.next
    expect(await (await asEditor(PUBLISHED_PAGE)).text()).not.toContain('Left out')
  })

  it('keeps every draft out of the public site, its feed, calendars, schedule, sitemap and search index, even after a rebuild', async () => {
    const swaps = () => service.lines.filter((line) => line.includes('release.swapped')).length
    const before = swaps()
    expect(
      (
        await fetch(`${service.url}/api/rebuild`, {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: '{"_id":"session.crowdstar-ironic","_type":"session"}',
        })
      ).status,
    ).toBeLessThan(300)
    for (let waited = 0; swaps() === before; waited += 100) {
      if (waited > 120_000) throw new Error(`no rebuild:\n${service.lines.join('\n')}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }

    const texts = await releaseTexts()
    for (const kind of ['index.html', 'rss.xml', 'calendar.ics', 'schedule.json', 'sitemap-0.xml', 'pf_fragment']) {
      expect(
        [...texts.keys()].some((name) => name.endsWith(kind)),
        kind,
      ).toBe(true)
    }
    // The scan reads what readers get: the published session is in the search index and the feed.
    for (const kind of ['pf_fragment', 'rss.xml']) {
      expect(
        [...texts].some(([name, text]) => name.endsWith(kind) && text.includes('Crowdstar')),
        kind,
      ).toBe(true)
    }
    for (const [name, text] of texts) {
      for (const trace of [...DRAFT_TRACES, 'retitled in a draft']) expect(text.includes(trace), `${trace} in ${name}`).toBe(false)
    }
    // An editor in preview still gets the public feed, calendar and schedule.
    for (const path of ['/rss.xml', `${EVENT}calendar.ics`, `${EVENT}schedule.json`, '/sitemap-0.xml']) {
      const text = await (await asEditor(path)).text()
      expect(text.length, path).toBeGreaterThan(0)
      expect(text.includes('Neutron'), path).toBe(false)
    }
  })

  it('lets an editor already in the preview through any entry link, as the Presentation tool sends', async () => {
    const entry = await asEditor(
      `/api/preview/enable?sanity-preview-secret=made-by-the-studio&sanity-preview-pathname=${encodeURIComponent(EVENT)}`,
    )
    expect(entry.status).toBe(307)
    expect(entry.headers.get('location')).toBe(EVENT)
    expect((await get(`/api/preview/enable?sanity-preview-secret=made-by-the-studio`)).status).toBe(401)
  })

  it('ends when the editor leaves it', async () => {
    const leave = await asEditor('/api/preview/disable')
    expect(leave.headers.get('set-cookie')).toMatch(/^recap_preview=; Max-Age=0/)
  })
})
