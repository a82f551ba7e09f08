import {isTimeZone} from '../../core/time.ts'
import {isDate} from './dates.ts'
import {finding, itemsOf, type BuildRule, type Doc, type Finding} from './types.ts'

// An event's own dates, zone and day recaps. Each check is pure: the Studio and the build call the same function.
// dates.ts checks that the dates are dates at all; these rules compare them.

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

const text = (value: unknown) => (typeof value === 'string' ? value : undefined)

function orderAndZone(event: Doc): Finding[] {
  const {startDate, endDate, timeZone} = event
  const problems: Finding[] = []
  const order = isDate(startDate) && isDate(endDate) ? lastDayBeforeFirst({startDate, endDate}) : undefined
  if (order) problems.push(finding('endDate', order, 'Set a last day on or after the first day.'))
  const zone = typeof timeZone === 'string' && timeZone.trim() ? unknownTimeZone(timeZone) : 'The event has no time zone.'
  if (zone) problems.push(finding('timeZone', zone, 'Pick the zone the event took place in, in the Studio.'))
  return problems
}

function dayRecaps(event: Doc): Finding[] {
  const days = itemsOf(event, 'days')
  const dates = {startDate: text(event.startDate), endDate: text(event.endDate)}
  const outside = days.flatMap(({path, item}) => {
    const problem = dayOutsideEvent(text(item.date), dates)
    return problem ? [finding(`${path}.date`, problem, 'Correct the day’s date, or the event’s first and last day.')] : []
  })
  const repeated = repeatedDayDate(days.map(({item}) => ({date: text(item.date)})))
  return repeated ? [...outside, finding('days', repeated, 'Merge the two recaps into one, or correct a date.')] : outside
}

export const buildRules: BuildRule[] = [
  {name: 'event days in order, in a known zone', types: ['event'], check: orderAndZone},
  {name: 'day recaps inside the event, once each', types: ['event'], check: dayRecaps},
]
