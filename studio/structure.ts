import {CalendarIcon} from '@sanity/icons/Calendar'
import {ImageIcon} from '@sanity/icons/Image'
import {PresentationIcon} from '@sanity/icons/Presentation'
import {RocketIcon} from '@sanity/icons/Rocket'
import {TagIcon} from '@sanity/icons/Tag'
import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {SANITY_API_VERSION} from '../core/sanityApi.ts'

const bySessionStart = [{field: 'startsAt', direction: 'asc' as const}]
// The API version the filtered lists query with (the Studio warns about lists without one).
const apiVersion = SANITY_API_VERSION

/** A session, and its photos with a template that starts a photo of it. */
function sessionContents(S: StructureBuilder, sessionId: string) {
  return S.list()
    .title('Session')
    .items([
      S.listItem().title('Session details').icon(PresentationIcon).child(S.document().schemaType('session').documentId(sessionId)),
      S.listItem()
        .title('Photos of this session')
        .icon(ImageIcon)
        .child(
          S.documentList()
            .title('Photos of this session')
            .schemaType('photo')
            .apiVersion(apiVersion)
            .filter('_type == "photo" && session._ref == $sessionId')
            .params({sessionId})
            .initialValueTemplates([S.initialValueTemplateItem('photo-of-session', {sessionId})]),
        ),
    ])
}

/** Sessions, demos and photos of one event, found through their `event` references. */
function eventContents(S: StructureBuilder, eventId: string) {
  return S.list()
    .title('Event')
    .items([
      S.listItem().title('Details and day recaps').icon(CalendarIcon).child(S.document().schemaType('event').documentId(eventId)),
      S.listItem()
        .title('Sessions')
        .icon(PresentationIcon)
        .child(
          S.documentList()
            .title('Sessions')
            .schemaType('session')
            .apiVersion(apiVersion)
            .filter('_type == "session" && event._ref == $eventId')
            .params({eventId})
            .defaultOrdering(bySessionStart)
            .child((sessionId) => sessionContents(S, sessionId))
            // Last: every later builder call (such as .child) replaces the templates with the type's default.
            .initialValueTemplates([S.initialValueTemplateItem('session-in-event', {eventId})]),
        ),
      S.listItem()
        .title('Demos')
        .icon(RocketIcon)
        .child(
          S.documentList()
            .title('Demos')
            .schemaType('demo')
            .apiVersion(apiVersion)
            .filter('_type == "demo" && event._ref == $eventId')
            .params({eventId})
            .initialValueTemplates([S.initialValueTemplateItem('demo-in-event', {eventId})]),
        ),
      S.listItem()
        .title('Photos')
        .icon(ImageIcon)
        .child(
          S.documentList()
            .title('Photos')
            .schemaType('photo')
            .apiVersion(apiVersion)
            .filter('_type == "photo" && event._ref == $eventId')
            .params({eventId})
            .defaultOrdering([{field: 'takenAt', direction: 'asc'}]),
        ),
    ])
}

/**
 * An event opens onto its contents; a new one ("+" in Events, which passes its template) opens onto its form,
 * since a new event has no sessions yet and its fields are what the editor must fill in.
 */
function eventChild(S: StructureBuilder, eventId: string, template: string | undefined) {
  if (!template) return eventContents(S, eventId)
  return S.document().schemaType('event').documentId(eventId).initialValueTemplate(template)
}

/** Events first, each opening onto its own sessions, demos and photos; then flat lists of everything. */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Events')
        .icon(CalendarIcon)
        .child(
          S.documentTypeList('event')
            .title('Events')
            .defaultOrdering([{field: 'startDate', direction: 'desc'}])
            .child((eventId, {params}) => eventChild(S, eventId, params?.template)),
        ),
      S.divider(),
      S.listItem()
        .title('All sessions')
        .icon(PresentationIcon)
        .child(S.documentTypeList('session').title('All sessions').defaultOrdering(bySessionStart)),
      S.documentTypeListItem('demo').title('All demos').icon(RocketIcon),
      S.documentTypeListItem('photo').title('All photos').icon(ImageIcon),
      S.divider(),
      S.documentTypeListItem('topic').title('Topics').icon(TagIcon),
    ])
