import type {APIRoute, GetStaticPaths} from 'astro'
import {CALENDAR_CONTENT_TYPE, sessionCalendar} from '../../../../../lib/exports/ics.ts'
import {siteUrlOf} from '../../../../../lib/exports/siteUrl.ts'
import {loadSite, type Session} from '../../../../../lib/site.ts'
import {sessionCalendarPath} from '../../../../../../core/paths.ts'
import {withCacheKeys} from '../../../../../lib/incremental/keys.ts'

export const getStaticPaths = (async () => {
  const {sessions} = await loadSite()
  return withCacheKeys(
    sessions.map((session) => ({
      path: sessionCalendarPath(session.event.slug, session.slug),
      params: {event: session.event.slug, session: session.slug},
      props: {session},
    })),
  )
}) satisfies GetStaticPaths

export const GET: APIRoute<{session: Session}> = ({props, site}) =>
  new Response(sessionCalendar(props.session, siteUrlOf(site)), {headers: {'Content-Type': CALENDAR_CONTENT_TYPE}})
