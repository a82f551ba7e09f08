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
