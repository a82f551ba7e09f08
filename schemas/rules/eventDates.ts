import {isTimeZone} from '../../src/lib/time.ts'

// An event's own dates, zone and day recaps. Each check is pure: the Studio and the build call the same function.

type EventDates = {startDate?: string; endDate?: string}

/** The last day must not come before the first. */
export function lastDayBeforeFirst({startDate, endDate}: EventDates): string | undefined {
  return startDate && endDate && endDate < startDate ? 'The last day is before the first day.' : undefined
}

/** The zone must be one the runtime knows, or no time can be shown. */
export function unknownTimeZone(zone: string | undefined): string | undefined {
  return !zone || isTimeZone(zone)
    ? undefined
    : `"${zone}" is not a time zone we know. Use an IANA name such as "Europe/Madrid" or "America/New_York".`
}

/** Two day recaps for one date. */
export function repeatedDayDate(days: {date?: string}[] | undefined): string | undefined {
  const dates = (days ?? []).map((day) => day.date).filter(Boolean)
  const repeated = dates.find((date, index) => dates.indexOf(date) !== index)
  return repeated ? `Two days have the same date, ${repeated}. Each day should appear once.` : undefined
}

/** A day recap dated outside the event. */
export function dayOutsideEvent(date: string | undefined, event: EventDates | undefined): string | undefined {
  if (!date || !event?.startDate || !event.endDate) return undefined
  return date >= event.startDate && date <= event.endDate
    ? undefined
    : `This day is outside the event, which runs from ${event.startDate} to ${event.endDate}.`
}
