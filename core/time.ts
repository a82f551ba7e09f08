// Time helpers that work in a named IANA zone, never in the build machine's zone.

const formats = new Map<string, Intl.DateTimeFormat>()

/** A shared formatter: building one costs about 70 times more than using it, and pages format thousands of times. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\0${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

/** True when `zone` names an IANA time zone that this runtime knows, e.g. "Europe/Madrid". */
export function isTimeZone(zone: string): boolean {
  if (zone !== 'UTC' && !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false
  try {
    dateTimeFormat('en', {timeZone: zone})
    return true
  } catch {
    return false
  }
}

// Pages ask for the same few thousand instants again and again (a session's times appear on its
// page, its day, its event, its calendars and the feeds), so offsets are remembered.
const offsets = new Map<string, number>()
const OFFSETS_KEPT = 100_000

/** Offset of `zone` from UTC at `instant`, in minutes (Madrid in October 2016: 120). */
export function zoneOffsetMinutes(instant: Date, zone: string): number {
  const second = Math.floor(instant.getTime() / 1000) * 1000
  const key = `${zone} ${second}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    if (offsets.size >= OFFSETS_KEPT) offsets.clear()
    offset = measureOffset(second, zone)
    offsets.set(key, offset)
  }
  return offset
}

function measureOffset(second: number, zone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(second)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - second) / 60000)
}

/** The instant at which the local wall-clock time `date` + `time` occurs in `zone`. */
export function zonedTimeToUtc(date: string, time: string, zone: string): Date {
  const naive = new Date(`${date}T${time}Z`)
  if (Number.isNaN(naive.getTime())) throw new RangeError(`Not a date and time: ${date} ${time}`)
  // Two passes settle the offset around daylight-saving changes.
  let guess = new Date(naive.getTime() - zoneOffsetMinutes(naive, zone) * 60000)
  guess = new Date(naive.getTime() - zoneOffsetMinutes(guess, zone) * 60000)
  return guess
}

/** The calendar date (YYYY-MM-DD) of `instant` as seen in `zone`. */
export function localDate(instant: Date | string, zone: string): string {
  return dateTimeFormat('en-CA', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date(instant))
}

/** The wall-clock time (HH:MM, 24-hour) of `instant` in `zone`. */
export function localTime(instant: Date | string, zone: string): string {
  return dateTimeFormat('en-GB', {timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(new Date(instant))
}

/** The first and last instants of an event that runs from `startDate` to `endDate` inclusive in `zone`. */
export function eventBounds(startDate: string, endDate: string, zone: string): {start: Date; end: Date} {
  const dayAfter = new Date(`${endDate}T00:00:00Z`)
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1)
  return {
    start: zonedTimeToUtc(startDate, '00:00:00', zone),
    end: zonedTimeToUtc(dayAfter.toISOString().slice(0, 10), '00:00:00', zone),
  }
}
