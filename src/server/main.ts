// `npm start`: serves the current release, takes Sanity webhooks at POST /api/rebuild,
// rebuilds in the background and swaps releases atomically (localRebuilder.ts), or, in relay mode,
// hands each coalesced rebuild to a CI's deploy hook (relay.ts). Settings: see config.ts.
//
// Startup (builder): remove leftovers of a crash, serve the last good release, and build if there is
// no release yet or the trigger journal holds triggers newer than the last successful build.
// After `npm run rollback` nothing rebuilds until new content arrives (a webhook, or the
// poll seeing the content's digest change); the journal and last-success record are left as is.

import http from 'node:http'
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {createBuilder} from './localRebuilder.ts'
import {ConfigError, loadConfig, type Config} from './config.ts'
import {createDedupe, DEFAULT_DEDUPE_WINDOW_MS} from './dedupe.ts'
import {acquireLock} from '../../core/lock.ts'
import {createLog, type Log} from '../../core/log.ts'
import type {ContentVersion} from '../lib/content/version.ts'
import {createQueue, type Job} from './queue.ts'
import type {Rebuilder} from './rebuilder.ts'
import {createRelay} from './relay.ts'
import {NOSNIFF} from '../../core/headers.ts'
import {sendText, type Handler} from './serve.ts'
import {createStatusHandler} from './status.ts'
import {openJournal, pendingSince, type Journal} from './triggers.ts'
import {createWebhookHandler} from './webhook.ts'
import {previewAccessFromEnv} from '../preview/access.ts'
import {createPreviewGateway} from '../preview/gateway.ts'

export interface ServiceDeps {
  contentVersion(): Promise<ContentVersion | null>
  log: Log
}

export interface Service {
  url: string
  close(): Promise<void>
}

export async function startService(config: Config, deps: ServiceDeps): Promise<Service> {
  const {log} = deps
  const stateDir = path.join(config.releasesDir, 'state')
  await mkdir(stateDir, {recursive: true})
  const lock = await acquireLock(path.join(stateDir, 'service.lock'))
  const rebuilder = config.hook
    ? await createRelay({config: {...config, hook: config.hook}, stateDir, log})
    : await createBuilder({config, stateDir, log, contentVersion: deps.contentVersion})

  const journal = await openJournal(path.join(stateDir, 'triggers.ndjson'))
  const dedupe = createDedupe({windowMs: DEFAULT_DEDUPE_WINDOW_MS})
  for (const record of journal.loaded) for (const key of record.keys) dedupe.add(key, record.at)

  const queue = createQueue({
    run: (job) => runAndForget(rebuilder, journal, job, log),
    quietMs: config.quietMs,
    maxWaitMs: config.maxWaitMs,
    retryMinMs: config.retryMinMs,
    retryMaxMs: config.retryMaxMs,
    minIntervalMs: rebuilder.minIntervalMs,
    retryDelayMs: rebuilder.retryDelayMs,
    onEvent: rebuilder.onQueueEvent,
  })

  const webhook = createWebhookHandler({
    secrets: config.secrets,
    insecure: config.insecureLocal,
    dedupe,
    bodyTimeoutMs: config.bodyTimeoutMs,
    record: (record) => journal.append(record),
    accepted: (record) => queue.trigger({at: record.at}),
    log,
  })
  const status = createStatusHandler(() => rebuilder.status(queue.state()), {token: config.statusToken})
  const preview = createPreviewGateway({access: previewAccessFromEnv(), repoRoot: config.repoRoot, log})
  const site: Handler = (req, res) => (preview.handles(req) ? preview.handle(req, res) : rebuilder.site(req, res))
  const {server, url} = await listen(
    config,
    new Map([
      ['/api/rebuild', webhook],
      ['/api/status', status],
    ]),
    site,
    log,
  )
  log('service.listening', {url, ...rebuilder.describe, secrets: config.secrets.length})

  const waiting = pendingSince(journal.loaded, rebuilder.coveredFrom())
  const reason = rebuilder.startupReason()
  if (reason) {
    log('build.needed', {reason})
    queue.trigger({at: waiting ?? Date.now(), immediate: true})
  } else if (waiting !== null) {
    log('build.needed', {reason: 'triggers newer than the last successful build', since: new Date(waiting).toISOString()})
    queue.trigger({at: waiting, immediate: true})
  }
  rebuilder.start?.(queue)

  let closing: Promise<void> | null = null
  return {
    url,
    close() {
      closing ??= (async () => {
        rebuilder.stop?.()
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await queue.stop()
        await preview.close()
        await journal.close()
        // Give requests in flight a moment, then cut the rest.
        const timer = setTimeout(() => server.closeAllConnections(), 2_000)
        await closed
        clearTimeout(timer)
        await lock.release()
      })()
      return closing
    },
  }
}

