// The Studio's Content Lake stand-in on its own: queries, actions, revisions, listeners, uploads, HTTP/2.
import {connect} from 'node:http2'
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {seedFromFiles, startStudioLake} from '../helpers/contentLake.ts'
import {StudioLake, type LakeRequest} from '../helpers/lake/handler.ts'
import {DATASET_FILE, FIXTURES_DIR} from '../helpers/validate.ts'

const PROJECT = 'recap0000'
const API = `${PROJECT}.api.sanity.io`
const seed = await seedFromFiles([DATASET_FILE, resolve(FIXTURES_DIR, 'invalid/slug-twice-in-event.ndjson')], PROJECT, 'production')

let lake: StudioLake
beforeEach(() => void (lake = new StudioLake({projectId: PROJECT, dataset: 'production', ...seed, files: new Map(seed.files)})))

const call = (request: Partial<LakeRequest> & {url: string}) => lake.handle({method: 'GET', host: API, ...request})
const send = (url: string, body: unknown) => call({method: 'POST', url, body: Buffer.from(JSON.stringify(body))})
const act = (...actions: unknown[]) => send('/v2025-02-19/data/actions/production', {actions})
const bodyOf = (response: {body?: string | Buffer}) => JSON.parse(String(response.body))
async function query(groq: string, perspective = 'raw', params: Record<string, unknown> = {}) {
  const search = new URLSearchParams({query: groq, perspective})
  for (const [key, value] of Object.entries(params)) search.set(`$${key}`, JSON.stringify(value))
  return bodyOf(await call({url: `/v2025-02-19/data/query/production?${search}`})).result
}

describe('queries', () => {
  it('see the sample dataset and the fixture files, drafts included in the raw perspective', async () => {
    expect(await query('count(*[_type == "session" && event._ref == "event.ossummit-barcelona-2016"])')).toBeGreaterThan(5)
    expect(await query('*[_id == "drafts.session.berlin-opening"][0]._updatedAt')).toEqual(expect.any(String))
  })
  it('show a draft in place of its published document in the drafts perspective', async () => {
    const [doc] = await query('*[_id == "session.berlin-opening"]', 'drafts')
    expect(doc._originalId).toBe('drafts.session.berlin-opening')
  })
  it('run the Studio’s list searches, whose text::query() groq-js cannot evaluate', async () => {
    const titles = await query('*[_type == "topic" && [title] match text::query($q)].title', 'raw', {q: 'bare*'})
    expect(titles).toEqual(['Bare metal'])
  })
  it('answer /data/doc with the documents found and those omitted', async () => {
    const answer = bodyOf(await call({url: '/v2025-02-19/data/doc/production/event.ossummit-barcelona-2016,event.nope'}))
    expect(answer.documents.map((doc: {_id: string}) => doc._id)).toEqual(['event.ossummit-barcelona-2016'])
    expect(answer.omitted).toEqual([{id: 'event.nope', reason: 'existence'}])
  })
})

