// The build enforces the Studio's rules: every rule module in schemas/rules/ exports its checks as
// `buildRules`, and schemas/rules/index.ts hands all of them to the build.
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildRules, ruleModules} from '../../schemas/rules/index.ts'
import {normalizeSlug, slugKey, slugProblem} from '../../schemas/rules/slug.ts'
import {enforceRules} from '../../src/lib/content/enforce.ts'
import type {Doc} from '../../schemas/rules/types.ts'
import {FIXTURES_DIR, ROOT} from '../helpers/validate.ts'
import {EXPECTED} from './invalid-fixtures.ts'

// Modules that hold shared plumbing, not rules.
const PLUMBING = new Set(['api.ts', 'index.ts', 'types.ts'])

describe('the rules the build enforces', () => {
  const files = readdirSync(join(ROOT, 'schemas/rules')).filter((name) => name.endsWith('.ts') && !PLUMBING.has(name))

  it.each(files)('%s exports buildRules, and the build runs them', async (file) => {
    const module = (await import(join(ROOT, 'schemas/rules', file))) as {buildRules?: unknown}
    expect(Array.isArray(module.buildRules), `${file} has no buildRules export: add its checks as pure functions`).toBe(true)
    expect(ruleModules[file], `schemas/rules/index.ts does not list ${file}`).toBe(module.buildRules)
    for (const rule of module.buildRules as typeof buildRules) expect(buildRules).toContain(rule)
  })

  it('leaves out a document whose rule throws on strange input, with a message', () => {
    const {published, leftOut} = enforceRules(
      [{_id: 'topic.x', _type: 'topic', title: 'X', slug: {current: 'x'}}],
      [
        {
          name: 'explodes',
          types: ['topic'],
          check: () => {
            throw new Error('boom')
          },
        },
      ],
    )
    expect(published).toEqual([])
    expect(leftOut[0]).toMatchObject({id: 'topic.x', rule: 'explodes', problem: 'The content could not be checked (boom).'})
  })
})

const fixture = (file: string): Doc[] =>
  readFileSync(join(FIXTURES_DIR, 'invalid', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Doc)

// The Studio's errors leave the document out of the site; its warnings are reported and the document published.
// Either way the build words the finding as the Studio does, on the same field.
describe.each([
  'event-cover-photo-other-event.ndjson',
  'event-unknown-time-zone.ndjson',
  'photo-without-alt.ndjson',
  'photo-outside-event.ndjson',
  'photo-outside-session.ndjson',
  'session-room-clash.ndjson',
])('the build, given %s', (file) => {
  const {published, leftOut, warnings} = enforceRules(fixture(file))
  const ids = published.map((document) => document._id)
  it.each(Object.entries(EXPECTED[file]!))('%s: %j', (id, markers) => {
    for (const {path, message, level} of markers) {
      const entry = {id, field: path, problem: message}
      if (level === 'warning') {
        expect(warnings).toContainEqual(expect.objectContaining(entry))
        expect(ids).toContain(id)
      } else {
        expect(leftOut).toContainEqual(expect.objectContaining(entry))
        expect(ids).not.toContain(id)
      }
    }
  })
  it('publishes every other document with nothing to report', () => {
    const faulty = new Set(Object.keys(EXPECTED[file]!))
    expect([...leftOut, ...warnings].filter((entry) => !faulty.has(entry.id))).toEqual([])
    expect(ids.length).toBe(fixture(file).length - new Set(leftOut.map((entry) => entry.id)).size)
  })
})

// The Studio's event-date and single-field rules, on documents the Studio would mark: each is left out with the
// Studio's sentence, on the field the Studio marks.
describe('the build, given event days and fields the Studio refuses', () => {
  const event = {
    _id: 'event.lisbon',
    _type: 'event',
    title: 'Lisbon',
    slug: {current: 'lisbon'},
    startDate: '2016-10-25',
    endDate: '2016-10-28',
    timeZone: 'Europe/Lisbon',
  }
  const day = (key: string, date: string) => ({_key: key, _type: 'eventDay', date})
  const session = {
    _type: 'session',
    title: 'Talk',
    kind: 'talk',
    slug: {current: 'talk'},
    event: {_ref: 'event.lisbon'},
    startsAt: '2016-10-26T09:00:00Z',
    endsAt: '2016-10-26T10:00:00Z',
  }
  const documents: Doc[] = [
    event,
    {...event, _id: 'event.backwards', slug: {current: 'backwards'}, endDate: '2016-10-24'},
    {...event, _id: 'event.day-outside', slug: {current: 'day-outside'}, days: [day('d1', '2016-10-26'), day('d2', '2016-11-02')]},
    {...event, _id: 'event.day-twice', slug: {current: 'day-twice'}, days: [day('d1', '2016-10-26'), day('d2', '2016-10-26')]},
    {...session, _id: 'session.bad-guid', guid: 'not-a-uuid'},
    {...session, _id: 'session.good-guid', slug: {current: 'good'}, guid: '2f1b8c1e-5d0a-4c3b-9a7e-1f2d3c4b5a69'},
    {_id: 'demo.nowhere', _type: 'demo', title: 'Nowhere', slug: {current: 'nowhere'}, event: {_ref: 'event.lisbon'}},
    {
      _id: 'demo.at-booth',
      _type: 'demo',
      title: 'At a booth',
      slug: {current: 'booth'},
      event: {_ref: 'event.lisbon'},
      location: 'Booth 12',
    },
  ]
  const {published, leftOut} = enforceRules(documents)
  it.each([
    ['event.backwards', 'endDate', 'The last day is before the first day.'],
    ['event.day-outside', 'days[_key=="d2"].date', 'This day is outside the event, which runs from 2016-10-25 to 2016-10-28.'],
    ['event.day-twice', 'days', 'Two days have the same date, 2016-10-26. Each day should appear once.'],
    ['session.bad-guid', 'guid', 'The calendar ID must be a UUID. Recreate the session.'],
    ['demo.nowhere', 'location', 'Say where the demo was shown: pick its session, or name the booth.'],
  ])('leaves out %s, naming %s', (id, field, problem) => {
    expect(leftOut).toContainEqual(expect.objectContaining({id, field, problem}))
    expect(published.map((document) => document._id)).not.toContain(id)
  })
  it('publishes the documents that keep the rules', () => {
    expect(published.map((document) => document._id)).toEqual(['event.lisbon', 'session.good-guid', 'demo.at-booth'])
    expect(leftOut.map((entry) => entry.id)).toHaveLength(5) // one finding each, nothing else
  })
})

describe('the slug definition', () => {
  it('accepts slugs of any script, normalised to NFC', () => {
    for (const slug of ['keynote-day-2', 'café-økonomi-東京', '__proto__', 'toString', 'über-straße'.normalize('NFD')]) {
      expect(slugProblem(slug), slug).toBeNull()
    }
    expect(normalizeSlug('über'.normalize('NFD'))).toBe('über'.normalize('NFC'))
  })

  it('refuses separators, dots, spaces and slugs too long for a file name', () => {
    for (const slug of ['a/b', '..', 'a b', '-lead', 'trail-', 'a--b', 'a.html', '東'.repeat(41), '']) {
      expect(slugProblem(slug), slug).not.toBeNull()
    }
  })

  it('counts case-only and normalisation-only differences as the same address', () => {
    expect(slugKey('Keynote')).toBe(slugKey('keynote'))
    expect(slugKey('café'.normalize('NFD'))).toBe(slugKey('CAFÉ'))
  })
})
