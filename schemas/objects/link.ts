import {defineField, defineType} from 'sanity'
import {LINK_KINDS} from '../vocabulary.ts'
import {webUrl} from '../rules/urls.ts'

export const link = defineType({
  name: 'link',
  title: 'Link',
  type: 'object',
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      description: 'What the reader will find at the other end.',
      options: {list: [...LINK_KINDS]},
      initialValue: 'project',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The link text readers see, e.g. "Ironic documentation".',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'url',
      title: 'Address',
      type: 'url',
      description: 'A web address starting with http:// or https://.',
      validation: (rule) => webUrl(rule).required(),
    }),
  ],
  preview: {select: {title: 'title', subtitle: 'url'}},
})
