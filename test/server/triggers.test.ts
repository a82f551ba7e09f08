import {appendFile, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {readLastSuccess, writeLastSuccess} from '../../src/server/state.ts'
import {openJournal, pendingSince} from '../../src/server/triggers.ts'
import {tempDir} from './helpers.ts'

let tmp: Awaited<ReturnType<typeof tempDir>>
let file: string

beforeEach(async () => {
  tmp = await tempDir()
  file = path.join(tmp.dir, 'triggers.ndjson')
})

afterEach(() => tmp.remove())

describe('trigger journal', () => {
  it('appended records are on disk and come back after a reopen', async () => {
    const journal = await openJournal(file)
    await journal.append({at: 1, keys: ['sig:a'], doc: 'd1'})
    await journal.append({at: 2, keys: ['sig:b', 'idem:c']})
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2)
    await journal.close()
    const reopened = await openJournal(file)
    expect(reopened.loaded).toEqual([
      {at: 1, keys: ['sig:a'], doc: 'd1'},
      {at: 2, keys: ['sig:b', 'idem:c']},
    ])
    await reopened.close()
  })

  it('concurrent appends each land on their own line', async () => {
    const journal = await openJournal(file)
    await Promise.all(Array.from({length: 50}, (_, i) => journal.append({at: i, keys: [`sig:${i}`]})))
    await journal.close()
    const lines = (await readFile(file, 'utf8')).trim().split('\n')
    expect(lines.map((line) => JSON.parse(line).at).sort((a, b) => a - b)).toEqual(Array.from({length: 50}, (_, i) => i))
  })

  it('a torn last line from a crash is dropped, and the next append starts clean', async () => {
    await writeFile(file, `${JSON.stringify({at: 1, keys: ['sig:a']})}\n{"at":2,"ke`)
    const journal = await openJournal(file)
    expect(journal.loaded).toEqual([{at: 1, keys: ['sig:a']}])
    await journal.append({at: 3, keys: ['sig:c']})
    await journal.close()
    expect((await openJournal(file)).loaded.map((r) => r.at)).toEqual([1, 3])
  })

  it('unreadable lines are skipped', async () => {
    await writeFile(file, `not json\n${JSON.stringify({at: 5, keys: ['k']})}\n{"at":"x","keys":[]}\n`)
    const journal = await openJournal(file)
    expect(journal.loaded).toEqual([{at: 5, keys: ['k']}])
    await journal.close()
  })

  it('compaction keeps what it is told to, atomically, and appends continue afterwards', async () => {
    const journal = await openJournal(file)
    for (const at of [1, 2, 3, 4]) await journal.append({at, keys: [`sig:${at}`]})
    const appending = journal.append({at: 5, keys: ['sig:5']})
    await journal.compact((record) => record.at >= 3)
    await appending
    await journal.append({at: 6, keys: ['sig:6']})
    await journal.close()
    expect((await openJournal(file)).loaded.map((r) => r.at)).toEqual([3, 4, 5, 6])
  })

  it('pending triggers are those at or after the last successful build started', () => {
    const records = [1, 5, 9].map((at) => ({at, keys: []}))
    expect(pendingSince(records, null)).toBe(1)
    expect(pendingSince(records, 5)).toBe(5)
    expect(pendingSince(records, 6)).toBe(9)
    expect(pendingSince(records, 10)).toBeNull()
    expect(pendingSince([], null)).toBeNull()
  })

  it('the last-success record round-trips and a damaged one reads as none', async () => {
    const state = path.join(tmp.dir, 'last-success.json')
    expect(await readLastSuccess(state)).toBeNull()
    const value = {
      id: '20250101T000000000Z',
      startedAt: 10,
      finishedAt: 20,
      contentUpdatedAt: '2025-01-01T00:00:00Z',
      contentDigest: '3:2025-01-01T00:00:00Z:a:r',
    }
    await writeLastSuccess(state, value)
    expect(await readLastSuccess(state)).toEqual(value)
    await appendFile(state, 'garbage')
    expect(await readLastSuccess(state)).toBeNull()
  })
})
