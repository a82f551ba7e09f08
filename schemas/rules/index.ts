// Every rule the build enforces. A module in schemas/rules/ with Studio rules exports the same checks as
// `buildRules`; list it here (test/schema/build-rules.test.ts fails for a module that is left off).
import {buildRules as coverPhoto} from './coverPhoto.ts'
import {buildRules as dates} from './dates.ts'
import {buildRules as documentFields} from './documentFields.ts'
import {buildRules as eventDates} from './eventDates.ts'
import {buildRules as ids} from './ids.ts'
import {buildRules as partOf} from './partOf.ts'
import {buildRules as photoTime} from './photoTime.ts'
import {buildRules as required} from './required.ts'
import {buildRules as roomClash} from './roomClash.ts'
import {buildRules as sameEvent} from './sameEvent.ts'
import {buildRules as sessionTimes} from './sessionTimes.ts'
import {buildRules as slug} from './slug.ts'
import {buildRules as slugInEvent} from './slugInEvent.ts'
import type {BuildRule} from './types.ts'
import {buildRules as urls} from './urls.ts'
import {buildRules as values} from './values.ts'

export const ruleModules: Record<string, readonly BuildRule[]> = {
  'coverPhoto.ts': coverPhoto,
  'dates.ts': dates,
  'documentFields.ts': documentFields,
  'eventDates.ts': eventDates,
  'ids.ts': ids,
  'partOf.ts': partOf,
  'photoTime.ts': photoTime,
  'required.ts': required,
  'roomClash.ts': roomClash,
  'sameEvent.ts': sameEvent,
  'sessionTimes.ts': sessionTimes,
  'slug.ts': slug,
  'slugInEvent.ts': slugInEvent,
  'urls.ts': urls,
  'values.ts': values,
}

export const buildRules: readonly BuildRule[] = Object.values(ruleModules).flat()

// The one rule set. Every rule the Studio enforces lives in this folder; each has a pure core check that takes plain
// values and returns the sentence an editor sees (undefined when all is well), so the build can enforce the same
// rules on the content graph. The Studio wrappers next to them only fetch what the check needs.
export {fromOtherEvent} from './sameEvent.ts'
export {coverPhotoProblem} from './coverPhoto.ts'
export {badCalendarId, demoWithoutPlace, missingAltText} from './documentFields.ts'
export {dayOutsideEvent, lastDayBeforeFirst, repeatedDayDate, unknownTimeZone} from './eventDates.ts'
export {photoOutsideEvent, photoOutsideSession} from './photoTime.ts'
export {roomClash} from './roomClash.ts'
export {endsBeforeStart, timeOutsideEvent} from './sessionTimes.ts'
export {isUniqueInEvent} from './slugInEvent.ts'
export {richTextUrl, webUrl} from './urls.ts'
