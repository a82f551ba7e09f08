import {PresentationIcon} from '@sanity/icons/Presentation'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {eventField, slugInEventField, topicsField} from '../fields.ts'
import {isTimeZone, localDate, localTime} from '../../core/time.ts'
import {badCalendarId} from '../rules/documentFields.ts'
import {roomIsFree} from '../rules/roomClash.ts'
import {endsAfterStart, withinEvent} from '../rules/sessionTimes.ts'
import {insideParent} from '../rules/partOf.ts'
import {sameEventFilter} from '../rules/sameEvent.ts'
import {SESSION_KINDS, titleOf} from '../vocabulary.ts'

export const session = defineType({
  name: 'session',
  title: 'Session',
  type: 'document',
  icon: PresentationIcon,
  description: 'One slot in the programme: a keynote, talk, panel, workshop, social event, or hallway time.',
  groups: [
    {name: 'slot', title: 'Slot', default: true},
    {name: 'content', title: 'Coverage'},
    {name: 'facts', title: 'Claims and links'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'slot',
      description: 'The session’s title as the programme gives it, or a short description of what the team saw.',
      validation: (rule) => rule.required().max(200),
    }),
    slugInEventField('The session’s page address within its event. It must be unique within the event.', 'slot'),
    eventField('The event this session belongs to.', 'slot'),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      group: 'slot',
      description: 'What sort of slot this is. "Hallway" covers what the team saw between sessions.',
      options: {list: [...SESSION_KINDS], layout: 'radio', direction: 'horizontal'},
      initialValue: 'talk',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'startsAt',
      title: 'Starts at',
      type: 'datetime',
      group: 'slot',
      description:
        'When the session started, in the event’s local time: use the clock button to switch the input to the event’s time zone. It must fall within the event’s dates.',
      options: {allowTimeZoneSwitch: true},
      validation: (rule) => rule.required().custom(withinEvent),
    }),
    defineField({
      name: 'endsAt',
      title: 'Ends at',
      type: 'datetime',
      group: 'slot',
      description: 'When the session ended, in the event’s local time. It must be after the start and within the event’s dates.',
      options: {allowTimeZoneSwitch: true},
      validation: (rule) => rule.required().custom(endsAfterStart).custom(withinEvent),
    }),
    defineField({
      name: 'timesApproximate',
      title: 'Times are approximate',
      type: 'boolean',
      group: 'slot',
      description: 'Tick when the source gives no exact times: the site then shows them as approximate (“about 10:05”).',
      initialValue: false,
    }),
    defineField({
      name: 'partOf',
      title: 'Part of',
      type: 'reference',
      to: [{type: 'session'}],
      group: 'slot',
      description:
        'Optional. For a segment of a longer session, such as a guest slot in a keynote: the session it ran inside. Its times must lie inside that session’s.',
      options: {filter: sameEventFilter},
      validation: (rule) => rule.custom(insideParent),
    }),
    defineField({
      name: 'room',
      title: 'Room',
      type: 'string',
      group: 'slot',
      description: 'Optional. The room or stage, as the venue signs it. Two sessions in one room must not overlap.',
      validation: (rule) => [rule.max(80), rule.custom(roomIsFree).warning()],
    }),
    defineField({
      name: 'track',
      title: 'Track',
      type: 'string',
      group: 'slot',
      description: 'Optional. The programme track, e.g. "Containers".',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'guid',
      title: 'Calendar ID',
      type: 'string',
      group: 'slot',
      readOnly: true,
      description: 'Set automatically. Calendar apps use it to recognise this session across updates.',
      initialValue: () => crypto.randomUUID(),
      validation: (rule) => rule.required().custom((guid) => badCalendarId(guid) ?? true),
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'Plain text, at most 300 characters. Shown on cards, in search results and in link previews.',
      validation: (rule) => rule.required().max(300),
    }),
    defineField({
      name: 'notes',
      title: 'Notes',
      type: 'richText',
      group: 'content',
      description: 'What the team took away from the session. Say so here when times are approximate.',
    }),
    defineField({
      name: 'presenters',
      title: 'Presenters',
      type: 'array',
      group: 'content',
      description: 'Who presented. Use a team or company when no person was named.',
      of: [defineArrayMember({type: 'presenter'})],
    }),
    topicsField('content'),
    defineField({
      name: 'claims',
      title: 'Claims',
      type: 'array',
      group: 'facts',
      description: 'Figures stated in the session, each with who stated it.',
      of: [defineArrayMember({type: 'claim'})],
    }),
    defineField({
      name: 'links',
      title: 'Links',
      type: 'array',
      group: 'facts',
      description: 'Slides, recordings, project pages. Web addresses only.',
      of: [defineArrayMember({type: 'link'})],
    }),
  ],
  orderings: [{title: 'Start time', name: 'startsAtAsc', by: [{field: 'startsAt', direction: 'asc'}]}],
  preview: {
    select: {
      title: 'title',
      kind: 'kind',
      startsAt: 'startsAt',
      eventTitle: 'event.title',
      timeZone: 'event.timeZone',
    },
    prepare: ({title, kind, startsAt, eventTitle, timeZone}) => ({
      title,
      subtitle: [
        startsAt && timeZone && isTimeZone(timeZone) ? `${localDate(startsAt, timeZone)} ${localTime(startsAt, timeZone)}` : startsAt,
        titleOf(SESSION_KINDS, kind),
        eventTitle,
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
