// Site-wide constants: the name, the default description and how much each list shows.

export const SITE_TITLE = 'Recap'
export const SITE_DESCRIPTION =
  'Recap covers technology conferences day by day: sessions, demos, photos and the figures speakers claimed, with who claimed them.'

export const EVENTS_PER_PAGE = 20
export const PHOTOS_PER_PAGE = 24
export const TOPIC_ITEMS_PER_PAGE = 20

export const HOME_EVENTS = 10
export const HOME_SESSIONS = 8
export const HOME_CLAIMS = 3
export const HOME_PHOTOS = 6
export const HOME_TOPICS = 8

/** Sessions per day on an event page before it sends readers on to the day page. */
export const AGENDA_SESSIONS_PER_DAY = 12
export const EVENT_PHOTOS = 6
