import type {LocalImageService} from 'astro'
import sharpService from 'astro/assets/services/sharp'
import sharp from 'sharp'
import {parseRect} from './crop.ts'

/**
 * Astro's sharp service, plus a `rect` option that cuts Sanity's crop and hotspot from the original
 * before resizing. Optimised files are named by the asset and the transform, not by where the
 * original was fetched from, so both content backends produce identical pages and share a cache.
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
  async transform(input, options, imageConfig, logger) {
    const rect = parseRect(options.rect)
    const source = rect ? await sharp(input).rotate().extract(rect).toBuffer() : input
    return sharpService.transform(source, options, imageConfig, logger)
  },
}

export default service
