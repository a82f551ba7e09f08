import {CalendarIcon} from '@sanity/icons/Calendar'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {publishedId} from '../rules/api.ts'
import {validSlug} from '../rules/slug.ts'
import {coverPhotoOfEvent} from '../rules/coverPhoto.ts'
import {lastDayBeforeFirst, repeatedDayDate, unknownTimeZone} from '../rules/eventDates.ts'
import {webUrl} from '../rules/urls.ts'

export const event = defineType({
  name: 'event',
  title: 'Event',
  type: 'document',
  icon: CalendarIcon,
  groups: [
    {name: 'details', title: 'Details', default: true},
    {name: 'days', title: 'Days'},
    {name: 'credits', title: 'Source'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'details',
      description: 'The full name of the conference, e.g. "OpenStack Summit Barcelona 2016".',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      group: 'details',
      description: 'The event’s part of every page address: /events/<slug>/. Generate it from the title.',
      options: {source: 'title', maxLength: 80},
      validation: validSlug,
    }),
    defineField({
      name: 'series',
      title: 'Series',
      type: 'string',
      group: 'details',
      description: 'The conference series this edition belongs to, e.g. "OpenStack Summit".',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'organizer',
      title: 'Organiser',
      type: 'string',
      group: 'details',
      description: 'Optional. Who runs the conference, e.g. "OpenStack Foundation". Search engines show it with the event.',
      validation: (rule) => rule.max(120),
    }),
    defineField({
      name: 'startDate',
      title: 'First day',
      type: 'date',
      group: 'details',
      description: 'The first day of the event, in its own time zone.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'endDate',
      title: 'Last day',
      type: 'date',
      group: 'details',
      description: 'The last day of the event. Same as the first day for a one-day event.',
      validation: (rule) =>
        rule
          .required()
          .custom((endDate, context) => lastDayBeforeFirst({startDate: context.document?.startDate as string, endDate}) ?? true),
    }),
    defineField({
      name: 'timeZone',
      title: 'Time zone',
      type: 'string',
      group: 'details',
      description: 'The IANA time zone of the venue, e.g. "Europe/Madrid". Every session time is shown to readers in this zone.',
      validation: (rule) => rule.required().custom((zone) => unknownTimeZone(zone) ?? true),
    }),
    defineField({
      name: 'venue',
      title: 'Venue',
      type: 'venue',
      group: 'details',
      description: 'Where the event took place.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'url',
      title: 'Official website',
      type: 'url',
      group: 'details',
      description: 'The organisers’ page for this edition.',
      validation: webUrl,
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 3,
      group: 'details',
      description: 'Two or three sentences about the event. Shown on the home page and in search results.',
      validation: (rule) => rule.required().max(400),
    }),
    defineField({
      name: 'coverPhoto',
      title: 'Cover photo',
      type: 'reference',
      to: [{type: 'photo'}],
      group: 'details',
      description: 'Optional. A photo of this event to show at the top of its page.',
      options: {
        filter: ({document}) => ({filter: 'event._ref == $eventId', params: {eventId: publishedId(document._id)}}),
      },
      validation: (rule) => rule.custom(coverPhotoOfEvent),
    }),
    defineField({
      name: 'days',
      title: 'Days',
      type: 'array',
      group: 'days',
      description: 'One entry per day of the event, each with the team’s recap of that day.',
      of: [defineArrayMember({type: 'eventDay'})],
      validation: (rule) => rule.custom((days) => repeatedDayDate(days as {date?: string}[] | undefined) ?? true),
    }),
    defineField({
      name: 'source',
      title: 'Source',
      type: 'source',
      group: 'credits',
      description: 'The original write-up this coverage is based on, credited on every day recap.',
    }),
  ],
  orderings: [{title: 'Newest first', name: 'startDateDesc', by: [{field: 'startDate', direction: 'desc'}]}],
  preview: {
    select: {title: 'title', startDate: 'startDate', endDate: 'endDate', city: 'venue.city', media: 'coverPhoto.image'},
    prepare: ({title, startDate, endDate, city, media}) => ({
      title,
      subtitle: [startDate && endDate ? `${startDate} – ${endDate}` : startDate, city].filter(Boolean).join(' · '),
      media,
    }),
  },
})
