type Params = Record<string, string | undefined>
type PathEntry<P> = {params: Params; props: P}

/**
 * A page's props. A static build hands them over from getStaticPaths; when the page is rendered on
 * demand (the draft preview), this finds the entry of the same getStaticPaths whose params match
 * the URL, so a page needs no second way to gather its data. Undefined when nothing matches.
 */
export async function pageProps<P extends object>(
  astro: {props: P | Record<string, never>; params: Params},
  getStaticPaths: () => Promise<PathEntry<P>[]> | PathEntry<P>[],
): Promise<P | undefined> {
  if (Object.keys(astro.props).length > 0) return astro.props as P
  const entries = await getStaticPaths()
  return entries.find((entry) => sameParams(entry.params, astro.params))?.props
}

function sameParams(a: Params, b: Params): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((key) => (a[key] ?? '') === decode(b[key] ?? ''))
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
