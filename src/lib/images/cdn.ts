// RECAP_IMAGES=sanity-cdn: pages point at Sanity's image CDN instead of optimised files in the build.
// The crop rectangle is the one build-time optimisation cuts (the editor's crop, then the hotspot
// for a forced shape), so both modes show the same part of each photo; the CDN picks WebP or AVIF
// per browser (auto=format). No image is fetched or encoded at build time.
import {createImageUrlBuilder, type ImageUrlBuilder} from '@sanity/image-url'
import {ContentError} from '../content/errors.ts'
import type {Rect} from './crop.ts'

export const CDN_MODE = 'sanity-cdn'

export function imagesMode(env: NodeJS.ProcessEnv = process.env): 'build' | typeof CDN_MODE {
  const mode = env.RECAP_IMAGES || 'build'
  if (mode !== 'build' && mode !== CDN_MODE)
    throw new ContentError(`RECAP_IMAGES="${mode}" is not a mode; use "build" (the default) or "${CDN_MODE}".`)
  if (mode === CDN_MODE && !env.SANITY_PROJECT_ID) {
    throw new ContentError(
      `RECAP_IMAGES=${CDN_MODE} needs the Sanity backend: set SANITY_PROJECT_ID, or unset RECAP_IMAGES to optimise images at build time.`,
    )
  }
  return mode
}

let builder: ImageUrlBuilder | undefined

/** The CDN URL of an asset's `rect`, scaled to `width` × `height`. */
export function cdnUrl(assetId: string, rect: Rect, width: number, height: number, options: {quality: number; format?: 'jpg'}): string {
  builder ??= createImageUrlBuilder({projectId: process.env.SANITY_PROJECT_ID!, dataset: process.env.SANITY_DATASET || 'production'})
  const image = builder
    .image(assetId)
    .rect(rect.left, rect.top, rect.width, rect.height)
    .width(width)
    .height(height)
    .quality(options.quality)
  return (options.format ? image.format(options.format) : image.auto('format')).url()
}
