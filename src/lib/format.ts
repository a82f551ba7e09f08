// The one place that turns dates and times into text. Instants are shown in the event's zone, never the machine's.

import {dateTimeFormat, localTime} from '../../core/time.ts'

const LOCALE = 'en-GB'

const calendarDate = new Intl.DateTimeFormat(LOCALE, {timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric'})
const calendarDay = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** A calendar date (YYYY-MM-DD) at midnight UTC, so the zone never shifts the day. */
const atUtcMidnight = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`)

/** "26 October 2016"; with `weekday`, "Wednesday, 26 October 2016". */
export function formatDate(date: string, options: {weekday?: boolean} = {}): string {
  return (options.weekday ? calendarDay : calendarDate).format(atUtcMidnight(date))
}

/** "25 – 28 October 2016", "30 October – 2 November 2016", or one date when both are the same. */
export function formatDateRange(start: string, end: string): string {
  if (end <= start) return formatDate(start)
  return calendarDate.formatRange(atUtcMidnight(start), atUtcMidnight(end))
}

/** The two ends of `formatDateRange`, to mark each up as its own date: ["25", "28 October 2016"]. */
export function formatDateRangeParts(start: string, end: string): [string, string] | null {
  if (end <= start) return null
  const parts = calendarDate.formatRangeToParts(atUtcMidnight(start), atUtcMidnight(end))
  const cut = parts.findIndex((part) => part.source === 'endRange')
  const join = (list: typeof parts) => list.map((part) => part.value).join('')
  const head = join(parts.slice(0, cut)).replace(/\s*[–-]\s*$/, '')
  return [head, join(parts.slice(cut))]
}

/** "09:00" on a 24-hour clock, in `zone`. */
export function formatTime(instant: string | Date, zone: string): string {
  return localTime(instant, zone)
}

/** "09:00–10:30" in `zone`. */
export function formatTimeRange(startsAt: string | Date, endsAt: string | Date, zone: string): string {
  return `${formatTime(startsAt, zone)}–${formatTime(endsAt, zone)}`
}

/** The calendar date of `instant` in `zone`, as "Wednesday, 26 October 2016". */
export function formatZonedDate(instant: string | Date, zone: string, options: {weekday?: boolean} = {}): string {
  return dateTimeFormat(LOCALE, {
    timeZone: zone,
    weekday: options.weekday ? 'long' : undefined,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(instant))
}

/** The zone's short name at `instant`: "CEST", "BST", or an offset such as "GMT+9" where English has no name. */
export function zoneLabel(zone: string, instant: string | Date): string {
  const parts = dateTimeFormat(LOCALE, {timeZone: zone, timeZoneName: 'short'}).formatToParts(new Date(instant))
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone
}

/** The city part of an IANA zone, for readers: "Europe/Madrid" → "Madrid", "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replaceAll('_', ' ')
}

// Built once: a formatter costs far more to build than to use.
const figureNumber = new Intl.NumberFormat(LOCALE, {maximumFractionDigits: 2})
const countNumber = new Intl.NumberFormat(LOCALE)

/** A claimed figure, e.g. "60%", "40 ms", "2,000,000 m²". */
export function formatFigure(value: number, unit: string | null | undefined): string {
  const number = figureNumber.format(value)
  if (!unit) return number
  return unit === '%' ? `${number}%` : `${number} ${unit}`
}

/** "1 session", "3 sessions". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${countNumber.format(count)} ${count === 1 ? one : many}`
}
