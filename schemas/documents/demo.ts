import {RocketIcon} from '@sanity/icons/Rocket'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {eventField, inEventReferenceField, slugInEventField, topicsField} from '../fields.ts'
import {demoWithoutPlace} from '../rules/documentFields.ts'

export const demo = defineType({
  name: 'demo',
  title: 'Demo',
  type: 'document',
  icon: RocketIcon,
  description: 'Something the team saw demonstrated, on stage in a session or at a booth.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'What was demonstrated, e.g. "OpenStack Omni driving AWS from Horizon".',
      validation: (rule) => rule.required().max(200),
    }),
    slugInEventField('The demo’s page address within its event. It must be unique within the event.'),
    eventField('The event where the demo was shown.'),
    inEventReferenceField('session', 'The session the demo was part of. Leave empty for a demo shown at a booth.'),
    defineField({
      name: 'location',
      title: 'Where it was shown',
      type: 'string',
      description: 'For a booth demo: the booth or area, e.g. "Cloudbase Solutions booth".',
      validation: (rule) =>
        rule.max(120).custom((location, context) => demoWithoutPlace({location, session: context.document?.session}) ?? true),
    }),
    defineField({
      name: 'presentedBy',
      title: 'Presented by',
      type: 'string',
      description: 'The company, project or person who gave the demo.',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'richText',
      description: 'What was shown and what the team made of it.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'technologies',
      title: 'Technologies',
      type: 'array',
      description: 'Products and projects the demo used, e.g. "Horizon", "AWS".',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    topicsField(),
    defineField({
      name: 'claims',
      title: 'Claims',
      type: 'array',
      description: 'Figures stated during the demo, each with who stated it.',
      of: [defineArrayMember({type: 'claim'})],
    }),
    defineField({
      name: 'links',
      title: 'Links',
      type: 'array',
      description: 'Project pages, recordings, repositories. Web addresses only.',
      of: [defineArrayMember({type: 'link'})],
    }),
  ],
  preview: {
    select: {title: 'title', sessionTitle: 'session.title', location: 'location', presentedBy: 'presentedBy'},
    prepare: ({title, sessionTitle, location, presentedBy}) => ({
      title,
      subtitle: [sessionTitle ? `In ${sessionTitle}` : location ? `At ${location}` : 'Where?', presentedBy].filter(Boolean).join(' · '),
    }),
  },
})
