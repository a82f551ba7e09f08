import type {LocalImageService} from 'astro'
import sharpService from 'astro/assets/services/sharp'
import sharp from 'sharp'
import {parseRect} from './crop.ts'

// WebP effort 2 encodes about twice as fast as the default 4, for files about 2% larger.
const WEBP_EFFORT = 2

/**
 * Astro's sharp service with one difference: a `rect` option cuts Sanity's crop and hotspot from
 * the original in the same pipeline that resizes and encodes it. Optimised files are named by the
 * asset and the transform, not by where the original was fetched from, so both content backends
 * produce identical pages and share Astro's cache.
 */
const service: LocalImageService = {
  ...sharpService,
  propertiesToHash: ['assetId', 'rect', 'width', 'height', 'format', 'quality'],
  getURL(options, imageConfig, logger) {
    const url = sharpService.getURL(options, imageConfig, logger)
    return typeof url === 'string' && options.rect ? `${url}&rect=${encodeURIComponent(String(options.rect))}` : url
  },
  parseURL(url, imageConfig, logger) {
    const options = sharpService.parseURL(url, imageConfig, logger)
    const rect = url.searchParams.get('rect')
    return options && rect ? {...options, rect} : options
  },
  async transform(input, options) {
    const rect = parseRect(options.rect)
    let image = sharp(input, {failOn: 'none'}).rotate()
    if (rect) image = image.extract(rect)
    if (options.width) {
      image = image.resize({
        width: Math.round(options.width),
        height: options.height ? Math.round(options.height) : undefined,
        fit: 'cover',
        withoutEnlargement: true,
      })
    }
    const quality = Number(options.quality) || undefined
    const format = options.format === 'jpeg' || options.format === 'jpg' ? 'jpeg' : 'webp'
    const data = format === 'jpeg' ? await image.jpeg({quality}).toBuffer() : await image.webp({quality, effort: WEBP_EFFORT}).toBuffer()
    return {data: new Uint8Array(data), format}
  },
}

export default service
