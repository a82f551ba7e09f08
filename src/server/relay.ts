// Relay mode (REBUILD_HOOK_URL set): each run asks a CI or host to build by calling its deploy
// hook, and builds nothing here. A run succeeds only when the hook accepted the call, so the
// journal keeps every trigger until then, and a restart sends what was pending.

import path from 'node:path'
import type {Config} from './config.ts'
import {callHook, HookError, type HookConfig} from './hook.ts'
import type {Log} from '../../core/log.ts'
import type {Job, QueueEvent} from './queue.ts'
import type {Rebuilder} from './rebuilder.ts'
import {sendText} from './serve.ts'
import {readLastSuccess, writeLastSuccess, type LastSuccess} from './state.ts'
import {iso, queueStatus, type RelayStatus, type Status} from './status.ts'

export interface RelayOptions {
  config: Config & {hook: HookConfig}
  stateDir: string
  log: Log
}

export async function createRelay({config, stateDir, log}: RelayOptions): Promise<Rebuilder> {
  const {hook} = config
  const host = new URL(hook.url).host
  const lastAcceptedFile = path.join(stateDir, 'last-relayed.json')
  let lastAccepted: LastSuccess | null = await readLastSuccess(lastAcceptedFile)
  let lastCall: RelayStatus['lastCall'] = null
  let lastError: Status['lastError'] = null

  async function run(job: Job): Promise<void> {
    const startedAt = Date.now()
    const done = (httpStatus: number | null, accepted: boolean): void => {
      lastCall = {at: new Date(startedAt).toISOString(), httpStatus, accepted, durationMs: Date.now() - startedAt}
    }
    let httpStatus: number
    try {
      httpStatus = await callHook(hook, {signal: job.signal, requestedAt: job.startedAt})
    } catch (error) {
      done(error instanceof HookError ? error.httpStatus : null, false)
      lastError = {message: (error as Error).message, stderrTail: '', at: new Date().toISOString()}
      throw error
    }
    done(httpStatus, true)
    log('relay.accepted', {kind: hook.kind, host, status: httpStatus, ms: Date.now() - startedAt})
    lastAccepted = {
      id: `${hook.kind}:${httpStatus}`,
      startedAt: job.startedAt,
      finishedAt: Date.now(),
      contentUpdatedAt: null,
      contentDigest: null,
    }
    try {
      await writeLastSuccess(lastAcceptedFile, lastAccepted)
    } catch (error) {
      // The CI has it; at worst a restart calls the hook once more.
      log('state.unsaved', {error: (error as Error).message})
    }
  }

  function onQueueEvent(event: QueueEvent): void {
    if (event.type === 'failed') {
      const error = event.error as Error
      log('relay.failed', {
        kind: hook.kind,
        host,
        status: error instanceof HookError ? (error.httpStatus ?? undefined) : undefined,
        error: error.message,
        retryInMs: event.retryAt - Date.now(),
      })
    } else if (event.type === 'stopped') {
      log('relay.stopped', {startedAt: new Date(event.job.startedAt).toISOString()})
    }
  }

  return {
    describe: {mode: 'relay', hook: hook.kind, hookHost: host},
    run,
    onQueueEvent,
    minIntervalMs: hook.minIntervalMs,
    retryDelayMs: (error) => (error instanceof HookError ? error.retryAfterMs : null),
    coveredFrom: () => lastAccepted?.startedAt ?? null,
    startupReason: () => null,
    async site(req, res) {
      sendText(req, res, 404, `This service relays rebuilds to the ${hook.kind} hook at ${host}; the site is served from there.`)
    },
    async status(state) {
      return {
        mode: 'relay',
        current: null,
        ...queueStatus(state),
        lastBuild: null,
        lastSuccess: null,
        lastError,
        contentUpdatedAt: null,
        releases: [],
        leftOut: [],
        dropped: 0,
        relay: {
          kind: hook.kind,
          host,
          minIntervalMs: hook.minIntervalMs,
          lastCall,
          lastAcceptedAt: iso(lastAccepted?.finishedAt ?? null),
          nextCallAt: iso(state.nextRunAt),
        },
      }
    },
  }
}
