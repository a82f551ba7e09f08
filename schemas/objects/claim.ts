import {defineField, defineType} from 'sanity'
import {CLAIM_STATUSES} from '../vocabulary.ts'
import {webUrl} from '../rules/urls.ts'

export const claim = defineType({
  name: 'claim',
  title: 'Claim',
  type: 'object',
  description: 'A figure someone stated. Readers always see who claimed it and whether it was checked.',
  fields: [
    defineField({
      name: 'statement',
      title: 'Statement',
      type: 'string',
      description: 'The claim as a reader should see it, e.g. "60% lower cost after moving to bare metal".',
      validation: (rule) => rule.required().max(200),
    }),
    defineField({
      name: 'value',
      title: 'Value',
      type: 'number',
      description: 'The number on its own, e.g. 60. Lets the site highlight and compare figures.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'unit',
      title: 'Unit',
      type: 'string',
      description: 'The unit of the value, e.g. "%", "ms", "MB" or "m²".',
      validation: (rule) => rule.required().max(20),
    }),
    defineField({
      name: 'baseline',
      title: 'Compared with',
      type: 'string',
      description: 'What the figure is measured against, e.g. "a 2 GB VM image". Leave empty if nothing was given.',
      validation: (rule) => rule.max(120),
    }),
    defineField({
      name: 'claimedBy',
      title: 'Claimed by',
      type: 'string',
      description: 'Who stated the figure, e.g. "Crowdstar".',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      description: 'Whether the team checked the figure. Most figures from talks are "as claimed".',
      options: {list: [...CLAIM_STATUSES], layout: 'radio', direction: 'horizontal'},
      initialValue: 'as-claimed',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'sourceUrl',
      title: 'Source address',
      type: 'url',
      description: 'Where the figure was published, if anywhere: slides, a video or an article.',
      validation: webUrl,
    }),
  ],
  preview: {
    select: {title: 'statement', claimedBy: 'claimedBy', status: 'status'},
    prepare: ({title, claimedBy, status}) => ({title, subtitle: `${status ?? ''} · ${claimedBy ?? 'unknown'}`}),
  },
})
