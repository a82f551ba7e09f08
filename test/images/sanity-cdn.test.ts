// RECAP_IMAGES=sanity-cdn: pages point at Sanity's image CDN, cropped as the build would crop, and
// the build does no image work. Checked offline against the Content Lake stand-in.
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEmbeddedDataset} from '../../src/lib/content/embedded.ts'
import {cropRect} from '../../src/lib/images/crop.ts'
import {buildSite, tempDir, type BuildResult} from '../helpers/build.ts'
import {startContentLake, type ContentLake} from '../helpers/contentLake.ts'
import {attr, elements, listFiles, readPage} from '../helpers/html.ts'

const PHOTO = '/events/ossummit-barcelona-2016/photos/china-telecom-slide/'
let lake: ContentLake
let site: BuildResult

beforeAll(async () => {
  lake = await startContentLake('dataset/production.ndjson')
  const cache = join(await tempDir('cdn-cache'), 'astro')
  site = await buildSite({
    SANITY_PROJECT_ID: 'recap0000',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: lake.url,
    RECAP_IMAGES: 'sanity-cdn',
    RECAP_CACHE_DIR: cache,
  })
}, 300_000)
afterAll(() => lake?.close())

describe('the Sanity CDN image mode', () => {
  it('optimises no image at build time', async () => {
    expect(site.code, site.output).toBe(0)
    expect(site.output).not.toMatch(/generating optimized images/)
    expect((await listFiles(site.dir)).filter((file) => /\.(webp|jpe?g|avif|png)$/.test(file))).toEqual([])
  })

  it("renders the photo's crop with auto=format, a srcset, the cropped ratio and its LQIP", async () => {
    const documents = await loadEmbeddedDataset('dataset/production.ndjson')
    const photo = documents.find((document) => document._id === 'photo.china-telecom-slide') as unknown as {
      image: {asset: {_ref: string}; crop: object; hotspot: object}
    }
    const asset = documents.find((document) => document._id === photo.image.asset._ref) as unknown as {
      sha1hash: string
      metadata: {dimensions: {width: number; height: number}; lqip: string}
    }
    const {width, height} = asset.metadata.dimensions
    const rect = cropRect(width, height, photo.image.crop, photo.image.hotspot)
    const img = elements(await readPage(site.dir, PHOTO), 'img').find((element) => attr(element, 'class')?.includes('sanity-image'))!
    const src = new URL(attr(img, 'src')!)
    expect(`${src.origin}${src.pathname}`).toBe(
      `https://cdn.sanity.io/images/recap0000/production/${asset.sha1hash}-${width}x${height}.jpg`,
    )
    expect(src.searchParams.get('rect')).toBe(`${rect.left},${rect.top},${rect.width},${rect.height}`)
    expect(src.searchParams.get('auto')).toBe('format')
    const shown = {width: Number(attr(img, 'width')), height: Number(attr(img, 'height'))}
    expect([Number(src.searchParams.get('w')), Number(src.searchParams.get('h'))]).toEqual([shown.width, shown.height])
    expect(Math.abs(shown.width / shown.height - rect.width / rect.height)).toBeLessThan(0.01)
    const candidates = attr(img, 'srcset')!
      .split(', ')
      .map((candidate) => candidate.split(' '))
    expect(candidates.length).toBeGreaterThan(1)
    for (const [url, descriptor] of candidates) {
      const candidate = new URL(url)
      expect(descriptor).toBe(`${candidate.searchParams.get('w')}w`)
      expect(candidate.searchParams.get('rect')).toBe(src.searchParams.get('rect'))
    }
    expect(attr(img, 'style')).toContain(asset.metadata.lqip)
  })

  it('gives link previews a JPEG from the CDN', async () => {
    const meta = elements(await readPage(site.dir, PHOTO), 'meta').find((element) => attr(element, 'property') === 'og:image')!
    const url = new URL(attr(meta, 'content')!)
    expect([url.host, url.searchParams.get('fm')]).toEqual(['cdn.sanity.io', 'jpg'])
  })

  it('refuses the embedded backend with a sentence naming the setting', async () => {
    const result = await buildSite({RECAP_IMAGES: 'sanity-cdn', RECAP_CACHE_DIR: join(await tempDir('cdn-cache'), 'astro')})
    expect(result.code).toBe(1)
    expect(result.output).toContain('RECAP_IMAGES=sanity-cdn needs the Sanity backend: set SANITY_PROJECT_ID')
    expect(await readFile(join(result.dir, 'index.html')).catch(() => null)).toBeNull()
  })
})
