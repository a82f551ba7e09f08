import rss from '@astrojs/rss'
import type {APIRoute} from 'astro'
import {feedPath} from '../../core/paths.ts'
import {channelExtras, FEED, feedItems} from '../lib/exports/rss.ts'
import {absoluteUrl, siteUrlOf} from '../lib/exports/siteUrl.ts'
import {loadSite} from '../lib/site.ts'

export const GET: APIRoute = async ({site}) => {
  const url = siteUrlOf(site)
  const items = feedItems(await loadSite(), url)
  return rss({
    ...FEED,
    site: url,
    items,
    xmlns: {atom: 'http://www.w3.org/2005/Atom'},
    customData: channelExtras(items, absoluteUrl(feedPath(), url)),
  })
}
