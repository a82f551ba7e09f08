import {getRssString} from '@astrojs/rss'
import {beforeAll, describe, expect, it} from 'vitest'
import {FEED, feedItems} from '../../src/lib/exports/rss.ts'
import type {Site} from '../../src/lib/site.ts'
import {loadSample, loadWeekend, SITE} from './load.ts'

let sample: Site
let weekend: Site
beforeAll(async () => {
  ;[sample, weekend] = await Promise.all([loadSample(), loadWeekend()])
})

describe('RSS feed', () => {
  it('lists each day recap with content and every session, newest first', () => {
    const items = feedItems(sample, SITE)
    const recaps = sample.events[0].days.filter((day) => day.recap)
    expect(items).toHaveLength(recaps.length + sample.sessions.length)
    const dates = items.map((item) => (item.pubDate as Date).getTime())
    expect(dates).toEqual([...dates].sort((a, b) => b - a))
  })

  it('dates a day recap at the end of that day in the event zone', () => {
    const item = feedItems(sample, SITE).find((candidate) => candidate.title?.endsWith('Day 2: multicloud, bare metal and unikernels'))
    expect(item).toMatchObject({
      title: 'OpenStack Summit Barcelona 2016: Day 2: multicloud, bare metal and unikernels',
      link: 'https://recap.example/events/ossummit-barcelona-2016/day-2/',
    })
    expect((item!.pubDate as Date).toISOString()).toBe('2016-10-26T21:59:59.000Z')
    expect(item!.description).toMatch(/^The second morning belonged to a keynote on multicloud/)
    expect(item!.description!.length).toBeLessThanOrEqual(280)
  })

  it('links a session to its page with its summary', () => {
    const item = feedItems(weekend, SITE).find((candidate) => candidate.title === 'Monday closing')
    expect(item).toMatchObject({
      link: 'https://recap.example/events/cloud-weekend-2016/sessions/monday-closing/',
      description: 'Closing words.',
    })
  })

  it('renders a channel called Recap with escaped content', async () => {
    const xml = await getRssString({...FEED, site: SITE, items: feedItems(weekend, SITE)})
    expect(xml).toContain('<title>Recap</title>')
    expect(xml).toContain('<description>Conference coverage</description>')
    expect(xml).not.toContain('</script><script>')
  })
})
