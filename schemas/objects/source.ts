import {defineField, defineType} from 'sanity'
import {webUrl} from '../rules/urls.ts'

export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'object',
  description: 'The original write-up this coverage is based on. Readers see it credited on every day recap.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The title of the original write-up.',
      validation: (rule) => rule.required().max(200),
    }),
    defineField({
      name: 'url',
      title: 'Address',
      type: 'url',
      description: 'Where readers can find the original.',
      validation: (rule) => webUrl(rule).required(),
    }),
    defineField({
      name: 'publisher',
      title: 'Publisher',
      type: 'string',
      description: 'Who published it, e.g. a blog or a team.',
      validation: (rule) => rule.required().max(120),
    }),
  ],
})
