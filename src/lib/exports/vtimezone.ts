// VTIMEZONE components derived from the runtime's time zone data, so calendars carry local times.
import {zoneOffsetMinutes} from '../../../core/time.ts'
import {contentLine, localDateTime} from './icsText.ts'
import {formatOffset} from './zoned.ts'

export type ZoneTransition = {at: Date; from: number; to: number}

const DAY = 86_400_000
const MINUTE = 60_000

/** The first minute at which the offset differs from the one at `before`, given it does by `after`. */
function transitionBetween(before: number, after: number, zone: string): number {
  const from = zoneOffsetMinutes(new Date(before), zone)
  let low = before
  let high = after
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE
    if (zoneOffsetMinutes(new Date(middle), zone) === from) low = middle
    else high = middle
  }
  return high
}

/** Offset changes in `zone` from 1 January of `fromYear` to the end of `toYear` (UTC), found by scanning day by day. */
export function zoneTransitions(zone: string, fromYear: number, toYear: number): ZoneTransition[] {
  const transitions: ZoneTransition[] = []
  const end = Date.UTC(toYear + 1, 0, 1)
  let previous = Date.UTC(fromYear, 0, 1)
  let previousOffset = zoneOffsetMinutes(new Date(previous), zone)
  for (let next = previous + DAY; next <= end; previous = next, next += DAY) {
    const offset = zoneOffsetMinutes(new Date(next), zone)
    if (offset === previousOffset) continue
    transitions.push({at: new Date(transitionBetween(previous, next, zone)), from: previousOffset, to: offset})
    previousOffset = offset
  }
  return transitions
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', onset: string, from: number, to: number): string[] {
  return [
    `BEGIN:${kind}`,
    contentLine('DTSTART', onset),
    contentLine('TZOFFSETFROM', formatOffset(from, '')),
    contentLine('TZOFFSETTO', formatOffset(to, '')),
    `END:${kind}`,
  ]
}

/** The wall-clock reading of `instant` in a fixed offset, in iCalendar form. */
function readingAt(instant: number, offsetMinutes: number): string {
  const iso = new Date(instant + offsetMinutes * MINUTE).toISOString()
  return localDateTime(iso.slice(0, 10), iso.slice(11, 19))
}

const cache = new Map<string, string[]>()

/**
 * A VTIMEZONE covering the given years. It lists the change in force on 1 January of the first
 * year (found in the year before) and every change up to the end of the last year, each as its
 * own observance without recurrence rules; a zone without changes gets one STANDARD observance.
 */
export function vtimezone(zone: string, firstYear: number, lastYear: number): string[] {
  const key = `${zone} ${firstYear} ${lastYear}`
  const cached = cache.get(key)
  if (cached) return cached
  const all = zoneTransitions(zone, firstYear - 1, lastYear)
  const firstInRange = all.findIndex((change) => change.at.getUTCFullYear() >= firstYear)
  const inForce = firstInRange === -1 ? all.length - 1 : firstInRange - 1
  const changes = all.slice(Math.max(0, inForce))
  // Without a change before the range, the offset it starts in holds from the epoch.
  const base = inForce < 0 ? (changes[0]?.from ?? zoneOffsetMinutes(new Date(Date.UTC(firstYear, 0, 1)), zone)) : null
  const lines = [
    'BEGIN:VTIMEZONE',
    contentLine('TZID', zone),
    ...(base === null ? [] : observance('STANDARD', '19700101T000000', base, base)),
    // DTSTART is the wall-clock reading at the change in the offset being left, e.g. 03:00 in October.
    ...changes.flatMap(({at, from, to}) => observance(to > from ? 'DAYLIGHT' : 'STANDARD', readingAt(at.getTime(), from), from, to)),
    'END:VTIMEZONE',
  ]
  cache.set(key, lines)
  return lines
}
