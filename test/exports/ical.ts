// Reads calendars back with ical.js, the parser many web calendar clients use.
import ICAL from 'ical.js'

/** Parses a calendar and registers its VTIMEZONEs, so TZID times resolve through them. */
export function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  return calendar
}

export function calendarEvents(text: string) {
  return parseCalendar(text)
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component))
}

/** Each entry's start as UTC ISO, e.g. "2016-10-26T07:00:00Z". */
export function utcStarts(text: string): {summary: string; zone: string; local: string; utc: string}[] {
  return calendarEvents(text).map((event) => ({
    summary: event.summary,
    zone: event.startDate.zone?.tzid ?? 'floating',
    local: event.startDate.toString(),
    utc: event.startDate.convertToZone(ICAL.Timezone.utcTimezone).toString(),
  }))
}
