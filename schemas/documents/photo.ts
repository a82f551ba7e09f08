import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {cropProblem} from '../rules/values.ts'
import {eventField, inEventReferenceField} from '../fields.ts'
import {PHOTO_KINDS} from '../vocabulary.ts'
import {missingAltText} from '../rules/documentFields.ts'
import {takenDuringEvent, takenDuringSession} from '../rules/photoTime.ts'

export const photo = defineType({
  name: 'photo',
  title: 'Photo',
  type: 'document',
  icon: ImageIcon,
  description: 'A photo or illustration from the event, with its alt text, caption and credit.',
  fields: [
    defineField({
      name: 'image',
      title: 'Image',
      type: 'image',
      description: 'Upload the picture, then set the crop and the hotspot: the part that must stay visible.',
      options: {hotspot: true},
      validation: (rule) =>
        rule
          .required()
          .assetRequired()
          .custom((image) => cropProblem(image) ?? true),
    }),
    defineField({
      name: 'alt',
      title: 'Alt text',
      type: 'string',
      description: 'Describe what the photo shows for readers who cannot see it, including any text on it.',
      validation: (rule) => [rule.custom((alt) => missingAltText(alt) ?? true), rule.max(300)],
    }),
    defineField({
      name: 'title',
      title: 'Short title',
      type: 'string',
      description: 'A few words naming the picture, e.g. "China Telecom’s 2,000,000 m²". The photo page’s heading.',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      description: 'A photograph taken at the event, or an illustration or screenshot made for the coverage.',
      options: {list: [...PHOTO_KINDS], layout: 'radio', direction: 'horizontal'},
      initialValue: 'photograph',
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Shown under the photo. Say so when the picture is an illustration rather than a photograph.',
      validation: (rule) => rule.max(300),
    }),
    defineField({
      name: 'credit',
      title: 'Credit',
      type: 'string',
      description: 'Who took or made the picture.',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'license',
      title: 'Licence',
      type: 'string',
      description: 'The licence readers may reuse it under, e.g. "CC BY 4.0" or "All rights reserved".',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'takenAt',
      title: 'Taken at',
      type: 'datetime',
      description: 'When the picture was taken, or the moment an illustration shows, in the event’s local time.',
      options: {allowTimeZoneSwitch: true},
      validation: (rule) => [rule.custom(takenDuringEvent).warning(), rule.custom(takenDuringSession).warning()],
    }),
    eventField('The event the photo is from.'),
    inEventReferenceField('session', 'Optional. The session the photo is from.'),
    inEventReferenceField('demo', 'Optional. The demo the photo shows.'),
  ],
  preview: {
    select: {title: 'title', caption: 'caption', alt: 'alt', media: 'image', credit: 'credit'},
    prepare: ({title, caption, alt, media, credit}) => ({title: title || caption || alt || 'Untitled photo', subtitle: credit, media}),
  },
})
