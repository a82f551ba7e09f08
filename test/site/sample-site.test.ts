import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import Ajv from 'ajv'
import ICAL from 'ical.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {generateDataset} from '../../bench/generate.ts'
import {buildSite, tempDir, type BuildResult} from '../helpers/build.ts'
import {startContentLake, type ContentLake} from '../helpers/contentLake.ts'
import {attr, elements, listFiles, main, readPage, text, type HtmlDocument} from '../helpers/html.ts'
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with {type: 'json'}
import scheduleSchema from '../fixtures/exports/c3voc-schedule.schema.json' with {type: 'json'}

const EVENT = '/events/ossummit-barcelona-2016/'
const session = (slug: string) => `${EVENT}sessions/${slug}/`
const demo = (slug: string) => `${EVENT}demos/${slug}/`

let embedded: BuildResult
let lake: ContentLake
let fromLake: BuildResult

// Agenda times must come from the event's zone, so the build runs in a zone far from Barcelona.
beforeAll(async () => {
  embedded = await buildSite({TZ: 'Pacific/Auckland'})
  lake = await startContentLake('dataset/production.ndjson')
  fromLake = await buildSite({SANITY_PROJECT_ID: 'recap0000', SANITY_DATASET: 'production', SANITY_API_HOST: lake.url})
}, 300_000)
afterAll(() => lake?.close())

const page = (path: string) => readPage(embedded.dir, path)
const mainText = async (path: string) => text(main(await page(path)))
const hrefs = (document: HtmlDocument) => elements(document, 'a').map((link) => attr(link, 'href') ?? '')

