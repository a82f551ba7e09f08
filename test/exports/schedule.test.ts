import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import Ajv from 'ajv'
import {beforeAll, describe, expect, it} from 'vitest'
import {eventSchedule, scheduleAcronym} from '../../src/lib/exports/schedule.ts'
import type {Site} from '../../src/lib/site.ts'
import {loadSample, loadWeekend, SITE} from './load.ts'

const require = createRequire(import.meta.url)
const schema = JSON.parse(readFileSync(new URL('../fixtures/exports/c3voc-schedule.schema.json', import.meta.url), 'utf8'))

/** Ajv with the draft-06 meta-schema and plain checks for the formats the c3voc schema names. */
function scheduleValidator() {
  const ajv = new Ajv({strict: false, allErrors: true})
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'))
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/)
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/)
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i)
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  ajv.addFormat('color', /^#[0-9a-f]{3,8}$/i)
  return ajv.compile(schema)
}

let sample: Site
let weekend: Site
beforeAll(async () => {
  ;[sample, weekend] = await Promise.all([loadSample(), loadWeekend()])
})

type ScheduleEvent = {guid: string; title: string; start: string; duration: string; date: string; room: string}
const eventsOf = (day: {rooms: Record<string, unknown[]>}) => Object.values(day.rooms).flat() as ScheduleEvent[]

describe('schedule.json', () => {
  it('schedule.json validates against the c3voc schema', () => {
    const validate = scheduleValidator()
    for (const event of [...sample.events, ...weekend.events]) {
      const valid = validate(JSON.parse(JSON.stringify(eventSchedule(event, SITE))))
      expect(validate.errors ?? []).toEqual([])
      expect(valid).toBe(true)
    }
  })

  it('the validator rejects a schedule that breaks the schema', () => {
    const validate = scheduleValidator()
    const broken = JSON.parse(JSON.stringify(eventSchedule(sample.events[0], SITE)))
    broken.schedule.conference.acronym = 'ossummit-barcelona-2016'
    expect(validate(broken)).toBe(false)
  })

  it('the keynote appears on day 2 at 09:00 with duration 01:30', () => {
    const {conference} = eventSchedule(sample.events[0], SITE).schedule
    const day = conference.days.find((candidate) => candidate.index === 2)!
    expect(day.date).toBe('2016-10-26')
    const keynote = eventsOf(day).find((event) => event.guid === 'fc675ab4-6b2d-440d-978d-aa6b39e3f3fc')
    expect(keynote).toMatchObject({start: '09:00', duration: '01:30', date: '2016-10-26T09:00:00+02:00'})
  })

  it('lists every day of the event, with or without sessions', () => {
    const {conference} = eventSchedule(sample.events[0], SITE).schedule
    expect(conference.daysCount).toBe(4)
    expect(conference.days.map((day) => [day.index, day.date, eventsOf(day).length])).toEqual([
      [1, '2016-10-25', 0],
      [2, '2016-10-26', 8],
      [3, '2016-10-27', 0],
      [4, '2016-10-28', 0],
    ])
    expect(conference.days[0]).toMatchObject({day_start: '2016-10-25T04:00:00+02:00', day_end: '2016-10-26T03:59:00+02:00'})
  })

  it('derives the acronym from the slug with underscores', () => {
    expect(eventSchedule(sample.events[0], SITE).schedule.conference.acronym).toBe('ossummit_barcelona_2016')
    expect(scheduleAcronym('a-b')).toBe('a_b_')
  })

  it('places sessions without a room at the venue', () => {
    const {conference} = eventSchedule(sample.events[0], SITE).schedule
    const venue = 'Centre de Convencions Internacional de Barcelona (CCIB)'
    expect(conference.rooms.map((room) => room.name)).toEqual([venue])
    expect(eventsOf(conference.days[1]).every((event) => event.room === venue)).toBe(true)
  })

  it('keeps a session after midnight on the previous night, and day bounds follow the change to winter time', () => {
    const {days} = eventSchedule(weekend.events[0], SITE).schedule.conference
    expect(eventsOf(days[0]).map((event) => [event.title, event.date])).toEqual([
      ['Saturday opening', '2016-10-29T10:00:00+02:00'],
      ['After midnight: lightning talks', '2016-10-30T01:30:00+02:00'],
    ])
    expect(days[1]).toMatchObject({day_start: '2016-10-30T04:00:00+01:00', day_end: '2016-10-31T03:59:00+01:00'})
    expect(eventsOf(days[1]).map((event) => event.date)).toEqual(['2016-10-30T10:00:00+01:00'])
  })

  it('is versioned by the newest edit to the event or its sessions', () => {
    expect(eventSchedule(weekend.events[0], SITE).schedule.version).toBe('2016-11-02T10:00:00Z')
  })

  it('maps presenters to persons and links to the format’s link types', () => {
    const {days} = eventSchedule(weekend.events[0], SITE).schedule.conference
    const all = days.flatMap((day) => Object.values(day.rooms).flat())
    expect(all.find((event) => event.slug === 'saturday-opening')?.persons).toEqual([
      {name: 'Organising team', guid: expect.stringMatching(/^[0-9a-f-]{36}$/), id: expect.any(Number)},
    ])
    expect(all.find((event) => event.slug === 'sunday-ueberblick')?.links).toEqual([
      {type: 'media', url: 'https://example.org/video', title: 'Recording'},
    ])
  })
})
