// What the preview leaves out, told to the editor on every page: the same findings, in the same
// words, as the public build's log, so a draft that breaks a rule is named rather than silently missing.
import {describeLeftOut, type LeftOut} from '../lib/content/enforce.ts'

export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** An aside listing each left-out document; empty when nothing is. */
export function leftOutNotice(leftOut: readonly LeftOut[]): string {
  if (leftOut.length === 0) return ''
  const items = leftOut.map((entry) => `<li>${escapeHtml(describeLeftOut(entry))}</li>`).join('')
  return (
    `<aside class="recap-preview-left-out" role="status" style="background:#fff4d6;color:#000;border-bottom:2px solid #b58100;padding:.5rem 1rem">` +
    `<p>This preview leaves out what would not be published:</p><ul>${items}</ul></aside>`
  )
}
