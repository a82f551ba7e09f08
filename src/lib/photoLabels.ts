// How a picture is named and described to readers, by its kind: an illustration is "made", not "taken".
import {PHOTO_KINDS, titleOf} from '../../schemas/vocabulary.ts'
import {excerpt} from './exports/plainText.ts'
import type {Photo} from './site.ts'

/** "Photograph", "Illustration" or "Screenshot"; a photo without a kind is a photograph. */
export const kindTitle = (photo: Photo) => titleOf(PHOTO_KINDS, photo.kind) || 'Photograph'

/** The label for the picture's moment: "Taken" for photographs, "Shows" for what an illustration depicts. */
export const momentLabel = (photo: Photo) => (!photo.kind || photo.kind === 'photograph' ? 'Taken' : 'Shows the moment')

/** A short heading: the editor's short title, else the caption cut to a few words, else `fallback`. */
export const shortTitle = (photo: Photo, fallback: string) => photo.title || (photo.caption ? excerpt(photo.caption, 60) : fallback)

/** "Photo 3 of 5" or "Illustration 3 of 5". */
export const positionLabel = (photo: Photo, number: number, total: number) =>
  `${!photo.kind || photo.kind === 'photograph' ? 'Photo' : kindTitle(photo)} ${number} of ${total}`
