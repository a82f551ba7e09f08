// schedule.xml in the frab format, checked with xmllint against the official XSD (vendored from
// /voc/schedule with its licence header), the file Giggity and most conference apps read.
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {beforeAll, describe, expect, it} from 'vitest'
import {eventSchedule} from '../../src/lib/exports/schedule.ts'
import {giggityLink, scheduleXml} from '../../src/lib/exports/scheduleXml.ts'
import {cleanText} from '../../src/lib/text.ts'
import type {Site} from '../../src/lib/site.ts'
import {loadDataset, loadSample, loadWeekend, SITE} from './load.ts'

const XSD = fileURLToPath(new URL('../fixtures/exports/frab-schedule.xml.xsd', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'recap-schedule-xml-'))

/** xmllint's verdict on `xml`: null when it is valid against the XSD, else its complaint. */
export function xsdProblems(xml: string, name = 'schedule.xml'): string | null {
  const file = join(dir, name)
  writeFileSync(file, xml)
  const result = spawnSync('xmllint', ['--noout', '--schema', XSD, file], {encoding: 'utf8'})
  if (result.error) throw new Error('xmllint is missing: install it with apt-get install libxml2-utils (.ci/run does).')
  return result.status === 0 ? null : result.stderr
}

let sites: Site[]
beforeAll(async () => {
  sites = await Promise.all([loadSample(), loadWeekend(), loadDataset('test/fixtures/exports/dst-zones.ndjson')])
})

const xmlOf = (site: Site, index = 0) => {
  const event = site.events[index]!
  return scheduleXml(eventSchedule(event, SITE), new URL(`events/${event.slug}/schedule.xml`, SITE).href)
}

describe('schedule.xml', () => {
  it('validates against the frab XSD for every event of the sample and fixtures', () => {
    for (const site of sites)
      for (const [index, event] of site.events.entries()) expect(xsdProblems(xmlOf(site, index)), event.slug).toBeNull()
  })

  it('the XSD check catches a broken file', () => {
    expect(xsdProblems(xmlOf(sites[0]!).replace(/<duration>[^<]*<\/duration>/, '<duration>ninety minutes</duration>'))).toMatch(/duration/)
  })

  it('carries the same sessions, times and ids as schedule.json, with ids for persons', () => {
    const event = sites[1]!.events[0]!
    const json = eventSchedule(event, SITE)
    const xml = xmlOf(sites[1]!)
    const talks = json.schedule.conference.days.flatMap((day) => Object.values(day.rooms).flat())
    expect(talks.length).toBeGreaterThan(2)
    for (const talk of talks) {
      expect(xml).toContain(`<event guid="${talk.guid}" id="${talk.id}">`)
      expect(xml).toContain(`<date>${talk.date}</date>`)
      for (const person of talk.persons) expect(xml).toContain(`<person id="${person.id}" guid="${person.guid}">`)
    }
  })

  it('removes characters XML 1.0 forbids, so a strict parser reads every file', () => {
    expect(cleanText('a\u0000b\u0007c\uFFFEd\uD800e\tf\u{1F600}')).toBe('abcde\tf\u{1F600}')
    const event = structuredClone(eventSchedule(sites[0]!.events[0]!, SITE))
    const talk = Object.values(event.schedule.conference.days[1]!.rooms).flat()[0]!
    talk.title = 'Bell\u0007 <b>&'
    const xml = scheduleXml(event, 'https://recap.example/schedule.xml')
    expect(xml).toContain('<title>Bell &lt;b&gt;&amp;</title>')
    expect(xsdProblems(xml)).toBeNull()
    expect(() => execFileSync('xmllint', ['--noout', '-'], {input: xml})).not.toThrow()
  })

  it('is offered to Giggity through its deep link', () => {
    expect(giggityLink('https://recap.example/events/a/schedule.xml')).toBe(
      'https://ggt.gaa.st/#url=https%3A%2F%2Frecap.example%2Fevents%2Fa%2Fschedule.xml',
    )
  })
})
