import {readdirSync} from 'node:fs'
import {test} from 'vitest'
import {FIXTURES_DIR, describeMarkers, validateNdjson} from '../helpers/validate.ts'
test('smoke', async () => {
  for (const f of readdirSync(FIXTURES_DIR + '/invalid').filter((f) => f.endsWith('.ndjson'))) {
    const results = await validateNdjson(FIXTURES_DIR + '/invalid/' + f)
    console.log('== ' + f + '\n' + describeMarkers(results, ['error', 'warning', 'info']))
  }
})
