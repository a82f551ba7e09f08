// Publish to live: the rebuild service (`npm start`) serves a size's cold build; one session's title
// changes in its dataset, one signed webhook arrives, and the session page is fetched every 50 ms
// until it shows the new title. Split, from the service's log, into the quiet period (webhook to
// build start), the build, and the swap (build end to the first response with the new title).
// Done twice: the first publish after a cold build also fills the caches that only the service's
// own builds fill (the embedded dataset's image facts); the second is what an editor sees from then on.
import {randomUUID} from 'node:crypto'
import {readdir} from 'node:fs/promises'
import {discard} from './lib/files.ts'
import {join} from 'node:path'
import {encodeSignatureHeader} from '@sanity/webhook'
import {EDITED_PAGE, EDITED_SESSION, escapeHtml, writeEditedDataset} from './lib/edit.ts'
import {RELEASE_ID, releasesDir, type SizeName} from './lib/paths.ts'
import {SITE_URL} from './lib/recapBuild.ts'
import {linkCurrent, startService, type Service} from './lib/service.ts'
import {sleep} from './lib/stats.ts'

export type PublishResult = {
  size: SizeName
  quietMs: number
  buildMs: number
  swapMs: number
  totalMs: number
  /** The first publish after the cold build, from webhook to the new title served. */
  firstTotalMs: number
}
type Publish = Omit<PublishResult, 'size' | 'firstTotalMs'>

const SECRET = 'bench-publish-secret'
const QUIET_MS = 3_000

/** When the first log line matching `pattern` at or after `from` arrived. */
function lineAt(service: Service, pattern: RegExp, from: number): number {
  const line = service.lines.find(({at, text}) => at >= from && pattern.test(text))
  if (!line) throw new Error(`The service never logged ${pattern}:\n${service.lines.map(({text}) => text).join('\n')}`)
  return line.at
}

/** Removes what a publish left in the size's releases folder, and points `current` back at the cold build. */
async function restoreReleases(dir: string) {
  for (const name of await readdir(dir)) if (name !== RELEASE_ID && name !== 'current') await discard(join(dir, name))
  await linkCurrent(dir)
}

export async function measurePublish(size: SizeName, {timeoutMs = 20 * 60_000} = {}): Promise<PublishResult> {
  const dir = releasesDir(size)
  await restoreReleases(dir)
  const live = await writeEditedDataset(size, 'production.live.ndjson', 'unchanged')
  const service = await startService({
    RECAP_RELEASES_DIR: dir,
    SANITY_WEBHOOK_SECRET: SECRET,
    RECAP_DATASET: live.file,
    RECAP_QUIET_MS: String(QUIET_MS),
    SITE_URL,
  })
  try {
    const first = await publishOnce(service, size, timeoutMs)
    return {size, ...(await publishOnce(service, size, timeoutMs)), firstTotalMs: first.totalMs}
  } finally {
    await service.stop()
    await restoreReleases(dir)
  }
}

/** One new title, one signed webhook, then the page polled until it shows the title. */
async function publishOnce(service: Service, size: SizeName, timeoutMs: number): Promise<Publish> {
  const {title} = await writeEditedDataset(size, 'production.live.ndjson', `live ${randomUUID().slice(0, 8)}`)
  const body = JSON.stringify({_id: EDITED_SESSION, _type: 'session', operation: 'update'})
  const sentAt = Date.now()
  const response = await fetch(`${service.url}/api/rebuild`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, sentAt, SECRET),
      'idempotency-key': randomUUID(),
    },
    body,
  })
  if (response.status !== 202) throw new Error(`The webhook was answered ${response.status}, not 202`)
  const deadline = sentAt + timeoutMs
  let liveAt = 0
  while (!liveAt) {
    if (Date.now() > deadline) throw new Error(`${EDITED_PAGE} did not show the new title within ${timeoutMs / 1000} s`)
    const page = await fetch(`${service.url}${EDITED_PAGE}`)
    if ((await page.text()).includes(escapeHtml(title))) liveAt = Date.now()
    else await sleep(50)
  }
  const startedAt = lineAt(service, / build\.started /, sentAt)
  const finishedAt = lineAt(service, / build\.finished /, startedAt)
  return {quietMs: startedAt - sentAt, buildMs: finishedAt - startedAt, swapMs: liveAt - finishedAt, totalMs: liveAt - sentAt}
}
