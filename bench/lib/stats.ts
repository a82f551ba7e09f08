import {gzipSync} from 'node:zlib'

/** The value below which `share` (0..1) of the samples fall (nearest rank). */
export function percentile(values: number[], share: number): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]
}

/** Bytes after gzip at zlib's default level, as a web server would send them. */
export const gzipBytes = (data: Buffer | string) => (data.length ? gzipSync(data).length : 0)

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
