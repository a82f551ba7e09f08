import type {APIRoute, GetStaticPaths} from 'astro'
import {CALENDAR_CONTENT_TYPE, eventCalendar} from '../../../lib/exports/ics.ts'
import {siteUrlOf} from '../../../lib/exports/siteUrl.ts'
import {loadSite, type Event} from '../../../lib/site.ts'
import {eventCalendarPath} from '../../../../core/paths.ts'
import {withCacheKeys} from '../../../lib/incremental/keys.ts'

export const getStaticPaths = (async () => {
  const {events} = await loadSite()
  return withCacheKeys(events.map((event) => ({path: eventCalendarPath(event.slug), params: {event: event.slug}, props: {event}})))
}) satisfies GetStaticPaths

export const GET: APIRoute<{event: Event}> = ({props, site}) =>
  new Response(eventCalendar(props.event, siteUrlOf(site)), {headers: {'Content-Type': CALENDAR_CONTENT_TYPE}})
