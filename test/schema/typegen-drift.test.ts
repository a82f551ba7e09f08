// studio/schema.json and src/lib/sanity.types.ts are generated (`npm run typegen`) and committed, so the site
// type-checks its GROQ results without a Studio. This regenerates both into a scratch folder and compares.
import {randomUUID} from 'node:crypto'
import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ROOT, STUDIO_DIR} from '../helpers/validate.ts'
import {sanity, transcript, type RunResult} from './cli.ts'

const FIX = 'Run `npm run typegen` and commit studio/schema.json and src/lib/sanity.types.ts.'

type TypegenConfig = {path: string | string[]; schema: string; generates: string; [key: string]: unknown}

/** The first line where two texts differ, for a short failure message. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n')
  const b = expected.split('\n')
  const line = Array.from({length: Math.max(a.length, b.length)}, (_, index) => index).find((index) => a[index] !== b[index])
  if (line === undefined) return 'no difference'
  return `first difference at line ${line + 1}:\n  committed: ${b[line] ?? '(end of file)'}\n  generated: ${a[line] ?? '(end of file)'}`
}

describe('the generated schema and types', () => {
  // Inside the repository (test/output/ is ignored by git) so that Prettier, which typegen runs on its output,
  // finds the same configuration as it does for src/lib/.
  const scratch = resolve(ROOT, 'test/output', `typegen-${randomUUID()}`)
  const schemaFile = resolve(scratch, 'schema.json')
  const typesFile = resolve(scratch, 'sanity.types.ts')
  // The glob in `path` is relative to the working directory, so the scratch config lives beside the real one.
  const configFile = resolve(STUDIO_DIR, `.sanity-typegen.drift-${randomUUID()}.json`)
  const committed: TypegenConfig = JSON.parse(readFileSync(resolve(STUDIO_DIR, 'sanity-typegen.json'), 'utf8'))
  let extract: RunResult
  let typegen: RunResult

  beforeAll(async () => {
    mkdirSync(scratch, {recursive: true})
    extract = await sanity(['schema', 'extract', '--workspace', 'default', '--path', relative(STUDIO_DIR, schemaFile)])
    if (extract.code !== 0) return
    writeFileSync(configFile, JSON.stringify({...committed, schema: schemaFile, generates: typesFile}, null, 2))
    try {
      typegen = await sanity(['typegen', 'generate', '--config-path', relative(STUDIO_DIR, configFile)])
    } finally {
      rmSync(configFile, {force: true})
    }
  })

  afterAll(() => {
    rmSync(configFile, {force: true})
    rmSync(scratch, {recursive: true, force: true})
  })

  it('studio/schema.json matches the schema in schemas/', () => {
    expect(extract.code, `sanity schema extract failed.\n${transcript(extract)}`).toBe(0)
    const generated = JSON.parse(readFileSync(schemaFile, 'utf8'))
    const current = JSON.parse(readFileSync(resolve(STUDIO_DIR, committed.schema), 'utf8'))
    expect(
      JSON.stringify(generated) === JSON.stringify(current),
      `studio/schema.json is out of date. ${FIX}\n${firstDifference(JSON.stringify(generated, null, 2), JSON.stringify(current, null, 2))}`,
    ).toBe(true)
  })

  it('src/lib/sanity.types.ts matches the schema and the queries', () => {
    expect(typegen?.code, `sanity typegen generate failed.\n${typegen ? transcript(typegen) : 'it did not run'}`).toBe(0)
    // The header names the schema file it was generated from; point it back at the committed one.
    const source = (file: string) => `// Source: ${relative(STUDIO_DIR, resolve(STUDIO_DIR, file))}`
    const generated = readFileSync(typesFile, 'utf8').replaceAll(source(schemaFile), source(committed.schema))
    const current = readFileSync(resolve(STUDIO_DIR, committed.generates), 'utf8')
    expect(generated === current, `src/lib/sanity.types.ts is out of date. ${FIX}\n${firstDifference(generated, current)}`).toBe(true)
  })
})
