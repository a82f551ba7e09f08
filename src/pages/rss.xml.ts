import rss from '@astrojs/rss'
import type {APIRoute} from 'astro'
import {FEED, feedItems} from '../lib/exports/rss.ts'
import {siteUrlOf} from '../lib/exports/siteUrl.ts'
import {loadSite} from '../lib/site.ts'

export const GET: APIRoute = async ({site}) => {
  const url = siteUrlOf(site)
  return rss({...FEED, site: url, items: feedItems(await loadSite(), url)})
}
