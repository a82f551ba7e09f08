// The one-title edit the warm rebuild and publish-to-live measurements make to a size's dataset.
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {datasetDir, datasetFile, type SizeName} from './paths.ts'

export const EDITED_SESSION = 'session.e0-s0'
/** Where the edited session is published (bench/generate.ts names events summit-N and sessions sN). */
export const EDITED_PAGE = '/events/summit-0/sessions/s0/'

/**
 * Writes the size's dataset with `session.e0-s0` retitled `<title> (<suffix>)`, beside the original
 * so image paths still resolve. Returns the file and the new title.
 */
export async function writeEditedDataset(size: SizeName, name: string, suffix: string): Promise<{file: string; title: string}> {
  const lines = (await readFile(datasetFile(size), 'utf8')).split('\n')
  const index = lines.findIndex((line) => line.includes(`"_id":"${EDITED_SESSION}"`))
  const session = JSON.parse(lines[index]) as {title: string}
  session.title = `${session.title} (${suffix})`
  lines[index] = JSON.stringify(session)
  const file = join(datasetDir(size), name)
  await writeFile(file, lines.join('\n'))
  return {file, title: session.title}
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
