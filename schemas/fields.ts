import {defineArrayMember, defineField} from 'sanity'
import {inSameEvent, sameEventFilter} from './rules/sameEvent.ts'
import {validSlug} from './rules/slug.ts'
import {isUniqueInEvent} from './rules/slugInEvent.ts'

// Fields that sessions, demos and photos share: they all belong to an event and point within it.

/** The required reference to the event a document belongs to. */
export const eventField = (description: string, group?: string) =>
  defineField({
    name: 'event',
    title: 'Event',
    type: 'reference',
    to: [{type: 'event'}],
    description,
    group,
    validation: (rule) => rule.required(),
  })

/** A page address that must be unique among documents of the same type in the same event. */
export const slugInEventField = (description: string, group?: string) =>
  defineField({
    name: 'slug',
    title: 'Slug',
    type: 'slug',
    description,
    group,
    options: {source: 'title', maxLength: 96, isUnique: isUniqueInEvent},
    validation: validSlug,
  })

/** An optional reference to a session or demo, offered and accepted only from the same event. */
export const inEventReferenceField = (type: 'session' | 'demo', description: string) =>
  defineField({
    name: type,
    title: type === 'session' ? 'Session' : 'Demo',
    type: 'reference',
    to: [{type}],
    description,
    options: {filter: sameEventFilter},
    validation: (rule) => rule.custom(inSameEvent),
  })

/** Tags from the curated topic list; editors add a topic document when none fits. */
export const topicsField = (group?: string) =>
  defineField({
    name: 'topics',
    title: 'Topics',
    type: 'array',
    group,
    description: 'Pick from the curated topics. Add a new topic document when none fits.',
    of: [defineArrayMember({type: 'reference', to: [{type: 'topic'}]})],
    validation: (rule) => rule.unique(),
  })
