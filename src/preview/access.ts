// Who may see the draft preview. Entry is a link with a secret: Sanity's preview-URL secret, made by
// the Presentation tool, when the site reads a Sanity project; RECAP_PREVIEW_SECRET with the embedded
// dataset. A valid link sets a signed cookie that opens the preview for the rest of the session.
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import {lakeClient, lakeConfigFromEnv} from '../lib/content/source.ts'

export const COOKIE = 'recap_preview'
// An editor's preview lasts a working day; then the Studio (or the secret link) opens it again.
const LIFETIME_MS = 12 * 60 * 60 * 1000

export type Entry = {valid: true; redirectTo: string} | {valid: false; reason: string}

export interface PreviewAccess {
  /** Why the preview is off, or null when it can be entered. */
  readonly off: string | null
  /** Checks an entry link (path and query). */
  enter(url: URL): Promise<Entry>
  cookieFor(now?: number): string
  allows(cookieHeader: string | undefined, now?: number): boolean
}

/** Only a path on this site: never send an editor elsewhere. */
export function localPath(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : '/'
}

function signer(key: Buffer) {
  const sign = (expires: number) => createHmac('sha256', key).update(`preview:${expires}`).digest('base64url')
  return {
    cookieFor: (now = Date.now()) => {
      const expires = now + LIFETIME_MS
      return `${expires}.${sign(expires)}`
    },
    allows(cookieHeader: string | undefined, now = Date.now()) {
      const value = cookieHeader
        ?.split(';')
        .map((part) => part.trim())
        .find((part) => part.startsWith(`${COOKIE}=`))
        ?.slice(COOKIE.length + 1)
      const [expires, signature] = (value ?? '').split('.')
      if (!expires || !signature || !(Number(expires) > now)) return false
      const expected = Buffer.from(sign(Number(expires)))
      const given = Buffer.from(signature)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'compare').update(given).digest()
  const b = createHmac('sha256', 'compare').update(expected).digest()
  return timingSafeEqual(a, b)
}

export function previewAccessFromEnv(env: NodeJS.ProcessEnv = process.env): PreviewAccess {
  // Cookies outlive a restart when a secret is configured; otherwise they last as long as the process.
  const key = env.RECAP_PREVIEW_SECRET ? createHmac('sha256', env.RECAP_PREVIEW_SECRET).update('cookie').digest() : randomBytes(32)
  const cookies = signer(key)
  if (env.SANITY_PROJECT_ID) {
    const config = lakeConfigFromEnv(env)
    const client = config.token ? lakeClient(config) : null
    return {
      off: client ? null : 'The draft preview is off because SANITY_API_READ_TOKEN is not set.',
      ...cookies,
      async enter(url) {
        if (!client) return {valid: false, reason: 'The draft preview is off because SANITY_API_READ_TOKEN is not set.'}
        const result = await validatePreviewUrl(client, url.href).catch(() => ({isValid: false, redirectTo: undefined}))
        return result.isValid
          ? {valid: true, redirectTo: localPath(result.redirectTo)}
          : {
              valid: false,
              reason: 'This preview link is not valid or has expired, so no preview is shown; open the preview from the Studio again.',
            }
      },
    }
  }
  const secret = env.RECAP_PREVIEW_SECRET
  return {
    off: secret ? null : 'The draft preview is off because RECAP_PREVIEW_SECRET is not set.',
    ...cookies,
    async enter(url) {
      if (!secret) return {valid: false, reason: 'The draft preview is off because RECAP_PREVIEW_SECRET is not set.'}
      return sameSecret(url.searchParams.get('secret') ?? '', secret)
        ? {valid: true, redirectTo: localPath(url.searchParams.get('redirect') ?? url.searchParams.get('sanity-preview-pathname'))}
        : {valid: false, reason: 'The preview secret is wrong, so no preview is shown.'}
    },
  }
}
