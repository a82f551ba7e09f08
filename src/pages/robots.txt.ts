import type {APIRoute} from 'astro'
import {siteUrlOf} from '../lib/exports/siteUrl.ts'
import {searchPath} from '../../core/paths.ts'

// Generated rather than static, so the sitemap line carries SITE_URL.
export const GET: APIRoute = ({site}) =>
  new Response(
    ['User-agent: *', 'Allow: /', `Disallow: ${searchPath()}`, `Sitemap: ${new URL('sitemap-index.xml', siteUrlOf(site)).href}`, ''].join(
      '\n',
    ),
    {headers: {'content-type': 'text/plain; charset=utf-8'}},
  )
