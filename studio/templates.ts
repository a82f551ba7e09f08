import type {InitialValueResolverContext, Template} from 'sanity'
import {SANITY_API_VERSION} from '../core/sanityApi.ts'

type Reference = {_type: 'reference'; _ref: string}
const reference = (id: string): Reference => ({_type: 'reference', _ref: id})

/** Templates that start a document already attached to an event or session. */
export const templates: Template[] = [
  {
    id: 'session-in-event',
    title: 'Session in this event',
    schemaType: 'session',
    parameters: [{name: 'eventId', type: 'string'}],
    value: ({eventId}: {eventId: string}) => ({event: reference(eventId), guid: crypto.randomUUID(), kind: 'talk'}),
  },
  {
    id: 'demo-in-event',
    title: 'Demo in this event',
    schemaType: 'demo',
    parameters: [{name: 'eventId', type: 'string'}],
    value: ({eventId}: {eventId: string}) => ({event: reference(eventId)}),
  },
  {
    id: 'photo-of-session',
    title: 'Photo of this session',
    schemaType: 'photo',
    parameters: [{name: 'sessionId', type: 'string'}],
    value: async ({sessionId}: {sessionId: string}, {getClient}: InitialValueResolverContext) => {
      const eventId = await getClient({apiVersion: SANITY_API_VERSION}).fetch<string | null>(
        `*[_id == $id || _id == "drafts." + $id][0].event._ref`,
        {id: sessionId},
      )
      return {session: reference(sessionId), ...(eventId ? {event: reference(eventId)} : {})}
    },
  },
]

/** These need a parameter, so they are offered only inside an event or session, never in the global menu. */
export const contextualTemplateIds = templates.map((template) => template.id)
