// The Presentation tool: the site's draft preview beside the form. The preview is served by the
// rebuild service (src/preview/), which the Studio enters through Sanity's preview-URL secret flow.
import {map} from 'rxjs'
import {defineDocuments, presentationTool, type DocumentLocationResolver} from 'sanity/presentation'
import {previewUrl} from './env.ts'
import {documentLocations, LOCATIONS_QUERY, PAGE_TYPES, type LocatedDocument} from './locations.ts'

const locations: DocumentLocationResolver = ({id, type}, {documentStore}) =>
  PAGE_TYPES.includes(type)
    ? documentStore.listenQuery(LOCATIONS_QUERY, {id}, {}).pipe(map((document) => documentLocations(document as LocatedDocument | null)))
    : null

/** Either form of a route, since the site's addresses end in a slash. */
const both = (route: string) => [route, `${route}/`]

// Which document the page open in the preview is about, so the Studio selects it as the editor browses.
const mainDocuments = defineDocuments([
  {
    route: both('/events/:event/sessions/:session'),
    filter: `_type == "session" && slug.current == $session && event->slug.current == $event`,
  },
  {route: both('/events/:event/demos/:demo'), filter: `_type == "demo" && slug.current == $demo && event->slug.current == $event`},
  {
    route: both('/events/:event/photos/:photo'),
    filter: `_type == "photo" && _id in [$photo, "photo." + $photo] && event->slug.current == $event`,
  },
  {
    route: [...both('/events/:event'), ...both('/events/:event/:day'), ...both('/events/:event/photos/page/:page')],
    filter: `_type == "event" && slug.current == $event`,
  },
  {route: [...both('/topics/:topic'), ...both('/topics/:topic/page/:page')], filter: `_type == "topic" && slug.current == $topic`},
])

export function preview() {
  return presentationTool({
    title: 'Preview',
    previewUrl: {initial: previewUrl, previewMode: {enable: '/api/preview/enable', disable: '/api/preview/disable'}},
    allowOrigins: [new URL(previewUrl).origin],
    resolve: {locations, mainDocuments},
  })
}
