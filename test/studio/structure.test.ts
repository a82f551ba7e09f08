// The desk structure resolved in Node, as the structure tool resolves it: which lists each pane shows, and which
// templates each list's "+" offers. The Studio journey found a list whose template was silently replaced.
import {createSchema} from 'sanity'
import {createStructureBuilder, type StructureBuilder} from 'sanity/structure'
import {describe, expect, it} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'
import {structure} from '../../studio/structure.ts'
import {templates} from '../../studio/templates.ts'

type Serialized = {
  id: string
  title?: string
  items?: Serialized[]
  child?: unknown
  initialValueTemplates?: {templateId: string; parameters?: object}[]
}

// What the Studio offers when a list names no template: one default template per schema type.
const source = {
  schema: createSchema({name: 'default', types: schemaTypes}),
  templates,
  document: {
    resolveNewDocumentOptions: ({schemaType}: {schemaType: string}) => [
      {id: schemaType, templateId: schemaType, type: 'initialValueTemplateItem', schemaType},
    ],
  },
  getClient: () => ({}),
  i18n: {t: (key: string) => key},
}
const S = createStructureBuilder({source} as never) as StructureBuilder

const serialize = (node: unknown, path: string[] = []): Serialized =>
  (node as {serialize?: (options: {path: string[]}) => Serialized}).serialize?.({path}) ?? (node as Serialized)

/** Follows list items by title, calling child resolvers with the ids of the documents opened on the way. */
async function resolvePane(...steps: (string | {open: string; params?: object})[]): Promise<Serialized> {
  let pane = serialize(await structure(S, {} as never))
  for (const step of steps) {
    if (typeof step === 'string') {
      const item = pane.items?.find((candidate) => candidate.title === step)
      if (!item) throw new Error(`"${pane.title}" has no item "${step}"`)
      pane = serialize(item.child)
    } else {
      pane = serialize(await (pane.child as (id: string, context: object) => unknown)(step.open, {params: step.params ?? {}}))
    }
  }
  return pane
}

const offered = (pane: Serialized) => (pane.initialValueTemplates ?? []).map(({templateId, parameters}) => ({templateId, parameters}))
const EVENT = 'event.ossummit-barcelona-2016'

describe('the structure', () => {
  it('opens an event onto its contents, and a new event ("+" in Events) onto its form', async () => {
    expect((await resolvePane('Events', {open: EVENT})).items?.map((item) => item.title)).toEqual([
      'Details and day recaps',
      'Sessions',
      'Demos',
      'Photos',
    ])
    const created = (await resolvePane('Events', {open: 'new-event', params: {template: 'event'}})) as Serialized & {
      type?: string
      options?: object
    }
    expect({type: created.type, options: created.options}).toMatchObject({
      type: 'document',
      options: {id: 'new-event', type: 'event', template: 'event'},
    })
  })
  it('offers "Session in this event" in an event’s Sessions, with the event', async () => {
    expect(offered(await resolvePane('Events', {open: EVENT}, 'Sessions'))).toEqual([
      {templateId: 'session-in-event', parameters: {eventId: EVENT}},
    ])
  })
  it('offers "Demo in this event" in an event’s Demos, with the event', async () => {
    expect(offered(await resolvePane('Events', {open: EVENT}, 'Demos'))).toEqual([
      {templateId: 'demo-in-event', parameters: {eventId: EVENT}},
    ])
  })
  it('offers "Photo of this session" in a session’s Photos, with the session', async () => {
    const photos = await resolvePane('Events', {open: EVENT}, 'Sessions', {open: 'session.crowdstar-ironic'}, 'Photos of this session')
    expect(offered(photos)).toEqual([{templateId: 'photo-of-session', parameters: {sessionId: 'session.crowdstar-ironic'}}])
  })
})
