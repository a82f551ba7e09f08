// The frab schedule.xml that Giggity, EventFahrplan, ConfClerk and most other conference apps read, written
// from the same schedule as schedule.json so the two never disagree. Checked against the official XSD in tests.
import type {Schedule} from './schedule.ts'
import {element, xmlEscape} from './xml.ts'

type Day = Schedule['schedule']['conference']['days'][number]
type Talk = Day['rooms'][string][number]

const indent = (lines: string[], depth: number) => lines.map((line) => `${'  '.repeat(depth)}${line}`)

function talk(event: Talk): string[] {
  const persons = event.persons.map((person) => element('person', person.name, {id: person.id, guid: person.guid}))
  const links = event.links.map((link) => element('link', link.title ?? link.url, {href: link.url, type: link.type}))
  return [
    `<event guid="${event.guid}" id="${event.id}">`,
    ...indent(
      [
        element('date', event.date),
        element('start', event.start),
        element('duration', event.duration),
        element('room', event.room),
        element('title', event.title),
        element('subtitle', event.subtitle),
        element('track', event.track ?? ''),
        element('type', event.type),
        element('language', event.language),
        element('abstract', event.abstract ?? ''),
        element('description', event.description ?? ''),
        element('url', event.url),
        ...(persons.length ? ['<persons>', ...indent(persons, 1), '</persons>'] : ['<persons/>']),
        ...(links.length ? ['<links>', ...indent(links, 1), '</links>'] : ['<links/>']),
      ],
      1,
    ),
    '</event>',
  ]
}

function day(value: Day, rooms: Map<string, string>): string[] {
  const roomLines = Object.entries(value.rooms).flatMap(([name, events]) => [
    `<room name="${xmlEscape(name)}"${rooms.has(name) ? ` guid="${rooms.get(name)}"` : ''}>`,
    ...indent(events.flatMap(talk), 1),
    '</room>',
  ])
  return [
    `<day index="${value.index}" date="${value.date}" start="${value.day_start}" end="${value.day_end}">`,
    ...indent(roomLines, 1),
    '</day>',
  ]
}

/** schedule.xml for one event's schedule. */
export function scheduleXml(schedule: Schedule, url: string): string {
  const {conference, version} = schedule.schedule
  const rooms = new Map(conference.rooms.map((room) => [room.name, room.guid]))
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    ...indent(
      [
        element('generator', null, {name: schedule.generator.name}),
        element('url', url),
        element('version', version),
        '<conference>',
        ...indent(
          [
            element('acronym', conference.acronym),
            element('title', conference.title),
            element('start', conference.start),
            element('end', conference.end),
            element('days', String(conference.daysCount)),
            element('timeslot_duration', conference.timeslot_duration),
            element('base_url', schedule.schedule.base_url),
            element('url', conference.url),
            ...('time_zone_name' in conference && conference.time_zone_name ? [element('time_zone_name', conference.time_zone_name)] : []),
            ...conference.tracks.map((track) => element('track', null, {name: track.name})),
          ],
          1,
        ),
        '</conference>',
        ...conference.days.flatMap((value) => day(value, rooms)),
      ],
      1,
    ),
    '</schedule>',
    '',
  ]
  return lines.join('\n')
}

/** A link that opens the schedule in Giggity on Android (its documented ggt.gaa.st deep link), or its web page. */
export function giggityLink(scheduleXmlUrl: string): string {
  return `https://ggt.gaa.st/#url=${encodeURIComponent(scheduleXmlUrl)}`
}
