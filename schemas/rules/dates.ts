// Dates and times as the Studio writes them (eventDates.ts compares an event's dates and checks its zone). Content from imports or the API can hold anything.
import {finding, type BuildRule, type Doc, type Finding} from './types.ts'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** A real calendar date written YYYY-MM-DD (no 31 February). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = DATE.exec(value)
  if (!match) return false
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return day.toISOString().slice(0, 10) === value
}

/** An ISO 8601 instant with its offset, as Sanity's datetime fields store it. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && Number.isFinite(Date.parse(value)) && isDate(value.slice(0, 10))
}

/** Days from `start` to `end`, both YYYY-MM-DD. */
export const daysBetween = (start: string, end: string) => (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000

const MAX_EVENT_DAYS = 366

function eventDateFindings(event: Doc): Finding[] {
  const {startDate, endDate} = event
  const problems: Finding[] = []
  if (!isDate(startDate))
    problems.push(finding('startDate', 'The first day is missing or not a date.', 'Pick the first day in the Studio.'))
  if (!isDate(endDate)) problems.push(finding('endDate', 'The last day is missing or not a date.', 'Pick the last day in the Studio.'))
  const days = isDate(startDate) && isDate(endDate) ? daysBetween(startDate, endDate) : 0
  if (days >= MAX_EVENT_DAYS)
    problems.push(finding('endDate', `The event spans ${days + 1} days, more than a year.`, 'Check the first and last day.'))
  return problems
}

export const buildRules: BuildRule[] = [
  {name: 'valid event dates', types: ['event'], check: eventDateFindings},
  {
    name: 'valid date and time',
    types: ['session', 'photo'],
    check(document) {
      const fields = document._type === 'session' ? ['startsAt', 'endsAt'] : ['takenAt']
      return fields.flatMap((field) => {
        const value = document[field]
        if (value === undefined && document._type === 'photo') return []
        return isDateTime(value)
          ? []
          : [finding(field, `"${String(value ?? '')}" is not a date and time.`, 'Pick the date and time again in the Studio.')]
      })
    },
  },
]
