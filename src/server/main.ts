// `npm start`: serves the current release, takes Sanity webhooks at POST /api/rebuild,
// rebuilds in the background and swaps releases atomically. Settings: see config.ts.
//
// Startup: remove leftovers of a crash, serve the last good release, and build if there is
// no release yet or the trigger journal holds triggers newer than the last successful build.
// After `npm run rollback` nothing rebuilds until new content arrives (a webhook, or the
// poll seeing the content's digest change); the journal and last-success record are left as is.

import http from 'node:http'
import {mkdir} from 'node:fs/promises'
import path from 'node:path'
import {ConfigError, loadConfig, type Config} from './config.ts'
import {createDedupe, DEFAULT_DEDUPE_WINDOW_MS} from './dedupe.ts'
import {deploy, DeployError, type DeployResult} from './deploy.ts'
import {acquireLock} from './lock.ts'
import {createLog, type Log} from './log.ts'
import type {ContentVersion} from '../lib/content.ts'
import {startPoller} from './poll.ts'
import {createQueue, type Job} from './queue.ts'
import {cleanupLeftovers, currentRelease, listReleases, repairCurrent} from './releases.ts'
import {createStaticHandler, sendText} from './serve.ts'
import {readLastSuccess, writeLastSuccess, type LastSuccess} from './state.ts'
import {createStatusHandler, type BuildReport, type Status} from './status.ts'
import {openJournal, pendingSince} from './triggers.ts'
import {createWebhookHandler} from './webhook.ts'

export interface ServiceDeps {
  contentVersion(): Promise<ContentVersion | null>
  log: Log
}

export interface Service {
  url: string
  close(): Promise<void>
}

// How long a build start waits for the content's digest before going ahead without it.
const CONTENT_LOOKUP_MS = 15_000

