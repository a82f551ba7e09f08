import {defineField, defineType} from 'sanity'

export const figure = defineType({
  name: 'figure',
  title: 'Photo',
  type: 'object',
  description: 'Shows a photo, with its caption and credit, in the middle of the text.',
  fields: [
    defineField({
      name: 'photo',
      title: 'Photo',
      type: 'reference',
      to: [{type: 'photo'}],
      description: 'Pick one of the event’s photos. Its alt text, caption and credit come with it.',
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: {title: 'photo.caption', media: 'photo.image'},
    prepare: ({title, media}) => ({title: title ?? 'Photo', subtitle: 'Figure', media}),
  },
})
