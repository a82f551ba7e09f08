import {defineField, defineType} from 'sanity'

export const presenter = defineType({
  name: 'presenter',
  title: 'Presenter',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The person or team who presented. Use the team name when no person was named.',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'organization',
      title: 'Organization',
      type: 'string',
      description: 'The company, project or community they spoke for.',
      validation: (rule) => rule.max(120),
    }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'Their part in the session, e.g. "Speaker", "Host" or "Panellist".',
      validation: (rule) => rule.max(60),
    }),
  ],
  preview: {
    select: {title: 'name', organization: 'organization', role: 'role'},
    prepare: ({title, organization, role}) => ({title, subtitle: [role, organization].filter(Boolean).join(' · ')}),
  },
})
