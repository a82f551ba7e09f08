// Every public URL of the site is built here, so links and routes never disagree.

const segment = (value: string) => encodeURIComponent(value)

export const homePath = () => '/'
export const eventsPath = (page = 1) => (page > 1 ? `/events/page/${page}/` : '/events/')
export const eventPath = (event: string) => `/events/${segment(event)}/`
export const dayPath = (event: string, day: number) => `${eventPath(event)}day-${day}/`
export const sessionPath = (event: string, session: string) => `${eventPath(event)}sessions/${segment(session)}/`
export const demoPath = (event: string, demo: string) => `${eventPath(event)}demos/${segment(demo)}/`
export const photosPath = (event: string, page = 1) => (page > 1 ? `${eventPath(event)}photos/page/${page}/` : `${eventPath(event)}photos/`)
export const photoPath = (event: string, photo: string) => `${eventPath(event)}photos/${segment(photo)}/`
export const topicsPath = () => '/topics/'
export const topicPath = (topic: string, page = 1) => (page > 1 ? `/topics/${segment(topic)}/page/${page}/` : `/topics/${segment(topic)}/`)
export const eventCalendarPath = (event: string) => `${eventPath(event)}calendar.ics`
export const sessionCalendarPath = (event: string, session: string) => `${sessionPath(event, session)}calendar.ics`
export const schedulePath = (event: string) => `${eventPath(event)}schedule.json`
export const scheduleXmlPath = (event: string) => `${eventPath(event)}schedule.xml`
export const searchPath = () => '/search/'
export const feedPath = () => '/rss.xml'

/** A photo's page name: its document id without the conventional "photo." prefix. */
export const photoSlug = (id: string) => id.replace(/^photo\./, '')
