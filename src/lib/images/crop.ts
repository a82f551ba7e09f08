// Sanity's crop and hotspot, turned into one pixel rectangle of the original image.

export type Crop = {top?: number | null; bottom?: number | null; left?: number | null; right?: number | null}
export type Hotspot = {x?: number | null; y?: number | null}
export type Rect = {left: number; top: number; width: number; height: number}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max)

/**
 * The rectangle to cut from a `width` × `height` image: the editor's crop, then, when an
 * `aspectRatio` is asked for, the largest part of it with that ratio centred on the hotspot.
 */
export function cropRect(width: number, height: number, crop?: Crop | null, hotspot?: Hotspot | null, aspectRatio?: number): Rect {
  const left = Math.round(clamp(crop?.left ?? 0, 0, 1) * width)
  const top = Math.round(clamp(crop?.top ?? 0, 0, 1) * height)
  const right = Math.round(clamp(crop?.right ?? 0, 0, 1) * width)
  const bottom = Math.round(clamp(crop?.bottom ?? 0, 0, 1) * height)
  const rect: Rect = {left, top, width: Math.max(1, width - left - right), height: Math.max(1, height - top - bottom)}
  if (!aspectRatio) return rect

  const centreX = clamp(hotspot?.x ?? 0.5, 0, 1) * width
  const centreY = clamp(hotspot?.y ?? 0.5, 0, 1) * height
  if (rect.width / rect.height > aspectRatio) {
    const narrower = Math.max(1, Math.round(rect.height * aspectRatio))
    const x = clamp(Math.round(centreX - narrower / 2), rect.left, rect.left + rect.width - narrower)
    return {left: x, top: rect.top, width: narrower, height: rect.height}
  }
  const shorter = Math.max(1, Math.round(rect.width / aspectRatio))
  const y = clamp(Math.round(centreY - shorter / 2), rect.top, rect.top + rect.height - shorter)
  return {left: rect.left, top: y, width: rect.width, height: shorter}
}

export const rectToString = (rect: Rect) => `${rect.left},${rect.top},${rect.width},${rect.height}`

export function parseRect(value: unknown): Rect | undefined {
  if (typeof value !== 'string') return undefined
  const [left, top, width, height] = value.split(',').map(Number)
  return [left, top, width, height].every((n) => Number.isInteger(n) && n >= 0) && width > 0 && height > 0
    ? {left, top, width, height}
    : undefined
}
