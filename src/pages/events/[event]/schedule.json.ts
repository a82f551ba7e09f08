import type {APIRoute, GetStaticPaths} from 'astro'
import {eventSchedule} from '../../../lib/exports/schedule.ts'
import {siteUrlOf} from '../../../lib/exports/siteUrl.ts'
import {loadSite, type Event} from '../../../lib/site.ts'
import {schedulePath} from '../../../../core/paths.ts'
import {withCacheKeys} from '../../../lib/incremental/keys.ts'

export const getStaticPaths = (async () => {
  const {events} = await loadSite()
  return withCacheKeys(events.map((event) => ({path: schedulePath(event.slug), params: {event: event.slug}, props: {event}})))
}) satisfies GetStaticPaths

export const GET: APIRoute<{event: Event}> = ({props, site}) => Response.json(eventSchedule(props.event, siteUrlOf(site)))
