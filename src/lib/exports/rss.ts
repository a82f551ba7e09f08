// Feed items: each day's recap, dated at the end of that day, and every session, newest first.
import type {RSSFeedItem} from '@astrojs/rss'
import {dayPath, sessionPath} from '../../../core/paths.ts'
import type {Day, Event, Site} from '../site.ts'
import {cleanText} from '../text.ts'
import {zonedTimeToUtc} from '../../../core/time.ts'
import {excerpt, richTextToPlain} from './plainText.ts'
import {absoluteUrl} from './siteUrl.ts'
import {xmlEscape} from './xml.ts'

export const FEED = {title: 'Recap', description: 'Conference coverage'} as const
export const FEED_LANGUAGE = 'en'

/**
 * The channel's extra elements: its own address (atom:link rel="self", which feed validators ask for), its
 * language, and the newest item's date as lastBuildDate, so an unchanged site gives an identical feed.
 */
export function channelExtras(items: RSSFeedItem[], feedUrl: string): string {
  const newest = items.reduce<Date | null>((latest, item) => {
    const date = item.pubDate ? new Date(item.pubDate) : null
    return date && (!latest || date > latest) ? date : latest
  }, null)
  return [
    `<atom:link href="${xmlEscape(feedUrl)}" rel="self" type="application/rss+xml"/>`,
    `<language>${FEED_LANGUAGE}</language>`,
    ...(newest ? [`<lastBuildDate>${newest.toUTCString()}</lastBuildDate>`] : []),
  ].join('')
}

/** Titles and descriptions without the characters XML 1.0 forbids: one would stop every reader at that item. */
function clean(item: RSSFeedItem): RSSFeedItem {
  return {
    ...item,
    ...(item.title ? {title: cleanText(item.title)} : {}),
    ...(item.description ? {description: cleanText(item.description)} : {}),
  }
}

type DatedItem = RSSFeedItem & {pubDate: Date}

function dayItem(event: Event, day: Day, site: URL): DatedItem | null {
  const text = richTextToPlain(day.recap)
  if (!text) return null
  return {
    title: `${event.title}: ${day.label}`,
    link: absoluteUrl(dayPath(event.slug, day.number), site),
    // A recap covers the whole day, so it dates from the day's last second in the event's zone.
    pubDate: zonedTimeToUtc(day.date, '23:59:59', event.timeZone),
    description: excerpt(text),
  }
}

export function feedItems(content: Pick<Site, 'events' | 'sessions'>, site: URL): RSSFeedItem[] {
  const days = content.events.flatMap((event) => event.days.map((day) => dayItem(event, day, site)))
  const sessions: DatedItem[] = content.sessions.map((session) => ({
    title: session.title,
    link: absoluteUrl(sessionPath(session.event.slug, session.slug), site),
    // Coverage of a session is complete when it ends.
    pubDate: new Date(session.endsAt),
    ...(session.summary ? {description: session.summary} : {}),
  }))
  return [...days.filter((item): item is DatedItem => item !== null), ...sessions]
    .sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || (a.title ?? '').localeCompare(b.title ?? ''))
    .map(clean)
}
