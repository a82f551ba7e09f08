import {demo} from './documents/demo.ts'
import {event} from './documents/event.ts'
import {photo} from './documents/photo.ts'
import {session} from './documents/session.ts'
import {topic} from './documents/topic.ts'
import {claim} from './objects/claim.ts'
import {eventDay} from './objects/eventDay.ts'
import {figure} from './objects/figure.ts'
import {link} from './objects/link.ts'
import {presenter} from './objects/presenter.ts'
import {richText} from './objects/richText.ts'
import {source} from './objects/source.ts'
import {venue} from './objects/venue.ts'

export const schemaTypes = [
  event,
  session,
  demo,
  photo,
  topic,
  venue,
  source,
  eventDay,
  presenter,
  claim,
  link,
  figure,
  richText,
]
