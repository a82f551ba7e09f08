// The build enforces the Studio's rules by calling their pure core checks on plain values: they must load in
// plain Node (no Studio, no client) and give the editor's sentence, or undefined when all is well.
import {execFileSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import * as rules from '../../schemas/rules/index.ts'
import {ROOT} from '../helpers/validate.ts'

const madrid = {title: 'Madrid 2016', startDate: '2016-10-25', endDate: '2016-10-28', timeZone: 'Europe/Madrid'}

describe('the rule set in schemas/rules/', () => {
  it('loads in plain Node without loading the Studio', () => {
    const script = `
      import {registerHooks} from 'node:module'
      const loaded = []
      registerHooks({resolve: (specifier, context, next) => { const found = next(specifier, context); loaded.push(found.url); return found }})
      await import('./schemas/rules/index.ts')
      console.log(JSON.stringify(loaded.filter((url) => url.includes('/node_modules/'))))`
    const modules = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: ROOT, encoding: 'utf8'}))
    expect(modules).toEqual([])
  })
  it('judges times in the event’s zone', () => {
    expect(rules.timeOutsideEvent('2016-10-24T22:30:00Z', madrid)).toBeUndefined() // 00:30 on the first day
    expect(rules.timeOutsideEvent('2016-10-24T21:30:00Z', madrid)).toMatch(/^This time falls outside "Madrid 2016"/)
    expect(rules.photoOutsideEvent('2016-10-28T22:30:00Z', madrid)).toMatch(/taken on 2016-10-29 at 00:30, outside "Madrid 2016"/)
  })
  it('finds a room clash only for overlapping times in the same room, whatever its spelling', () => {
    const slot = (id: string, room: string, from: string, to: string) => ({
      _id: id,
      title: id,
      room,
      startsAt: `2016-10-26T${from}:00Z`,
      endsAt: `2016-10-26T${to}:00Z`,
    })
    const keynote = slot('keynote', 'Hall 1', '07:00', '08:00')
    expect(rules.roomClash(keynote, [keynote, slot('drafts.keynote', 'Hall 1', '07:00', '08:00')], 'Europe/Madrid')).toBeUndefined()
    expect(rules.roomClash(keynote, [slot('next', 'Hall 1', '08:00', '09:00')], 'Europe/Madrid')).toBeUndefined()
    expect(rules.roomClash(keynote, [slot('overlap', ' hall 1', '07:45', '09:00')], 'Europe/Madrid')).toBe(
      '"overlap" is also in hall 1 from 09:45 to 11:00 on 2016-10-26. Check the room or the times.',
    )
  })
  it('accepts a cover photo of the event itself, drafts included', () => {
    expect(rules.coverPhotoProblem('drafts.event.a', {eventId: 'event.a'})).toBeUndefined()
    expect(rules.coverPhotoProblem('event.a', {eventId: 'event.b', eventTitle: 'B'})).toMatch(/from another event, "B"/)
  })
  it('treats blank alt text as missing', () => {
    expect(rules.missingAltText('  ')).toMatch(/^Add alt text/)
    expect(rules.missingAltText('A slide')).toBeUndefined()
  })
})
