// Run in a child process with another TZ: prints the UTC start of calendar entries as ical.js reads them.
import {eventCalendar} from '../../src/lib/exports/ics.ts'
import {loadSample, loadWeekend, SITE} from './load.ts'
import {utcStarts} from './ical.ts'

const [sample, weekend] = await Promise.all([loadSample(), loadWeekend()])
console.log(JSON.stringify([...utcStarts(eventCalendar(sample.events[0], SITE)), ...utcStarts(eventCalendar(weekend.events[0], SITE))]))
