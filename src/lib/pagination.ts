// Splits a list into numbered pages for getStaticPaths. Pure: no URLs, no I/O.

export type Page<T> = {
  /** 1-based page number. */
  number: number
  items: T[]
  /** How many pages there are in all. */
  total: number
  prev: number | null
  next: number | null
}

/** Always at least one page, so an empty list still gets its first page. */
export function paginate<T>(items: readonly T[], pageSize: number): Page<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`Page size must be a positive integer, not ${pageSize}`)
  const total = Math.max(1, Math.ceil(items.length / pageSize))
  return Array.from({length: total}, (_, index) => ({
    number: index + 1,
    items: items.slice(index * pageSize, (index + 1) * pageSize),
    total,
    prev: index > 0 ? index : null,
    next: index + 1 < total ? index + 2 : null,
  }))
}
