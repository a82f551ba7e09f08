// The one check every outgoing link passes: readers and apps only ever get web (or mail) addresses.

/** `url` when it is an http(s) address (or, with `mailto`, an e-mail link); otherwise null. */
export function webHref(url: string | null | undefined, {mailto = false} = {}): string | null {
  if (!url) return null
  try {
    const {protocol} = new URL(url)
    return protocol === 'http:' || protocol === 'https:' || (mailto && protocol === 'mailto:') ? url : null
  } catch {
    return null
  }
}
