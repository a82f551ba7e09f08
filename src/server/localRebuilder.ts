// Builder mode (the default): each run builds the site here and swaps the new release in
// (deploy.ts), records what it covered in state/last-success.json, and a poll catches content
// changed without a webhook. The site is served from the current release.

import path from 'node:path'
import type {Config} from './config.ts'
import {deploy, DeployError, type DeployResult} from './deploy.ts'
import type {Log} from '../../core/log.ts'
import type {ContentVersion} from '../lib/content/version.ts'
import {startPoller, type Poller} from './poll.ts'
import type {Job, QueueEvent} from './queue.ts'
import type {Rebuilder} from './rebuilder.ts'
import {cleanupLeftovers, currentRelease, listReleases, repairCurrent} from './releases.ts'
import {leftOutStatus} from '../../core/leftOut.ts'
import {createStaticHandler} from './serve.ts'
import {readLastSuccess, writeLastSuccess, type LastSuccess} from './state.ts'
import {queueStatus, type BuildReport, type Status} from './status.ts'

export interface BuilderOptions {
  config: Config
  stateDir: string
  log: Log
  contentVersion(): Promise<ContentVersion | null>
}

// How long a build start waits for the content's digest before going ahead without it.
const CONTENT_LOOKUP_MS = 15_000

// How often the service checks that `current` still leads to a release.
const REPAIR_CHECK_MS = 2_000

export async function createBuilder({config, stateDir, log, contentVersion}: BuilderOptions): Promise<Rebuilder> {
  const {releasesDir} = config
  const lastSuccessFile = path.join(stateDir, 'last-success.json')
  for (const name of await cleanupLeftovers(releasesDir)) log('cleanup.removed', {name})
  const {id: current, repaired} = await repairCurrent(releasesDir)
  if (repaired) log('release.repaired', {current})

  let lastSuccess: LastSuccess | null = await readLastSuccess(lastSuccessFile)
  let lastBuild: BuildReport | null = null
  let lastSuccessReport: BuildReport | null = lastSuccess
    ? report('ok', lastSuccess.id, lastSuccess.startedAt, lastSuccess.finishedAt, null)
    : null
  let lastError: Status['lastError'] = null
  let runningDigest: string | null = null
  let lookingUpContent = false
  let poller: Poller | null = null
  let building = false
  const repair = createRepair(releasesDir, log)
  let watchdog: ReturnType<typeof setInterval> | null = null

  const lookUpContent = () => withTimeout(contentVersion(), CONTENT_LOOKUP_MS)

  async function seenContent(): Promise<ContentVersion | null> {
    try {
      return await lookUpContent()
    } catch (error) {
      log('content.unknown', {error: (error as Error).message})
      return null
    }
  }

  async function run(job: Job): Promise<void> {
    building = true
    try {
      await buildAndSwap(job)
    } finally {
      building = false
    }
  }

  async function buildAndSwap(job: Job): Promise<void> {
    lookingUpContent = true
    const seen = await seenContent()
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
    lastSuccess = {
      id: result.id,
      startedAt: job.startedAt,
      finishedAt,
      contentUpdatedAt: content?.contentUpdatedAt ?? null,
      contentDigest: content?.contentDigest ?? null,
    }
    try {
      await writeLastSuccess(lastSuccessFile, lastSuccess)
    } catch (error) {
      // The release is live; at worst a restart rebuilds once more.
      log('state.unsaved', {error: (error as Error).message})
    }
  }

  function onQueueEvent(event: QueueEvent): void {
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
  }

  return {
    describe: {releases: releasesDir, current, pollSeconds: config.pollMs / 1000},
    run,
    onQueueEvent,
    coveredFrom: () => lastSuccess?.startedAt ?? null,
    startupReason: () => (current ? null : 'no release yet'),
    site: createStaticHandler({
      releasesDir,
      log,
      headers: {studioOrigin: config.studioOrigin},
      building: () => building,
      repair,
    }),
    async status(state) {
      const live = await currentRelease(releasesDir).catch(() => null)
      return {
        mode: 'build',
        current: live,
        ...queueStatus(state),
        lastBuild,
        lastSuccess: lastSuccessReport,
        lastError,
        contentUpdatedAt: lastSuccess?.contentUpdatedAt ?? null,
        releases: (await listReleases(releasesDir)).reverse(),
        relay: null,
        ...(await leftOutStatus(releasesDir, live)),
      }
    },
    start(queue) {
      // `current` removed or pointed at a deleted release while running: put it back within seconds.
      watchdog = setInterval(() => void repair(), REPAIR_CHECK_MS)
      watchdog.unref()
      poller = startPoller({
        intervalMs: config.pollMs,
        getDigest: async () => (await lookUpContent())?.digest ?? null,
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
    },
    stop() {
      poller?.stop()
      if (watchdog) clearInterval(watchdog)
    },
  }
}

/** Repairs `current` from the newest good release, one repair at a time. */
function createRepair(releasesDir: string, log: Log): () => Promise<void> {
  let running: Promise<void> | null = null
  return () => {
    running ??= repairCurrent(releasesDir)
      .then(({id, repaired}) => {
        if (repaired) log('release.repaired', {current: id})
      })
      .catch((error: unknown) => log('release.repair_failed', {error: (error as Error).message}))
      .finally(() => {
        running = null
      })
    return running
  }
}

function report(result: BuildReport['result'], id: string, startedAt: number, finishedAt: number, pages: number | null): BuildReport {
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
