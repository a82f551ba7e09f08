import {beforeAll, describe, expect, it} from 'vitest'
import {dayJsonLd, eventJsonLd, photoJsonLd, serializeJsonLd, sessionJsonLd} from '../../src/lib/exports/jsonld.ts'
import type {Site} from '../../src/lib/site.ts'
import {loadSample, loadWeekend, sessionBySlug, SITE} from './load.ts'

let sample: Site
let weekend: Site
beforeAll(async () => {
  ;[sample, weekend] = await Promise.all([loadSample(), loadWeekend()])
})

describe('JSON-LD', () => {
  it('JSON-LD escapes </script> in content', () => {
    const session = sessionBySlug(weekend, 'after-midnight')
    const json = serializeJsonLd(sessionJsonLd(session, SITE))
    expect(json).not.toMatch(/<\/script/i)
    expect(json).not.toContain('<')
    expect(serializeJsonLd({text: 'a\u2028b\u2029c'})).toBe('{"text":"a\\u2028b\\u2029c"}')
    expect(JSON.parse(json).description).toBe(session.summary)
  })

  it('the event JSON-LD has a subEvent per session', () => {
    const event = sample.events[0]
    const subEvent = eventJsonLd(event, SITE).subEvent as object[]
    expect(subEvent).toHaveLength(event.sessions.length)
    expect(subEvent[0]).toMatchObject({
      '@type': 'Event',
      name: 'Day 2 keynote: OpenStack in a multicloud world',
      startDate: '2016-10-26T09:00:00+02:00',
      endDate: '2016-10-26T10:30:00+02:00',
      url: 'https://recap.example/events/ossummit-barcelona-2016/sessions/keynote-multicloud/',
      performer: [{'@type': 'PerformingGroup', name: 'OpenStack Foundation'}],
    })
  })

  it('describes the event with its start and end with offset, full address, organiser and status', () => {
    expect(eventJsonLd(sample.events[0], SITE)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'OpenStack Summit Barcelona 2016',
      startDate: '2016-10-26T09:00:00+02:00',
      endDate: expect.stringMatching(/^2016-10-26T\d\d:\d\d:00\+02:00$/),
      organizer: {'@type': 'Organization', name: 'OpenStack Foundation', url: 'https://www.openstack.org/summit/barcelona-2016/'},
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location: {
        '@type': 'Place',
        name: 'Centre de Convencions Internacional de Barcelona (CCIB)',
        address: {
          '@type': 'PostalAddress',
          streetAddress: 'Plaça de Willy Brandt 11-14',
          postalCode: '08019',
          addressLocality: 'Barcelona',
          addressCountry: 'Spain',
        },
      },
      url: 'https://recap.example/events/ossummit-barcelona-2016/',
    })
    // Without sessions there is no time of day to give, so the dates stand.
    expect(eventJsonLd({...sample.events[0], sessions: []}, SITE)).toMatchObject({startDate: '2016-10-25', endDate: '2016-10-28'})
    // The embedded dataset serves originals on loopback; only the page's optimised image may be published.
    expect(eventJsonLd(sample.events[0], SITE)).not.toHaveProperty('image')
    expect(eventJsonLd(sample.events[0], SITE, 'https://recap.example/_astro/cover.webp').image).toBe(
      'https://recap.example/_astro/cover.webp',
    )
  })

  it('places a session in its room inside the venue, and links it to its event', () => {
    const data = sessionJsonLd(sessionBySlug(weekend, 'saturday-opening'), SITE)
    expect(data.location).toMatchObject({'@type': 'Place', name: 'Nave 16, Sala A', containedInPlace: {name: 'Matadero Madrid'}})
    expect(data.superEvent).toEqual({
      '@type': 'Event',
      name: 'Cloud Weekend Madrid 2016',
      url: 'https://recap.example/events/cloud-weekend-2016/',
    })
    expect(data['@context']).toBe('https://schema.org')
  })

  it('a day recap is a blog post based on the source coverage', () => {
    const event = sample.events[0]
    expect(dayJsonLd(event, event.days[1], SITE)).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'OpenStack Summit Barcelona 2016: Day 2: multicloud, bare metal and unikernels',
      datePublished: '2016-10-26',
      url: 'https://recap.example/events/ossummit-barcelona-2016/day-2/',
      about: {'@type': 'Event', name: 'OpenStack Summit Barcelona 2016'},
      author: {'@type': 'Organization', name: 'Recap'},
      isBasedOn: {
        '@type': 'CreativeWork',
        name: 'OpenStack Summit Barcelona: day 2 recap',
        url: 'https://blog.zhaw.ch/icclab/',
        publisher: {'@type': 'Organization', name: 'ICCLab, ZHAW'},
      },
    })
  })

  it('a licence that is not a URL becomes the copyright notice', () => {
    const photo = sample.photos[0]
    const event = sample.events[0]
    const data = photoJsonLd(photo, event, SITE, 'https://recap.example/_astro/photo.webp')
    expect(data).toMatchObject({
      '@type': 'ImageObject',
      contentUrl: 'https://recap.example/_astro/photo.webp',
      url: `https://recap.example/events/ossummit-barcelona-2016/photos/${photo.slug}/`,
      creditText: 'Illustration by Recap',
      creator: {'@type': 'Organization', name: 'Recap'},
      copyrightNotice: 'CC BY 4.0',
    })
    expect(data).not.toHaveProperty('license')
    const licensed = photoJsonLd({...photo, license: 'https://creativecommons.org/licenses/by/4.0/'}, event, SITE, 'x')
    expect(licensed).toMatchObject({license: 'https://creativecommons.org/licenses/by/4.0/'})
    expect(licensed).not.toHaveProperty('copyrightNotice')
  })
})