export async function startService(config: Config, deps: ServiceDeps): Promise<Service> {
  const {releasesDir} = config
  const {log} = deps
  const stateDir = path.join(releasesDir, 'state')
  const lastSuccessFile = path.join(stateDir, 'last-success.json')
  await mkdir(stateDir, {recursive: true})
  const lock = await acquireLock(path.join(stateDir, 'service.lock'))

  for (const name of await cleanupLeftovers(releasesDir)) log('cleanup.removed', {name})
  const {id: current, repaired} = await repairCurrent(releasesDir)
  if (repaired) log('release.repaired', {current})

  const journal = await openJournal(path.join(stateDir, 'triggers.ndjson'))
  let lastSuccess: LastSuccess | null = await readLastSuccess(lastSuccessFile)
  const dedupe = createDedupe({windowMs: DEFAULT_DEDUPE_WINDOW_MS})
  for (const record of journal.loaded) for (const key of record.keys) dedupe.add(key, record.at)

  let lastBuild: BuildReport | null = null
  let lastSuccessReport: BuildReport | null = lastSuccess
    ? report('ok', lastSuccess.id, lastSuccess.startedAt, lastSuccess.finishedAt, null)
    : null
  let lastError: Status['lastError'] = null
  let runningDigest: string | null = null
  let lookingUpContent = false

  async function lookUpContent(): Promise<ContentVersion | null> {
    try {
      return await withTimeout(deps.contentVersion(), CONTENT_LOOKUP_MS)
    } catch (error) {
      log('content.unknown', {error: (error as Error).message})
      return null
    }
  }

  async function build(job: Job): Promise<void> {
    lookingUpContent = true
    const seen = await lookUpContent()
    lookingUpContent = false
    runningDigest = seen?.digest ?? null
    let result: DeployResult
    try {
      result = await deploy({
        releasesDir,
        command: config.buildCommand,
        cwd: config.repoRoot,
        timeoutMs: config.buildTimeoutMs,
        minPageRatio: config.minPageRatio,
        keepReleases: config.keepReleases,
        signal: job.signal,
        onBuildDir: (id) => log('build.started', {id, attempt: job.attempt}),
      })
    } catch (error) {
      const finishedAt = Date.now()
      const message = (error as Error).message
      const stderrTail = error instanceof DeployError ? error.stderrTail : ''
      lastBuild = report('failed', error instanceof DeployError ? error.id : '', job.startedAt, finishedAt, null)
      lastBuild.error = {message, stderrTail}
      lastError = {message, stderrTail, at: new Date(finishedAt).toISOString()}
      throw error
    } finally {
      runningDigest = null
    }

    const finishedAt = Date.now()
    lastBuild = lastSuccessReport = report('ok', result.id, job.startedAt, finishedAt, result.pages)
    log('build.finished', {id: result.id, ms: finishedAt - job.startedAt, pages: result.pages})
    log('release.swapped', {from: result.previous, to: result.id})
    for (const id of result.pruned) log('release.pruned', {id})
    if (result.pruneError) log('release.prune_failed', {error: result.pruneError.message})

    const content = seen ? {contentUpdatedAt: seen.updatedAt, contentDigest: seen.digest} : lastSuccess
    lastSuccess = {id: result.id, startedAt: job.startedAt, finishedAt, contentUpdatedAt: content?.contentUpdatedAt ?? null, contentDigest: content?.contentDigest ?? null}
    await saveState(lastSuccessFile, lastSuccess, journal, log)
  }

  const queue = createQueue({
    run: build,
    quietMs: config.quietMs,
    maxWaitMs: config.maxWaitMs,
    retryMinMs: config.retryMinMs,
    retryMaxMs: config.retryMaxMs,
    onEvent(event) {
      if (event.type === 'failed') {
        const error = event.error as Error
        log('build.failed', {
          id: error instanceof DeployError ? error.id : undefined,
          ms: event.durationMs,
          error: error.message,
          stderr: error instanceof DeployError && error.stderrTail ? error.stderrTail : undefined,
          retryInMs: event.retryAt - Date.now(),
        })
      } else if (event.type === 'stopped') {
        log('build.stopped', {startedAt: new Date(event.job.startedAt).toISOString()})
      }
    },
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

  const status = createStatusHandler(async () => {
    const state = queue.state()
    return {
      current: await currentRelease(releasesDir).catch(() => null),
      building: state.running,
      buildingSince: iso(state.runningSince),
      pending: state.pending,
      nextBuildAt: iso(state.nextRunAt),
      consecutiveFailures: state.failures,
      lastBuild,
      lastSuccess: lastSuccessReport,
      lastError,
      contentUpdatedAt: lastSuccess?.contentUpdatedAt ?? null,
      releases: (await listReleases(releasesDir)).reverse(),
    }
  })

  const serveStatic = createStaticHandler({releasesDir, log})

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '').split('?')[0]
    const handler = pathname === '/api/rebuild' ? webhook : pathname === '/api/status' ? status : serveStatic
    handler(req, res).catch((error: unknown) => {
      log('http.error', {method: req.method, path: pathname?.slice(0, 200), error: (error as Error).message})
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
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  log('service.listening', {
    url,
    releases: releasesDir,
    current,
    secrets: config.secrets.length,
    pollSeconds: config.pollMs / 1000,
  })

  const waiting = pendingSince(journal.loaded, lastSuccess?.startedAt ?? null)
  if (!current) {
    log('build.needed', {reason: 'no release yet'})
    queue.trigger({at: waiting ?? Date.now(), immediate: true})
  } else if (waiting !== null) {
    log('build.needed', {reason: 'triggers newer than the last successful build', since: iso(waiting)})
    queue.trigger({at: waiting, immediate: true})
  }

  const poller = startPoller({
    intervalMs: config.pollMs,
    getDigest: async () => (await withTimeout(deps.contentVersion(), CONTENT_LOOKUP_MS))?.digest ?? null,
    getBuiltDigest: () => runningDigest ?? lastSuccess?.contentDigest ?? null,
    onChanged(digest, built) {
      // A build looking up content right now reads it after this poll did, so it covers it.
      if (lookingUpContent) return
      log('trigger.accepted', {source: 'poll', digest, built})
      queue.trigger()
    },
    onError: (error) => log('poll.failed', {error: (error as Error).message}),
  })
  // Catch up on whatever changed while the service was down.
  if (config.pollMs > 0) void poller.tick()

  let closing: Promise<void> | null = null
  return {
    url,
    close() {
      closing ??= (async () => {
        poller.stop()
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await queue.stop()
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

/** Records the last success, and drops the triggers it covered (recent ones stay for dedupe across a restart). */
async function saveState(file: string, success: LastSuccess, journal: Awaited<ReturnType<typeof openJournal>>, log: Log): Promise<void> {
  try {
    await writeLastSuccess(file, success)
    const keepFrom = Math.min(success.startedAt, Date.now() - DEFAULT_DEDUPE_WINDOW_MS)
    await journal.compact((record) => record.at >= keepFrom)
  } catch (error) {
    // The release is live; at worst a restart rebuilds once more.
    log('state.unsaved', {error: (error as Error).message})
  }
}

function report(
  result: BuildReport['result'],
  id: string,
  startedAt: number,
  finishedAt: number,
  pages: number | null,
): BuildReport {
  return {
    result,
    id,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    pages,
    error: null,
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// Loaded on first use: a broken or unconfigured content module must not stop the site from
// being served or webhooks from being taken; its errors show up as poll.failed lines.
async function contentVersion(): Promise<ContentVersion | null> {
  const content = await import('../lib/content.ts')
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
