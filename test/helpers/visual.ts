// Screenshots as visual baselines: a capture is clipped to a fixed height, halved and reduced to a
// palette, so a committed baseline stays small, then compared pixel by pixel with a tolerance.
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import pixelmatch from 'pixelmatch'
import {PNG} from 'pngjs'
import type {Page} from 'playwright-core'
import sharp from 'sharp'
import {ROOT} from './browser.ts'

export const BASELINE_DIR = join(ROOT, 'test/baselines')
export const DIFF_DIR = join(ROOT, 'test/output/visual')

/** `UPDATE_BASELINES=1 npm run test:visual` rewrites the baselines instead of comparing against them. */
export const UPDATING = process.env.UPDATE_BASELINES === '1'

/** The part of the page compared: the top, at most this many CSS pixels tall. */
export const MAX_HEIGHT = 1100
/** Share of pixels that may differ (anti-aliasing, font hinting) before a capture counts as changed. */
export const TOLERANCE = 0.01

/** The top of the page, as a small palette PNG. */
export async function capture(page: Page): Promise<Buffer> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  const width = page.viewportSize()!.width
  const shot = await page.screenshot({
    fullPage: true,
    clip: {x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT)},
    animations: 'disabled',
    caret: 'hide',
  })
  return sharp(shot)
    .resize({width: Math.round(width / 2)})
    .png({palette: true, colours: 64, dither: 0, compressionLevel: 9, effort: 10})
    .toBuffer()
}

export type Comparison = {name: string; status: 'same' | 'changed' | 'missing' | 'written'; detail: string}

/** Compares a capture with its baseline; writes the capture and a diff image next to the test output when they differ. */
export async function compareWithBaseline(name: string, actual: Buffer): Promise<Comparison> {
  const file = join(BASELINE_DIR, `${name}.png`)
  if (UPDATING) {
    await writeFile(file, actual)
    return {name, status: 'written', detail: file}
  }
  const expected = await readFile(file).catch(() => null)
  if (!expected) return {name, status: 'missing', detail: `no baseline at ${file}`}
  const a = PNG.sync.read(expected)
  const b = PNG.sync.read(actual)
  await mkdir(DIFF_DIR, {recursive: true})
  if (a.width !== b.width || a.height !== b.height) {
    await writeFile(join(DIFF_DIR, `${name}.actual.png`), actual)
    return {name, status: 'changed', detail: `size ${b.width}×${b.height}, baseline ${a.width}×${a.height}`}
  }
  const diff = new PNG({width: a.width, height: a.height})
  const pixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, {threshold: 0.15})
  const share = pixels / (a.width * a.height)
  if (share <= TOLERANCE) return {name, status: 'same', detail: `${(share * 100).toFixed(2)}% differs`}
  await writeFile(join(DIFF_DIR, `${name}.actual.png`), actual)
  await writeFile(join(DIFF_DIR, `${name}.diff.png`), PNG.sync.write(diff))
  return {name, status: 'changed', detail: `${(share * 100).toFixed(2)}% of pixels differ; see ${DIFF_DIR}/${name}.diff.png`}
}
