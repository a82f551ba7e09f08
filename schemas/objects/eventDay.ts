import {defineField, defineType} from 'sanity'
import {dayOutsideEvent} from '../rules/eventDates.ts'

export const eventDay = defineType({
  name: 'eventDay',
  title: 'Day',
  type: 'object',
  fields: [
    defineField({
      name: 'date',
      title: 'Date',
      type: 'date',
      description: 'The calendar date of this day, in the event’s own time zone.',
      validation: (rule) =>
        rule
          .required()
          .custom((date, context) => dayOutsideEvent(date, context.document as {startDate?: string; endDate?: string}) ?? true),
    }),
    defineField({
      name: 'label',
      title: 'Label',
      type: 'string',
      description: 'A short name for the day that readers see in menus, e.g. "Day 2: multicloud and bare metal".',
      validation: (rule) => rule.required().max(100),
    }),
    defineField({
      name: 'recap',
      title: 'Recap',
      type: 'richText',
      description:
        'The team’s story of the day. Link the sessions and demos you mention, and insert photos as figures. Leave empty for a day you did not cover.',
    }),
  ],
  preview: {
    select: {title: 'label', date: 'date', recap: 'recap'},
    prepare: ({title, date, recap}) => ({
      title,
      subtitle: `${date ?? 'No date'}${Array.isArray(recap) && recap.length ? '' : ' · no recap yet'}`,
    }),
  },
})
