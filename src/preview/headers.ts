/** Headers on every preview response: never cached by anyone, never indexed. */
export const PREVIEW_HEADERS = {
  'cache-control': 'private, no-store',
  'x-robots-tag': 'noindex, nofollow',
  vary: 'Cookie',
} as const
