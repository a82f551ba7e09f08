// A mistake costs the smallest thing that holds it: a broken link, links entry or claim is dropped from its
// document, which publishes without it, with one warning naming the document and field. A photo without an
// image has no page, so it is left out, but its event and the rest publish.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Doc} from '../../schemas/rules/types.ts'
import {dropBroken} from '../../src/lib/content/drop.ts'
import {describeLeftOut, enforceRules} from '../../src/lib/content/enforce.ts'
import {FIXTURES_DIR} from '../helpers/validate.ts'

const fixture = (file: string): Doc[] =>
  readFileSync(join(FIXTURES_DIR, 'dropped', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Doc)

const EVENT_AND_REST = ['event.drops', 'session.one', 'session.two', 'photo.good', 'demo.good']

function enforce(file: string) {
  const result = enforceRules(fixture(file))
  const byId = new Map(result.published.map((document) => [document._id, document]))
  return {...result, byId, ids: [...byId.keys()]}
}

describe.each([
  ['empty-link-in-day-recap.ndjson', 'event.drops', 'days[_key=="d1"].recap[_key=="b1"].markDefs[_key=="empty"].href'],
  ['javascript-link-in-links.ndjson', 'session.one', 'links[_key=="l1"]'],
  ['bad-claim-value.ndjson', 'session.one', 'claims[_key=="c1"]'],
])('the build, given %s', (file, id, field) => {
  const {ids, leftOut, dropped, warnings} = enforce(file)

  it('publishes the event and all its sessions, photos and demos', () => {
    expect(ids).toEqual(expect.arrayContaining(EVENT_AND_REST))
    expect(leftOut).toEqual([])
    expect(warnings).toEqual([])
  })

  it('reports one dropped part, with the _id, field, rule and fix', () => {
    expect(dropped).toEqual([expect.objectContaining({id, field, kind: 'dropped'})])
    expect(dropped[0]!.rule.length).toBeGreaterThan(3)
    expect(dropped[0]!.fix.length).toBeGreaterThan(10)
    expect(describeLeftOut(dropped[0]!)).toMatch(new RegExp(`^Warning, dropped from [a-z]+ ${id.replace('.', '\\.')}`))
  })
})

describe('an empty link annotation in a day recap', () => {
  const {byId} = enforce('empty-link-in-day-recap.ndjson')
  const block = (
    byId.get('event.drops')!.days as {recap: {markDefs: {_key: string}[]; children: {text: string; marks: string[]}[]}[]}[]
  )[0]!.recap[0]!

  it('loses the link and its mark, and keeps its text and other marks', () => {
    expect(block.markDefs.map((mark) => mark._key)).toEqual(['ok'])
    expect(block.children[0]).toMatchObject({text: 'Text whose link was left blank', marks: ['strong']})
    expect(block.children[1]).toMatchObject({marks: ['ok']})
  })
})

describe('bad entries in lists', () => {
  it('drops the javascript: link and keeps the good one', () => {
    const links = enforce('javascript-link-in-links.ndjson').byId.get('session.one')!.links as {_key: string}[]
    expect(links.map((link) => link._key)).toEqual(['l2'])
  })

  it('drops the claim with a bad status and keeps the good one', () => {
    const claims = enforce('bad-claim-value.ndjson').byId.get('session.one')!.claims as {_key: string}[]
    expect(claims.map((claim) => claim._key)).toEqual(['c2'])
  })
})

describe('a photo without an image', () => {
  const {ids, leftOut, dropped} = enforce('photo-without-image.ndjson')

  it('is left out alone: its event, that event’s cover and figure aside, and the rest publish', () => {
    expect(ids).toEqual(expect.arrayContaining(EVENT_AND_REST))
    expect(ids).not.toContain('photo.no-image')
    expect(leftOut).toEqual([expect.objectContaining({id: 'photo.no-image', field: 'image'})])
    expect(dropped).toEqual([])
  })
})

describe('which rich-text links are dropped', () => {
  const session = (href: unknown): Doc => ({
    _id: 'session.x',
    _type: 'session',
    notes: [
      {
        _key: 'b',
        _type: 'block',
        markDefs: [{_key: 'm', _type: 'link', href}],
        children: [{_key: 's', _type: 'span', text: 'T', marks: ['m']}],
      },
    ],
  })

  it.each(['', '   ', null, 'data:text/html,<b>x</b>', ' javascript:alert(1)', 'ftp://example.com/'])('drops %j', (href) => {
    const {document, findings} = dropBroken(session(href))
    expect(findings).toHaveLength(1)
    expect(document.notes).toEqual([expect.objectContaining({markDefs: [], children: [expect.objectContaining({text: 'T', marks: []})]})])
  })

  it.each(['https://example.com/', 'http://example.com/', 'mailto:team@example.com'])('keeps %s', (href) => {
    expect(dropBroken(session(href)).findings).toEqual([])
  })
})
