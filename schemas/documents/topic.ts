import {TagIcon} from '@sanity/icons/Tag'
import {defineField, defineType} from 'sanity'
import {validSlug} from '../rules/slug.ts'

export const topic = defineType({
  name: 'topic',
  title: 'Topic',
  type: 'document',
  icon: TagIcon,
  description: 'A curated subject, such as "Bare metal". Sessions and demos are tagged with topics.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The topic as readers see it, e.g. "GPU".',
      validation: (rule) => rule.required().max(60),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      description: 'The topic page address: /topics/<slug>/.',
      options: {source: 'title', maxLength: 60},
      validation: validSlug,
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
      description: 'One or two sentences that introduce the topic page.',
      validation: (rule) => rule.max(300),
    }),
  ],
  preview: {select: {title: 'title', subtitle: 'slug.current'}},
})