describe('the sample site', () => {
  it('builds every page from one query', () => {
    expect(embedded.code, embedded.output).toBe(0)
    expect(embedded.output).toMatch(/\d+ pages from 1 query/)
  })

  it('shows the China Telecom figure on the event page and the keynote page', async () => {
    for (const path of [EVENT, session('keynote-multicloud')]) {
      const content = await mainText(path)
      expect(content).toContain('2,000,000 m²')
      expect(content).toContain('China Telecom')
    }
  })

  it("states Crowdstar's Ironic results as claims by Crowdstar", async () => {
    const content = await mainText(session('crowdstar-ironic'))
    expect(content).toMatch(/60%[^—]*— as claimed by Crowdstar/)
    expect(content).toMatch(/40 ms[^—]*— as claimed by Crowdstar/)
    expect(content).toContain('Ironic')
  })

  it('compares the 56 MB unikernel with the 2 GB VM image on the MIKELANGELO page', async () => {
    const content = await mainText(session('mikelangelo-unikernels'))
    expect(content).toContain('56 MB')
    expect(content).toContain('2 GB')
    expect(content).toContain('MIKELANGELO')
  })

  it('has a page for every other talk the recap covers', async () => {
    expect(await mainText(session('gpu-virtualisation-nomad'))).toMatch(/Nomad/)
    expect(await mainText(session('tensorflow-magnum-sahara'))).toMatch(/Magnum[\s\S]*Sahara|Sahara[\s\S]*Magnum/)
    expect(await mainText(session('arm-openstack-linaro'))).toMatch(/Linaro/)
    expect(await mainText(session('arm-openstack-linaro'))).toMatch(/UEFI/)
    expect(await mainText(session('rackspace-party'))).toMatch(/Rackspace/)
  })

  it('has a page for each demo, and says where the booth demo was shown', async () => {
    expect(await mainText(demo('openstack-ci-cd'))).toMatch(/CI\/CD/)
    expect(await mainText(demo('openstack-omni'))).toMatch(/Omni/)
    const hololens = await mainText(demo('cloudbase-hololens'))
    expect(hololens).toMatch(/HoloLens/)
    expect(hololens).toMatch(/Cloudbase/)
    expect(hololens).toMatch(/booth/i)
  })

  it('links every session and demo from the day 2 recap', async () => {
    const links = hrefs(main(await page(`${EVENT}day-2/`)))
    for (const slug of [
      'keynote-multicloud',
      'crowdstar-ironic',
      'gpu-virtualisation-nomad',
      'tensorflow-magnum-sahara',
      'mikelangelo-unikernels',
      'arm-openstack-linaro',
      'rackspace-party',
    ]) {
      expect(links).toContain(session(slug))
    }
    for (const slug of ['openstack-ci-cd', 'openstack-omni', 'cloudbase-hololens']) expect(links).toContain(demo(slug))
  })

  it('renders the photos the recap points at as figures with captions', async () => {
    const figures = elements(main(await page(`${EVENT}day-2/`)), 'figure')
    expect(figures.length).toBeGreaterThanOrEqual(1)
    expect(text(figures[0])).toMatch(/Illustration/)
    expect(elements(figures[0], 'img').every((image) => (attr(image, 'alt') ?? '').length > 0)).toBe(true)
  })

  it('leads the front page with coverage, linking the event once and repeating no event card', async () => {
    const home = await page('/')
    expect(hrefs(main(home)).filter((href) => href === EVENT)).toHaveLength(1)
    expect(elements(main(home), 'article').filter((element) => (attr(element, 'class') ?? '').includes('event-card'))).toEqual([])
    expect(await mainText('/')).toMatch(/Latest coverage/i)
  })

  it('says that day 1 was not covered, and still lists it', async () => {
    expect(await mainText(`${EVENT}day-1/`)).toContain('We did not cover this day')
    expect(hrefs(main(await page(EVENT)))).toContain(`${EVENT}day-1/`)
  })

  it('shows agenda times in Barcelona time even when built in Auckland', async () => {
    const content = await mainText(EVENT)
    expect(content).toMatch(/09:00\s*–\s*10:30/)
    expect(content).toMatch(/19:30\s*–\s*23:30/)
  })

  it('never shows the draft document', async () => {
    for (const file of await listFiles(embedded.dir)) {
      if (!/\.(html|xml|json|ics)$/.test(file)) continue
      const content = await readFile(join(embedded.dir, file), 'utf8')
      expect(content, file).not.toMatch(/Neutron networking roundtable|neutron-roundtable/)
    }
  })

  it('never prints undefined or null, and loads no script on content pages', async () => {
    for (const file of (await listFiles(embedded.dir)).filter((name) => name.endsWith('.html'))) {
      const document = await page(`/${file}`)
      expect(text(document), file).not.toMatch(/\b(undefined|null|NaN)\b/)
      if (file.startsWith('search/')) continue
      const scripts = elements(document, 'script').filter((script) => attr(script, 'type') !== 'application/ld+json')
      expect(
        scripts.map((script) => attr(script, 'src') ?? 'inline'),
        file,
      ).toEqual([])
    }
  })

  it('gives every page a title, a description and a canonical URL on SITE_URL', async () => {
    for (const file of (await listFiles(embedded.dir)).filter((name) => name.endsWith('.html'))) {
      const document = await page(`/${file}`)
      expect(text(elements(document, 'title')[0] ?? document), file).not.toBe('')
      const meta = elements(document, 'meta', (element) => attr(element, 'name') === 'description')
      expect(attr(meta[0] ?? {nodeName: 'x'}, 'content') ?? '', file).not.toBe('')
      if (file === '404.html') continue
      const canonical = elements(document, 'link', (element) => attr(element, 'rel') === 'canonical')
      expect(attr(canonical[0] ?? {nodeName: 'x'}, 'href'), file).toMatch(/^https:\/\/recap\.example\//)
    }
  })

  it('describes the conference, the day recaps and the photos in JSON-LD', async () => {
    const jsonLd = async (path: string) =>
      elements(await page(path), 'script', (script) => attr(script, 'type') === 'application/ld+json').map((script) =>
        JSON.parse(text({nodeName: 'div', childNodes: script.childNodes})),
      )
    const [event] = await jsonLd(EVENT)
    expect(event['@type']).toBe('Event')
    expect(event.subEvent).toHaveLength(8)
    const [day] = await jsonLd(`${EVENT}day-2/`)
    expect(day['@type']).toBe('BlogPosting')
    expect(day.isBasedOn.url).toBe('https://blog.zhaw.ch/icclab/')
    const [photo] = await jsonLd(`${EVENT}photos/china-telecom-slide/`)
    expect(photo['@type']).toBe('ImageObject')
    expect(photo.creditText).toBe('Illustration by Recap')
  })

  it('publishes a calendar and a schedule.json that parse and carry Barcelona times', async () => {
    const calendar = new ICAL.Component(
      ICAL.parse(await readFile(join(embedded.dir, 'events/ossummit-barcelona-2016/calendar.ics'), 'utf8')),
    )
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
    const keynote = calendar
      .getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent))
      .find((event) => /keynote/i.test(event.summary))!
    expect(keynote.startDate.toJSDate().toISOString()).toBe('2016-10-26T07:00:00.000Z')

    const schedule = JSON.parse(await readFile(join(embedded.dir, 'events/ossummit-barcelona-2016/schedule.json'), 'utf8'))
    const ajv = new Ajv({strict: false, validateFormats: false})
    ajv.addMetaSchema(draft06)
    expect(ajv.validate(scheduleSchema, schedule), JSON.stringify(ajv.errors)).toBe(true)
    const talks = schedule.schedule.conference.days.flatMap(
      (day: {rooms: Record<string, {title: string; start: string; date: string}[]>}) => Object.values(day.rooms).flat(),
    )
    const first = talks.find((talk: {title: string}) => /keynote/i.test(talk.title))
    expect(first.start).toBe('09:00')
    expect(first.date).toBe('2016-10-26T09:00:00+02:00')
  })
})

describe('the Content Lake backend', () => {
  it('runs the same number of queries for a dataset ten times larger', async () => {
    const dir = await tempDir('tenfold')
    const file = await generateDataset(dir, {events: 10, sessions: 80, demos: 30, photos: 50, imageWidth: 480})
    const larger = await startContentLake(file)
    try {
      const result = await buildSite({SANITY_PROJECT_ID: 'recap0000', SANITY_API_HOST: larger.url})
      expect(result.code, result.output).toBe(0)
      expect(larger.requests).toBe(lake.requests)
      const pages = Number(/(\d+) pages from/.exec(result.output)?.[1])
      expect(pages).toBeGreaterThan(5 * Number(/(\d+) pages from/.exec(fromLake.output)?.[1]))
    } finally {
      await larger.close()
    }
  }, 300_000)

  it('builds pages identical to the embedded backend, with one request', async () => {
    expect(fromLake.code, fromLake.output).toBe(0)
    expect(lake.requests).toBe(1)
    const files = await listFiles(embedded.dir)
    expect(await listFiles(fromLake.dir)).toEqual(files)
    for (const file of files.filter((name) => /\.(html|xml|json|ics)$/.test(name) && !name.startsWith('pagefind/'))) {
      const [a, b] = await Promise.all([readFile(join(embedded.dir, file), 'utf8'), readFile(join(fromLake.dir, file), 'utf8')])
      expect(b, file).toBe(a)
    }
  })
})
