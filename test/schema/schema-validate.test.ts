// `sanity schema validate` is the check the Studio runs on start-up; warnings there are problems editors meet later.
import {beforeAll, describe, expect, it} from 'vitest'
import {sanity, transcript, type RunResult} from './cli.ts'

type Problem = {severity: 'error' | 'warning' | string; message: string; helpId?: string}
type Group = {path: {kind: string; name?: string; type?: string}[]; problems: Problem[]}

describe('sanity schema validate', () => {
  let result: RunResult
  let groups: Group[]

  beforeAll(async () => {
    result = await sanity(['schema', 'validate', '--workspace', 'default', '--level', 'warning', '--format', 'json'])
    // The report is the last line of standard output that is a JSON array.
    const line = result.stdout
      .split('\n')
      .map((text) => text.trim())
      .filter((text) => text.startsWith('['))
      .at(-1)
    if (!line) throw new Error(`No JSON report from sanity schema validate.\n${transcript(result)}`)
    groups = JSON.parse(line) as Group[]
  })

  const problems = (severity: string) =>
    groups.flatMap((group) =>
      group.problems
        .filter((problem) => problem.severity === severity)
        .map((problem) => `${group.path.map((segment) => segment.name ?? segment.type ?? segment.kind).join(' > ')}: ${problem.message}`),
    )

  it('reports no schema errors', () => {
    const errors = problems('error')
    expect(errors, `Schema errors:\n${errors.join('\n')}`).toEqual([])
    expect(result.code, transcript(result)).toBe(0)
  })

  it('reports no schema warnings', () => {
    const warnings = problems('warning')
    expect(warnings, `Schema warnings:\n${warnings.join('\n')}`).toEqual([])
  })
})
