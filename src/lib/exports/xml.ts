// Text for XML 1.0 files (RSS, schedule.xml): characters XML forbids are removed, markup characters escaped.
import {cleanText} from '../text.ts'

const ESCAPES = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&apos;'],
])

/** Text content or an attribute value, safe and escaped. */
export function xmlEscape(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (char) => ESCAPES.get(char)!)
}

/** `<name attr="…">text</name>`, or `<name attr="…"/>` without text. */
export function element(name: string, text: string | null, attributes: Record<string, string | number | null | undefined> = {}): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join('')
  return text === null ? `<${name}${attrs}/>` : `<${name}${attrs}>${xmlEscape(text)}</${name}>`
}
