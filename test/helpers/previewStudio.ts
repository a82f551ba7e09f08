// The Studio for the draft preview's journey: the production build, made with the preview on a host
// name of its own. Chromium maps that name, and the Studio's, to loopback ports, so the Studio and the
// preview are two sites under one domain, as a Studio and a site under one company domain are.
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {createHash} from 'node:crypto'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {ROOT} from './browser.ts'

export const STUDIO_HOST = 'studio.recap.test'
export const PREVIEW_HOST = 'preview.recap.test'
const OUT = join(ROOT, 'test/output/studio-preview')
const SOURCES = ['studio', 'schemas', 'src/lib', 'package-lock.json']

function sourceHash(): string {
  const hash = createHash('sha256')
  for (const source of SOURCES) {
    const full = join(ROOT, source)
    const names = source.includes('.')
      ? ['']
      : readdirSync(full, {recursive: true, encoding: 'utf8'})
          .filter((name) => !/(^|\/)(dist|node_modules|\.sanity)(\/|$)/.test(name))
          .sort()
    for (const name of names) {
      try {
        hash.update(name).update(readFileSync(join(full, name)))
      } catch {
        // A folder: its files are listed on their own.
      }
    }
  }
  return hash.digest('hex')
}

/** Builds the Studio with SANITY_STUDIO_PREVIEW_URL on the preview's host name, unless that build is current. */
export function ensurePreviewStudioBuild(): string {
  const stamp = join(OUT, '.source-hash')
  const hash = sourceHash()
  if (existsSync(join(OUT, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return OUT
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && !key.startsWith('SANITY_')),
  )
  const result = spawnSync(join(ROOT, 'node_modules/.bin/sanity'), ['build', OUT, '--yes'], {
    cwd: join(ROOT, 'studio'),
    env: {...env, DO_NOT_TRACK: '1', NO_COLOR: '1', SANITY_STUDIO_PREVIEW_URL: `http://${PREVIEW_HOST}`},
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`The Studio did not build (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  writeFileSync(stamp, hash)
  return OUT
}