/** One run, then the journal forgets what it covered; recent triggers stay for dedupe across a restart. */
async function runAndForget(rebuilder: Rebuilder, journal: Journal, job: Job, log: Log): Promise<void> {
  await rebuilder.run(job)
  try {
    const keepFrom = Math.min(job.startedAt, Date.now() - DEFAULT_DEDUPE_WINDOW_MS)
    await journal.compact((record) => record.at >= keepFrom)
  } catch (error) {
    // The run happened; at worst a restart runs once more.
    log('state.unsaved', {error: (error as Error).message})
  }
}

async function listen(
  config: Config,
  routes: Map<string, Handler>,
  fallback: Handler,
  log: Log,
): Promise<{server: http.Server; url: string}> {
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(NOSNIFF)) res.setHeader(name, value)
    const pathname = (req.url ?? '').split('?')[0] ?? ''
    const handler = routes.get(pathname) ?? fallback
    handler(req, res).catch((error: unknown) => {
      log('http.error', {method: req.method, path: pathname.slice(0, 200), error: (error as Error).message})
      if (!res.headersSent) sendText(req, res, 500, 'Internal error')
      else res.destroy()
    })
  })
  server.headersTimeout = 20_000
  server.requestTimeout = Math.max(60_000, config.bodyTimeoutMs * 2)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  return {server, url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`}
}

// Loaded on first use: a broken or unconfigured content module must not stop the site from
// being served or webhooks from being taken; its errors show up as poll.failed lines.
async function contentVersion(): Promise<ContentVersion | null> {
  const content = await import('../lib/content/version.ts')
  return content.contentVersion()
}

async function cli(): Promise<void> {
  const log = createLog()
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    log('service.refused', {reason: error.message})
    process.exitCode = 1
    return
  }
  if (config.secrets.length === 0) {
    if (!config.insecureLocal) {
      log('service.refused', {
        reason:
          'SANITY_WEBHOOK_SECRET is not set; set it to the webhook secret from sanity.io/manage, ' +
          'or pass --insecure-local to accept unsigned webhooks on a trusted machine',
      })
      process.exitCode = 1
      return
    }
    log('service.insecure', {
      reason: '--insecure-local without SANITY_WEBHOOK_SECRET: webhook signatures are NOT checked',
    })
  }

  let service: Service
  try {
    service = await startService(config, {contentVersion, log})
  } catch (error) {
    const {code, message} = error as NodeJS.ErrnoException
    const hint =
      code === 'EADDRINUSE'
        ? `; another process uses port ${config.port}, stop it or set PORT`
        : code === 'EACCES' || code === 'EROFS'
          ? `; make ${config.releasesDir} writable or set RECAP_RELEASES_DIR`
          : ''
    log('service.refused', {reason: `${message}${hint}`})
    process.exitCode = 1
    return
  }
  const stop = (signal: NodeJS.Signals): void => {
    log('service.stopping', {signal})
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log('service.stop_failed', {error: (error as Error).message})
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

if (import.meta.main) await cli()
