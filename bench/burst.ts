// Webhook burst: while the rebuild service is building, 100 signed deliveries arrive within 5 s.
// Measures how fast each is acknowledged and counts the builds that follow. Target: at most 2
// builds (the one running plus one catch-up), and none lost: the final release's build started
// after the last delivery was acknowledged.
import {randomUUID} from 'node:crypto'
import {discard} from './lib/files.ts'
import {join} from 'node:path'
import {encodeSignatureHeader} from '@sanity/webhook'
import {clearAstroCache} from './lib/astroCache.ts'
import {OUTPUT, datasetFile, type SizeName} from './lib/paths.ts'
import {SITE_URL} from './lib/recapBuild.ts'
import {startService, type Service} from './lib/service.ts'
import {percentile, sleep} from './lib/stats.ts'

export type BurstResult = {
  size: SizeName
  deliveries: number
  windowMs: number
  statuses: Record<string, number>
  ackMs: {p50: number; p99: number; max: number}
  /** Deliveries sent and acknowledged while a build was running, and their acknowledgement times. */
  duringBuild: number
  ackMsDuringBuild: {p50: number; p99: number; max: number} | null
  /** Builds started after the first release: the one the burst arrived during, and its follow-ups. */
  builds: number
  failedBuilds: number
  lastAckAt: string
  finalBuildStartedAt: string | null
  lost: boolean
}

type Status = {
  current: string | null
  building: boolean
  pending: boolean
  lastSuccess: {startedAt: string} | null
}

const SECRET = 'bench-burst-secret'

async function status(service: Service): Promise<Status> {
  const response = await fetch(`${service.url}/api/status`)
  return (await response.json()) as Status
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await sleep(100)
  }
}

async function deliver(service: Service, index: number, run: string) {
  const body = JSON.stringify({_id: `session.e0-s${index % 12}`, _type: 'session', _rev: `${run}-${index}`, operation: 'update'})
  const signature = await encodeSignatureHeader(body, Date.now(), SECRET)
  const sentAt = Date.now()
  const started = performance.now()
  const response = await fetch(`${service.url}/api/rebuild`, {
    method: 'POST',
    headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature, 'idempotency-key': `${run}-${index}`},
    body,
  })
  await response.arrayBuffer()
  return {status: response.status, ms: performance.now() - started, sentAt, ackAt: Date.now()}
}

/** [start, end] times of each build, from the service's build.started and build.finished/failed lines. */
function buildSpans(service: Service) {
  const spans: {start: number; end: number | null; failed: boolean}[] = []
  for (const {at, text} of service.lines) {
    if (/ build\.started /.test(text)) spans.push({start: at, end: null, failed: false})
    else if (/ build\.(finished|failed|stopped)/.test(text) && spans.at(-1)?.end === null) {
      spans.at(-1)!.end = at
      spans.at(-1)!.failed = !text.includes('build.finished')
    }
  }
  return spans
}

/**
 * With `coldBuild`, Astro's cache is emptied once the first release is out, so the build the burst
 * lands in optimises every image again and outlasts the burst, as a build at a larger size would.
 */
export async function measureBurst(size: SizeName, {deliveries = 100, windowMs = 5_000, coldBuild = false} = {}): Promise<BurstResult> {
  const releases = join(OUTPUT, 'burst', 'releases')
  await discard(releases)
  const service = await startService({
    RECAP_RELEASES_DIR: releases,
    SANITY_WEBHOOK_SECRET: SECRET,
    RECAP_DATASET: datasetFile(size),
    SITE_URL,
  })
  try {
    await waitUntil('the first release', async () => (await status(service)).current !== null, 10 * 60_000)
    if (coldBuild) await clearAstroCache()
    const run = randomUUID().slice(0, 8)
    // One edit starts a build; the burst arrives while it runs.
    const first = await deliver(service, deliveries, run)
    if (first.status !== 202) throw new Error(`The first delivery was answered ${first.status}, not 202`)
    await waitUntil('the build the first delivery starts', async () => (await status(service)).building, 60_000)
    const results = await Promise.all(
      Array.from({length: deliveries}, async (_, index) => {
        await sleep((index * windowMs) / deliveries)
        return deliver(service, index, run)
      }),
    )
    const accepted = results.filter((result) => result.status === 202)
    const lastAckAt = Math.max(...accepted.map((result) => result.ackAt))
    // Settled: nothing building or waiting, for longer than the service's quiet period.
    let idleSince = 0
    await waitUntil(
      'the builds after the burst',
      async () => {
        const now = await status(service)
        const idle = !now.building && !now.pending
        idleSince = idle ? idleSince || Date.now() : 0
        return idle && Date.now() - idleSince > 5_000
      },
      15 * 60_000,
    )
    const final = await status(service)
    const spans = buildSpans(service).slice(1) // the first is the initial release
    const during = results.filter((result) => spans.some((span) => span.start <= result.sentAt && (span.end ?? Infinity) >= result.ackAt))
    const statuses: Record<string, number> = {}
    for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1
    const summary = (values: number[]) =>
      values.length ? {p50: round1(percentile(values, 0.5)), p99: round1(percentile(values, 0.99)), max: round1(Math.max(...values))} : null
    const finalStart = final.lastSuccess ? Date.parse(final.lastSuccess.startedAt) : null
    return {
      size,
      deliveries,
      windowMs,
      statuses,
      ackMs: summary(results.map((result) => result.ms))!,
      duringBuild: during.length,
      ackMsDuringBuild: summary(during.map((result) => result.ms)),
      builds: spans.length,
      failedBuilds: spans.filter((span) => span.failed).length,
      lastAckAt: new Date(lastAckAt).toISOString(),
      finalBuildStartedAt: finalStart ? new Date(finalStart).toISOString() : null,
      lost: accepted.length !== deliveries || finalStart === null || finalStart < lastAckAt,
    }
  } finally {
    await service.stop()
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10
