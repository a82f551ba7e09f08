import {defineField, defineType} from 'sanity'

export const venue = defineType({
  name: 'venue',
  title: 'Venue',
  type: 'object',
  options: {columns: 3},
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The building or conference centre, e.g. "CCIB".',
      validation: (rule) => rule.required().max(120),
    }),
    defineField({
      name: 'streetAddress',
      title: 'Street address',
      type: 'string',
      description: 'Optional. Street and number, e.g. "Plaça de Willy Brandt 11-14". Search engines show it with the event.',
      validation: (rule) => rule.max(160),
    }),
    defineField({
      name: 'postalCode',
      title: 'Postal code',
      type: 'string',
      description: 'Optional. The postal code of the venue.',
      validation: (rule) => rule.max(20),
    }),
    defineField({
      name: 'city',
      title: 'City',
      type: 'string',
      description: 'The city the event took place in.',
      validation: (rule) => rule.required().max(80),
    }),
    defineField({
      name: 'country',
      title: 'Country',
      type: 'string',
      description: 'The country, written out in English, e.g. "Spain".',
      validation: (rule) => rule.required().max(80),
    }),
  ],
})
