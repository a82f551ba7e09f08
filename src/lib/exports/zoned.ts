// Wall-clock readings of an instant in an event's zone, independent of the build machine's zone.
import {zoneOffsetMinutes} from '../../../core/time.ts'

export type WallClock = {date: string; time: string; offsetMinutes: number}

/** The local date (YYYY-MM-DD), time (HH:MM:SS) and UTC offset of `instant` in `zone`. */
export function wallClock(instant: Date | string, zone: string): WallClock {
  const at = new Date(instant)
  const offsetMinutes = zoneOffsetMinutes(at, zone)
  // Shifting by the offset and reading the UTC fields gives the local reading without Intl parsing.
  const shifted = new Date(Math.floor(at.getTime() / 1000) * 1000 + offsetMinutes * 60000).toISOString()
  return {date: shifted.slice(0, 10), time: shifted.slice(11, 19), offsetMinutes}
}

/** "+02:00", "-03:30" or "+00:00". */
export function formatOffset(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+'
  const absolute = Math.abs(minutes)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${sign}${pad(Math.floor(absolute / 60))}${separator}${pad(absolute % 60)}`
}

/** ISO 8601 with the zone's offset, e.g. "2016-10-26T09:00:00+02:00". */
export function isoWithOffset(instant: Date | string, zone: string): string {
  const {date, time, offsetMinutes} = wallClock(instant, zone)
  return `${date}T${time}${formatOffset(offsetMinutes)}`
}

/** Whole minutes between two instants. */
export function minutesBetween(start: Date | string, end: Date | string): number {
  return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60000)
}

/** "01:30" for 90 minutes; hours may exceed 24. */
export function formatDuration(minutes: number): string {
  const safe = Math.max(0, minutes)
  return `${String(Math.floor(safe / 60)).padStart(2, '0')}:${String(safe % 60).padStart(2, '0')}`
}
