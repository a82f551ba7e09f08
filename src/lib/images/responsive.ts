import {getImage} from 'astro:assets'
import {cropRect, rectToString} from './crop.ts'
import type {Photo} from '../site.ts'

export type SanityImage = NonNullable<Photo['image']>

/** Widths offered in `srcset`; the largest is capped at the cropped original's width. */
export const WIDTHS = [400, 800, 1200, 1600]

export type ResponsiveImage = {
  src: string
  width: number
  height: number
  lqip: string | null
  sources: {type: string; srcset: string}[]
  srcset: string
}

/** Optimised, cropped renditions of a Sanity image, in WebP with a JPEG fallback. */
export async function responsiveImage(
  image: SanityImage | null | undefined,
  options: {maxWidth?: number; aspectRatio?: number} = {},
): Promise<ResponsiveImage | null> {
  const asset = image?.asset
  if (!image || !asset?.url || !asset.width || !asset.height) return null
  const rect = cropRect(asset.width, asset.height, image.crop, image.hotspot, options.aspectRatio)
  const largest = Math.min(rect.width, options.maxWidth ?? 1600)
  const widths = [...new Set([...WIDTHS.filter((width) => width < largest), largest])]
  const height = Math.round((largest * rect.height) / rect.width)
  const common = {src: asset.url, width: largest, height, widths, assetId: asset._id, rect: rectToString(rect)}
  const [webp, jpeg] = await Promise.all([
    getImage({...common, format: 'webp', quality: 75}),
    getImage({...common, format: 'jpeg', quality: 78}),
  ])
  return {
    src: jpeg.src,
    width: largest,
    height,
    lqip: asset.lqip ?? null,
    sources: [{type: 'image/webp', srcset: webp.srcSet.attribute}],
    srcset: jpeg.srcSet.attribute,
  }
}
