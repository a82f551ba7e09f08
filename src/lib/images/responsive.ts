import {getImage} from 'astro:assets'
import {cdnUrl, CDN_MODE, imagesMode} from './cdn.ts'
import {cropRect, rectToString, type Rect} from './crop.ts'
import type {Photo} from '../site.ts'

export type SanityImage = NonNullable<Photo['image']>

/**
 * The widths every rendition is cut at. Every page shares one ladder, so a photo shown in a
 * gallery, a strip and its own page is optimised once per width rather than once per context.
 */
export const WIDTHS = [400, 800, 1200, 1600]

export type ResponsiveImage = {src: string; srcset: string; width: number; height: number; lqip: string | null}

function cropped(image: SanityImage | null | undefined, aspectRatio?: number) {
  const asset = image?.asset
  if (!image || !asset?.url || !asset.width || !asset.height) return null
  const rect = cropRect(asset.width, asset.height, image.crop, image.hotspot, aspectRatio)
  return {asset, rect, common: {src: asset.url, assetId: asset._id, rect: rectToString(rect)}}
}

const heightAt = (rect: Rect, width: number) => Math.round((width * rect.height) / rect.width)

/**
 * WebP renditions of a Sanity image, cropped as the editor cropped it, at the ladder's widths up
 * to `maxWidth` (one of WIDTHS) or the cropped original's width, whichever is smaller.
 */
export async function responsiveImage(
  image: SanityImage | null | undefined,
  options: {maxWidth?: number; aspectRatio?: number} = {},
): Promise<ResponsiveImage | null> {
  const source = cropped(image, options.aspectRatio)
  if (!source) return null
  const {asset, rect, common} = source
  const largest = Math.min(rect.width, options.maxWidth ?? WIDTHS.at(-1)!)
  const widths = [...WIDTHS.filter((width) => width < largest), largest]
  if (imagesMode() === CDN_MODE) {
    const url = (width: number) => cdnUrl(asset._id, rect, width, heightAt(rect, width), {quality: 75})
    const srcset = widths.map((width) => `${url(width)} ${width}w`).join(', ')
    return {src: url(largest), srcset, width: largest, height: heightAt(rect, largest), lqip: asset.lqip ?? null}
  }
  const webp = await getImage({...common, width: largest, height: heightAt(rect, largest), widths, format: 'webp', quality: 75})
  return {src: webp.src, srcset: webp.srcSet.attribute, width: largest, height: heightAt(rect, largest), lqip: asset.lqip ?? null}
}

/** One JPEG for link previews: social networks read JPEG everywhere, and want about 1.91:1. */
export async function shareImage(image: SanityImage | null | undefined): Promise<{src: string; width: number; height: number} | null> {
  const source = cropped(image, 1.91)
  if (!source) return null
  const width = Math.min(source.rect.width, 1200)
  const height = heightAt(source.rect, width)
  if (imagesMode() === CDN_MODE)
    return {src: cdnUrl(source.asset._id, source.rect, width, height, {quality: 80, format: 'jpg'}), width, height}
  const jpeg = await getImage({...source.common, width, height, format: 'jpeg', quality: 80})
  return {src: jpeg.src, width, height}
}
