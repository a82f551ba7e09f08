import type {APIRoute, GetStaticPaths} from 'astro'
import {scheduleXmlPath} from '../../../../core/paths.ts'
import {eventSchedule} from '../../../lib/exports/schedule.ts'
import {scheduleXml} from '../../../lib/exports/scheduleXml.ts'
import {absoluteUrl, siteUrlOf} from '../../../lib/exports/siteUrl.ts'
import {loadSite, type Event} from '../../../lib/site.ts'

export const getStaticPaths = (async () => {
  const {events} = await loadSite()
  return events.map((event) => ({params: {event: event.slug}, props: {event}}))
}) satisfies GetStaticPaths

export const GET: APIRoute<{event: Event}> = ({props, site}) => {
  const url = siteUrlOf(site)
  return new Response(scheduleXml(eventSchedule(props.event, url), absoluteUrl(scheduleXmlPath(props.event.slug), url)), {
    headers: {'Content-Type': 'application/xml; charset=utf-8'},
  })
}
