import {defineArrayMember, defineField, defineType} from 'sanity'
import {richTextUrl} from '../rules/urls.ts'

/** The one rich-text definition used by day recaps, session notes and demo descriptions. */
export const richText = defineType({
  name: 'richText',
  title: 'Rich text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Paragraph', value: 'normal'},
        {title: 'Heading', value: 'h2'},
        {title: 'Subheading', value: 'h3'},
        {title: 'Quote', value: 'blockquote'},
      ],
      lists: [
        {title: 'Bullets', value: 'bullet'},
        {title: 'Numbers', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Strong', value: 'strong'},
          {title: 'Emphasis', value: 'em'},
          {title: 'Code', value: 'code'},
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Web link',
            type: 'object',
            fields: [
              defineField({
                name: 'href',
                title: 'Address',
                type: 'url',
                description: 'A web or e-mail address: http://, https:// or mailto:.',
                validation: richTextUrl,
              }),
            ],
          }),
          defineArrayMember({
            name: 'internalLink',
            title: 'Link to a session, demo or photo',
            type: 'object',
            fields: [
              defineField({
                name: 'reference',
                title: 'Points to',
                type: 'reference',
                to: [{type: 'session'}, {type: 'demo'}, {type: 'photo'}],
                description: 'The session, demo or photo this text talks about. The site links to its page.',
                validation: (rule) => rule.required(),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({type: 'figure'}),
  ],
})
