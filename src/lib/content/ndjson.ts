import {readFile} from 'node:fs/promises'
import {ContentError} from './errors.ts'

export type RawDocument = {_id: string; _type: string; [field: string]: unknown}

/** Reads a Sanity NDJSON export, naming the file and line of anything it cannot use. */
export async function readNdjson(file: string): Promise<RawDocument[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ContentError(
      code === 'ENOENT'
        ? `Dataset not found: ${file}. Set RECAP_DATASET to an NDJSON file, or restore dataset/production.ndjson.`
        : `Cannot read the dataset ${file}: ${(error as Error).message}`,
    )
  }
  return parseNdjson(text, file)
}

export function parseNdjson(text: string, file: string): RawDocument[] {
  const documents: RawDocument[] = []
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue
    const where = `${file}:${index + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new ContentError(`${where}: not valid JSON (${(error as Error).message}).`)
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new ContentError(`${where}: each line must be one JSON object (a document).`)
    }
    const document = value as Partial<RawDocument>
    if (typeof document._id !== 'string' || !document._id) throw new ContentError(`${where}: the document has no _id.`)
    if (typeof document._type !== 'string' || !document._type) {
      throw new ContentError(`${where}: document ${document._id} has no _type.`)
    }
    documents.push(document as RawDocument)
  }
  return documents
}
