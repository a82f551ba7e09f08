import {evaluate, parse} from 'groq-js'
import {beforeAll, describe, expect, it} from 'vitest'
import {readNdjson, type RawDocument} from '../../src/lib/content/ndjson.ts'
import {documentLocations, LOCATIONS_QUERY, type LocatedDocument} from '../../studio/locations.ts'

let dataset: RawDocument[]
const locate = async (id: string) => {
  const result = await evaluate(parse(LOCATIONS_QUERY, {params: {id}}), {dataset, params: {id}})
  return documentLocations((await result.get()) as LocatedDocument | null)
}
const hrefs = async (id: string) => (await locate(id)).locations?.map((location) => location.href)

beforeAll(async () => {
  // Raw, as the Studio sees the dataset: drafts stay under their own ids.
  dataset = await readNdjson('dataset/production.ndjson')
})

describe('where the Presentation tool says a document is shown', () => {
  it('lists a session on its own page, its event, its day and its topics', async () => {
    expect(await hrefs('session.crowdstar-ironic')).toEqual([
      '/events/ossummit-barcelona-2016/sessions/crowdstar-ironic/',
      '/events/ossummit-barcelona-2016/',
      '/events/ossummit-barcelona-2016/day-2/',
      '/topics/bare-metal/',
      '/topics/containers/',
    ])
  })

  it('locates the sample draft from its draft, before it is ever published', async () => {
    const pages = await hrefs('session.openstack-day2-draft-neutron-roundtable')
    expect(pages?.[0]).toBe('/events/ossummit-barcelona-2016/sessions/neutron-roundtable/')
    expect(pages).toContain('/events/ossummit-barcelona-2016/day-3/')
  })

  it('lists an event, a topic and a photo on their pages', async () => {
    expect(await hrefs('event.ossummit-barcelona-2016')).toEqual(['/events/ossummit-barcelona-2016/', '/events/'])
    expect(await hrefs('topic.bare-metal')).toEqual(['/topics/bare-metal/', '/topics/'])
    const photo = dataset.find((document) => document._type === 'photo' && document.session)!
    const pages = (await hrefs(photo._id))!
    expect(pages[0]).toBe(`/events/ossummit-barcelona-2016/photos/${photo._id.replace(/^photo\./, '')}/`)
    expect(pages.some((href) => href.includes('/sessions/'))).toBe(true)
  })

  it('says so when a document has no page yet', async () => {
    expect(documentLocations({_id: 'session.new', _type: 'session', title: 'New'})).toMatchObject({tone: 'caution'})
  })
})
