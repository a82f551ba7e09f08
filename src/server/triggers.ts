// The trigger journal: one JSON line per accepted delivery, appended and fsynced before the
// delivery is acknowledged, so a crash after the 2xx still leaves a record to build from.

import {open, readFile, rename, truncate, type FileHandle} from 'node:fs/promises'
import path from 'node:path'
import {fsyncDir} from './fsync.ts'

export interface TriggerRecord {
  /** Server time (ms) when the delivery was accepted. */
  at: number
  /** Dedupe keys of the delivery (see webhook.ts). */
  keys: string[]
  /** Document id from the signed body, for the log only. */
  doc?: string
}

export interface Journal {
  /** Records on disk when the journal was opened, oldest first. */
  readonly loaded: readonly TriggerRecord[]
  append(record: TriggerRecord): Promise<void>
  /** Rewrites the file with only the records `keep` accepts (atomically). */
  compact(keep: (record: TriggerRecord) => boolean): Promise<void>
  close(): Promise<void>
}

export async function openJournal(file: string): Promise<Journal> {
  const loaded = await load(file)
  let handle = await openForAppend(file)
  let records = [...loaded]
  // Appends and compaction run one at a time, in arrival order.
  let chain: Promise<unknown> = Promise.resolve()
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const result = chain.then(task)
    chain = result.catch(() => {})
    return result
  }

  return {
    loaded,
    append(record) {
      return serialize(async () => {
        await handle.appendFile(`${JSON.stringify(record)}\n`)
        await handle.datasync()
        records.push(record)
      })
    },
    compact(keep) {
      return serialize(async () => {
        const kept = records.filter(keep)
        const temporary = `${file}.tmp`
        const out = await open(temporary, 'w')
        try {
          await out.writeFile(kept.map((record) => `${JSON.stringify(record)}\n`).join(''))
          await out.datasync()
        } finally {
          await out.close()
        }
        await rename(temporary, file)
        await fsyncDir(path.dirname(file))
        await handle.close()
        handle = await openForAppend(file)
        records = kept
      })
    },
    close() {
      return serialize(() => handle.close())
    },
  }
}

async function openForAppend(file: string): Promise<FileHandle> {
  const handle = await open(file, 'a')
  // Make the file's directory entry durable too, not just its contents.
  await fsyncDir(path.dirname(file))
  return handle
}

async function load(file: string): Promise<TriggerRecord[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  // A crash mid-append can leave a torn last line. It was never acknowledged, so drop it
  // before appending, or the next record would be glued onto it.
  const end = text.lastIndexOf('\n') + 1
  if (end < text.length) {
    await truncate(file, Buffer.byteLength(text.slice(0, end)))
    text = text.slice(0, end)
  }
  const records: TriggerRecord[] = []
  for (const line of text.split('\n')) {
    const record = parse(line)
    if (record) records.push(record)
  }
  return records
}

function parse(line: string): TriggerRecord | null {
  if (line.trim() === '') return null
  try {
    const value = JSON.parse(line) as Partial<TriggerRecord>
    if (typeof value.at !== 'number' || !Array.isArray(value.keys)) return null
    return {
      at: value.at,
      keys: value.keys.filter((key): key is string => typeof key === 'string'),
      ...(typeof value.doc === 'string' ? {doc: value.doc} : {}),
    }
  } catch {
    return null
  }
}

/** Records not covered by a successful build that started at `builtFrom` (null: no build yet). */
export function pendingSince(records: readonly TriggerRecord[], builtFrom: number | null): number | null {
  let earliest: number | null = null
  for (const record of records) {
    if (builtFrom !== null && record.at < builtFrom) continue
    earliest = earliest === null ? record.at : Math.min(earliest, record.at)
  }
  return earliest
}