describe('document actions', () => {
  const topic = {_id: 'drafts.topic.new', _type: 'topic', title: 'Edge'}
  const create = {actionType: 'sanity.action.document.create', publishedId: 'topic.new', attributes: topic, ifExists: 'fail'}
  const edit = (set: object, ifRevisionID?: string) => ({
    actionType: 'sanity.action.document.edit',
    draftId: 'drafts.topic.new',
    publishedId: 'topic.new',
    patch: {set, ifRevisionID},
  })
  const publish = {actionType: 'sanity.action.document.publish', draftId: 'drafts.topic.new', publishedId: 'topic.new'}

  it('create a draft, edit it with a patch, and publish it: the value moves to the published document', async () => {
    expect((await act(create)).status).toBe(200)
    const rev = lake.store.get('drafts.topic.new')!._rev
    expect((await act(edit({title: 'Edge computing'}, rev))).status).toBe(200)
    expect((await act(publish)).status).toBe(200)
    expect(lake.store.get('topic.new')).toMatchObject({title: 'Edge computing', _type: 'topic'})
    expect(lake.store.get('drafts.topic.new')).toBeNull()
    expect(lake.lastAction('sanity.action.document.edit')).toMatchObject({patch: {set: {title: 'Edge computing'}}})
  })
  it('edit a published document by making its draft first', async () => {
    await act({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.topic.gpu',
      publishedId: 'topic.gpu',
      patch: {set: {title: 'Accelerators'}},
    })
    expect(lake.store.get('drafts.topic.gpu')).toMatchObject({title: 'Accelerators', slug: {current: 'gpu'}})
    expect(lake.store.get('topic.gpu')).toMatchObject({title: 'GPUs'})
  })
  it('answer 409 on a revision mismatch and change nothing', async () => {
    await act(create)
    const response = await act(edit({title: 'Stale'}, 'not-the-revision'))
    expect(response.status).toBe(409)
    expect(bodyOf(response).error.description).toMatch(/unexpected revision/)
    expect(lake.store.get('drafts.topic.new')).toMatchObject({title: 'Edge'})
    expect((await act({...publish, ifDraftRevisionId: 'stale'})).status).toBe(409)
    expect(lake.store.get('topic.new')).toBeNull()
  })
  it('answer 409 when creating a document that exists', async () => {
    await act(create)
    expect((await act(create)).status).toBe(409)
  })
  it('unpublish into a draft, discard the draft, delete a document and its drafts', async () => {
    await act(create, publish)
    await act({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.topic.new', publishedId: 'topic.new'})
    expect(lake.store.get('topic.new')).toBeNull()
    expect(lake.store.get('drafts.topic.new')).toMatchObject({title: 'Edge'})
    await act({actionType: 'sanity.action.document.discard', draftId: 'drafts.topic.new'})
    expect(lake.store.get('drafts.topic.new')).toBeNull()
    await act({
      actionType: 'sanity.action.document.delete',
      publishedId: 'session.berlin-opening',
      includeDrafts: ['drafts.session.berlin-opening'],
    })
    expect(lake.store.get('session.berlin-opening')).toBeNull()
    expect(lake.store.get('drafts.session.berlin-opening')).toBeNull()
  })
  it('refuse to delete or unpublish a document that others refer to', async () => {
    const unpublish = await act({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.topic.gpu', publishedId: 'topic.gpu'})
    expect(unpublish.status).toBe(409)
    const response = await act({actionType: 'sanity.action.document.delete', publishedId: 'event.berlin-2016', includeDrafts: []})
    expect(response.status).toBe(409)
    expect(bodyOf(response).error.description).toMatch(/references to it from "session.berlin-opening"/)
    expect(lake.store.get('event.berlin-2016')).not.toBeNull()
  })
})

describe('what the stand-in does not understand', () => {
  it('is a problem for any /data/* request, which the test fails on', async () => {
    expect((await send('/v2025-02-19/data/mutate/production', {mutations: []})).status).toBe(400)
    expect((await act({actionType: 'sanity.action.release.create'})).status).toBe(400)
    expect((await call({url: '/v1/data/query/production?query=*['})).status).toBe(400)
    expect(lake.problems).toHaveLength(3)
    expect(lake.problems[0]).toMatch(/^POST \/v2025-02-19\/data\/mutate\/production/)
  })
  it('is only noted for other calls, answered empty', async () => {
    expect((await call({url: '/v2025-02-19/something/new'})).status).toBe(200)
    expect(lake.unknown).toEqual([`GET ${API}/v2025-02-19/something/new`])
    expect(lake.problems).toEqual([])
  })
})

describe('listeners', () => {
  it('hear a mutation event with the whole document as a Mendoza value, only for documents their query selects', async () => {
    const search = new URLSearchParams({query: '*[_type == "topic"]', includeResult: 'false', effectFormat: 'mendoza'})
    const {stream, headers} = await call({url: `/v2025-02-19/data/listen/production?${search}`})
    expect(headers?.['content-type']).toBe('text/event-stream')
    const chunks: string[] = []
    const stop = stream!((chunk) => chunks.push(chunk))
    await act({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.event.berlin-2016',
      publishedId: 'event.berlin-2016',
      patch: {set: {title: 'B'}},
    })
    await act({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.topic.gpu',
      publishedId: 'topic.gpu',
      patch: {set: {title: 'Accelerators'}},
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    stop()
    expect(chunks[0]).toMatch(/^event: welcome\ndata: \{"listenerName"/)
    expect(chunks).toHaveLength(2)
    const event = JSON.parse(chunks[1]!.split('data: ')[1]!)
    expect(event).toMatchObject({
      documentId: 'drafts.topic.gpu',
      transition: 'appear',
      visibility: 'query',
      effects: {apply: [0, {title: 'Accelerators'}]},
    })
    expect(event.resultRev).toBe(lake.store.get('drafts.topic.gpu')!._rev)
    expect(event.result).toBeUndefined()
  })
})

describe('image uploads', () => {
  it('store an asset sized by sharp and serve it from cdn.sanity.io', async () => {
    const bytes = readFileSync(resolve(FIXTURES_DIR, 'invalid/images/placeholder.jpg'))
    const response = await call({method: 'POST', url: '/v2025-02-19/assets/images/production?filename=p.jpg', body: bytes})
    const {document} = bodyOf(response)
    expect(document).toMatchObject({_type: 'sanity.imageAsset', originalFilename: 'p.jpg', extension: 'jpg'})
    expect(document._id).toMatch(/^image-[0-9a-f]{40}-\d+x\d+-jpg$/)
    expect(lake.store.get(document._id)).not.toBeNull()
    const image = await lake.handle({method: 'GET', host: 'cdn.sanity.io', url: new URL(document.url).pathname})
    expect(Buffer.compare(image.body as Buffer, bytes)).toBe(0)
  })
  it('serve the seeded images too', async () => {
    const url = await query('*[_type == "sanity.imageAsset"][0].url')
    const image = await lake.handle({method: 'GET', host: 'cdn.sanity.io', url: new URL(url).pathname})
    expect(image.status).toBe(200)
    expect((image.body as Buffer).length).toBeGreaterThan(1000)
  })
})

describe('the HTTP/2 adapter', () => {
  it('speaks HTTPS and HTTP/2 on loopback, with CORS for the Studio’s origin, and streams a listener', async () => {
    const running = await startStudioLake({projectId: PROJECT, dataset: 'production', ...seed})
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(running.hostResolverRules)![1])
    const client = connect(`https://127.0.0.1:${port}`, {rejectUnauthorized: false})
    const get = (path: string, until: (text: string) => boolean) =>
      new Promise<{status: number; origin: unknown; text: string}>((done) => {
        const stream = client.request({':path': path, ':authority': API, origin: 'http://127.0.0.1:1234'})
        let status = 0
        let origin: unknown
        let text = ''
        stream.on('response', (headers) => ((status = Number(headers[':status'])), (origin = headers['access-control-allow-origin'])))
        stream.on('data', (chunk) => {
          text += chunk
          if (until(text)) stream.close()
        })
        stream.on('close', () => done({status, origin, text}))
      })
    const me = await get('/v2025-02-19/users/me', () => false)
    expect(me).toMatchObject({status: 200, origin: 'http://127.0.0.1:1234'})
    expect(JSON.parse(me.text).id).toBe('p-editor')
    const listener = await get('/v2025-02-19/data/listen/production?query=*', (text) => text.includes('\n\n'))
    expect(listener.text).toMatch(/^event: welcome/)
    client.close()
    await running.close()
  })
})
