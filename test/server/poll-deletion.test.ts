// The rebuild service with a real build: a session deleted without its webhook goes offline
// once the next poll sees the content's digest change.
import {spawn} from 'node:child_process'
import {cp, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, expect, it} from 'vitest'
import {MAIN, REPO, tempDir, waitFor} from './helpers.ts'

const POLL_SECONDS = 2
const SESSION = 'rackspace-party'
const PAGE = `/events/ossummit-barcelona-2016/sessions/${SESSION}/`

let stop: (() => void) | undefined
afterEach(() => stop?.())

it('takes a deleted session offline within one poll interval of the build, with no webhook', async () => {
  const tmp = await tempDir()
  await cp(path.join(REPO, 'dataset'), path.join(tmp.dir, 'dataset'), {recursive: true})
  const dataset = path.join(tmp.dir, 'dataset/production.ndjson')
  const child = spawn(process.execPath, [MAIN, '--insecure-local'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      RECAP_RELEASES_DIR: path.join(tmp.dir, 'releases'),
      RECAP_CACHE_DIR: path.join(tmp.dir, 'cache'),
      RECAP_DATASET: dataset,
      RECAP_POLL_SECONDS: String(POLL_SECONDS),
      RECAP_QUIET_MS: '0',
      SITE_URL: 'https://recap.example',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  stop = () => child.kill('SIGTERM')
  const lines: string[] = []
  child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n')))
  child.stderr.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n')))
  const url = await waitFor(() => /service\.listening url=(\S+)/.exec(lines.join('\n'))?.[1], {what: 'the service to listen'})
  const status = (path: string) => fetch(`${url}${path}`).then((response) => response.status)
  await waitFor(async () => (await status(PAGE)) === 200, {what: `the first release to serve ${PAGE}`, timeoutMs: 120_000})

  const kept = (await readFile(dataset, 'utf8')).split('\n').filter((line) => !line.includes(`"_id":"session.${SESSION}"`))
  await writeFile(dataset, kept.join('\n'))
  const deletedAt = Date.now()
  await waitFor(() => lines.some((line) => line.includes('trigger.accepted source=poll')), {
    what: 'the poll to notice the deletion',
    timeoutMs: 30_000,
  })
  expect(Date.now() - deletedAt).toBeLessThan((POLL_SECONDS + 1) * 1000)
  await waitFor(async () => (await status(PAGE)) === 404, {what: `${PAGE} to go offline`, timeoutMs: 120_000})
  expect(await status('/events/ossummit-barcelona-2016/sessions/keynote-multicloud/')).toBe(200)
}, 300_000)
