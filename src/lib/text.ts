// Text as pages and exports carry it: the characters HTML parsers report as errors and XML 1.0
// forbids are removed, once, where content enters the build (lib/site.ts), and again in XML files.

// Controls (C0, DEL, C1) but tab, LF and CR; noncharacters (U+FFFE, U+FDD0…); lone surrogates.
const UNSAFE = /(?![\t\n\r])[\p{Cc}\p{Noncharacter_Code_Point}\p{Cs}]/gu

/** `text` without control characters, noncharacters and lone surrogates. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, '')
}

/**
 * JSON content with every string in it cleaned (object keys are field names, never shown). What is
 * already clean comes back as the same object, so clean content costs no copies.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T
  if (Array.isArray(value)) return cleanArray(value) as T
  if (value && Object.getPrototypeOf(value) === Object.prototype) return cleanObject(value as Record<string, unknown>) as T
  return value
}

function cleanArray(array: unknown[]): unknown[] {
  const cleaned = array.map(cleanStrings)
  return cleaned.some((item, index) => item !== array[index]) ? cleaned : array
}

function cleanObject(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined
  for (const [key, value] of Object.entries(object)) {
    const cleaned = cleanStrings(value)
    if (cleaned !== value) (copy ??= {...object})[key] = cleaned
  }
  return copy ?? object
}
