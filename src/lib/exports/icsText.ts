// RFC 5545 content lines: text escaping, folding at 75 octets and CRLF line endings.

const MAX_OCTETS = 75

/** UTF-8 length of one code point, without encoding it (calendars fold thousands of lines). */
function utf8Octets(character: string): number {
  const point = character.codePointAt(0)!
  return point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks; other control characters go. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/**
 * Splits a content line so no physical line exceeds 75 octets of UTF-8. Continuation lines start
 * with one space, which counts towards their 75; a multi-byte character is never cut in two.
 */
export function foldLine(line: string): string[] {
  if (Buffer.byteLength(line) <= MAX_OCTETS) return [line]
  const lines: string[] = []
  let current = ''
  let octets = 0
  for (const character of line) {
    const size = utf8Octets(character)
    if (octets + size > MAX_OCTETS) {
      lines.push(current)
      current = ' '
      octets = 1
    }
    current += character
    octets += size
  }
  lines.push(current)
  return lines
}

/** One unfolded content line, e.g. `DTSTART;TZID=Europe/Madrid:20161026T090000`. */
export function contentLine(name: string, value: string, params: Record<string, string> = {}): string {
  const parameters = Object.entries(params)
    // Parameter values with separators must be quoted; quotes themselves are not allowed.
    .map(([key, raw]) => {
      const clean = raw.replace(/"/g, "'")
      return `;${key}=${/[;:,]/.test(clean) ? `"${clean}"` : clean}`
    })
    .join('')
  return `${name}${parameters}:${value}`
}

/** The calendar file: every line folded and ended with CRLF. */
export function serializeLines(lines: string[]): string {
  return lines.flatMap(foldLine).join('\r\n') + '\r\n'
}

/** UTC DATE-TIME form, e.g. "20161026T070000Z". */
export function utcDateTime(instant: Date | string): string {
  return new Date(instant)
    .toISOString()
    .replace(/\.\d{3}/, '')
    .replace(/[-:]/g, '')
}

/** Local DATE-TIME form from a date and a time, e.g. "20161026T090000". */
export function localDateTime(date: string, time: string): string {
  return `${date.replace(/-/g, '')}T${time.replace(/:/g, '')}`
}
