// Text for XML 1.0 files (RSS, schedule.xml): characters XML forbids are removed, markup characters escaped.

// Tab, newline, carriage return and everything from space up, except lone surrogates, U+FFFE and U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** `text` without the characters no XML 1.0 parser accepts, even escaped (NUL, most C0 controls, U+FFFE…). */
export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, '')
}

const ESCAPES = new Map([['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;'], ["'", '&apos;']])

/** Text content or an attribute value, safe and escaped. */
export function xmlEscape(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (char) => ESCAPES.get(char)!)
}

/** `<name attr="…">text</name>`, or `<name attr="…"/>` without text. */
export function element(name: string, text: string | null, attributes: Record<string, string | number | null | undefined> = {}): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join('')
  return text === null ? `<${name}${attrs}/>` : `<${name}${attrs}>${xmlEscape(text)}</${name}>`
}
