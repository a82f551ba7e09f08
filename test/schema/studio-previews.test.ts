import {describe, expect, it} from 'vitest'
import {demo} from '../../schemas/documents/demo.ts'
import {photo} from '../../schemas/documents/photo.ts'
import {session} from '../../schemas/documents/session.ts'
import {templates} from '../../studio/templates.ts'

type Preview = {prepare: (value: Record<string, unknown>) => {title?: unknown; subtitle?: unknown; media?: unknown}}
const prepare = (type: {preview?: unknown}, value: Record<string, unknown>) => (type.preview as Preview).prepare(value)

describe('Studio previews', () => {
  it("show a session's time in its event's zone, its kind and its event", () => {
    const preview = prepare(session, {
      title: 'Keynote',
      kind: 'keynote',
      startsAt: '2016-10-26T07:00:00Z',
      eventTitle: 'OpenStack Summit Barcelona 2016',
      timeZone: 'Europe/Madrid',
    })
    expect(preview.subtitle).toBe('2016-10-26 09:00 · Keynote · OpenStack Summit Barcelona 2016')
  })

  it('show a photo with its thumbnail and caption', () => {
    const image = {asset: {_ref: 'image-abc-10x10-jpg'}}
    expect(prepare(photo, {caption: 'The slide', alt: 'Alt', media: image, credit: 'Recap'})).toMatchObject({
      title: 'The slide',
      media: image,
    })
  })

  it('show where a demo was shown: its session, or its booth', () => {
    expect(prepare(demo, {title: 'Omni', sessionTitle: 'Day 2 keynote'}).subtitle).toMatch(/^In Day 2 keynote/)
    expect(prepare(demo, {title: 'HoloLens', location: 'Cloudbase booth'}).subtitle).toMatch(/^At Cloudbase booth/)
  })
})

describe('Studio templates', () => {
  const template = (id: string) => templates.find((candidate) => candidate.id === id)!

  it('start a session in the chosen event with a fresh calendar ID', async () => {
    const value = (template('session-in-event').value as (params: object) => Record<string, unknown>)({eventId: 'event.x'})
    expect(value.event).toEqual({_type: 'reference', _ref: 'event.x'})
    expect(value.guid).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("start a photo of a session in that session's event", async () => {
    const getClient = () => ({fetch: async (_query: string, params: {id: string}) => (params.id === 'session.k' ? 'event.x' : null)})
    const value = await (template('photo-of-session').value as (params: object, context: object) => Promise<Record<string, unknown>>)(
      {sessionId: 'session.k'},
      {getClient},
    )
    expect(value).toEqual({session: {_type: 'reference', _ref: 'session.k'}, event: {_type: 'reference', _ref: 'event.x'}})
  })
})
