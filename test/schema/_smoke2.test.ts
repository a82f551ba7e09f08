import {test} from 'vitest'
import {FIXTURES_DIR, validateNdjson} from '../helpers/validate.ts'
test('smoke', async () => {
  const r = await validateNdjson(FIXTURES_DIR + '/invalid/slug-twice-in-event.ndjson')
  console.log(JSON.stringify(r.filter(x=>x.markers.length), null, 1))
})
