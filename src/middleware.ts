// While building, notes which documents each prerendered page reads (src/lib/incremental/).
import {defineMiddleware} from 'astro:middleware'
import {recordPage} from './lib/incremental/keys.ts'

export const onRequest = defineMiddleware((context, next) => (context.isPrerendered ? recordPage(context.url.pathname, next) : next()))
