// Writes a synthetic Recap dataset in Sanity's import format (NDJSON + images/), at a chosen size.
// Usage: node bench/generate.ts --size S|M|L [--out bench/output/<size>]
import {mkdir, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import sharp from 'sharp'
import {zonedTimeToUtc} from '../src/lib/time.ts'

export type Size = {events: number; sessions: number; photos: number; demos: number; imageWidth?: number}

export const SIZES: Record<'S' | 'M' | 'L', Size> = {
  S: {events: 1, sessions: 12, photos: 12, demos: 4},
  M: {events: 20, sessions: 1000, photos: 300, demos: 100},
  L: {events: 100, sessions: 5000, photos: 1000, demos: 500},
}

const KINDS = ['keynote', 'talk', 'talk', 'talk', 'panel', 'workshop', 'hallway', 'social']
const TOPICS = ['multicloud', 'bare-metal', 'containers', 'gpu', 'hpc', 'big-data', 'unikernels', 'arm', 'ci-cd']
const ZONES = ['Europe/Madrid', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/London', 'UTC']
const WORDS = 'cloud scale latency cluster storage network compute kernel image bare metal container scheduler GPU tenant region upgrade API operator edge'.split(' ')

/** A small deterministic generator, so the same size always yields the same dataset. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const span = (key: string, text: string, marks: string[] = []) => ({_key: key, _type: 'span', text, marks})
const ref = (id: string, key?: string) => ({...(key ? {_key: key} : {}), _type: 'reference', _ref: id})

async function writeImage(file: string, width: number, height: number, hue: number, label: string) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue},45%,35%)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.4}" r="${Math.min(width, height) * 0.25}" fill="hsl(${(hue + 60) % 360},55%,55%)"/>
    <text x="5%" y="85%" font-family="sans-serif" font-size="${Math.round(height / 10)}" fill="#fff">${label}</text>
  </svg>`
  await sharp(Buffer.from(svg)).jpeg({quality: 80}).toFile(file)
}

export async function generateDataset(outDir: string, size: Size): Promise<string> {
  const next = random(size.events * 7919 + size.sessions)
  const pick = <T,>(list: T[]) => list[Math.floor(next() * list.length)]
  const sentence = (words: number) => {
    const text = Array.from({length: words}, () => pick(WORDS)).join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  await mkdir(join(outDir, 'images'), {recursive: true})
  const lines: object[] = []
  const topicIds = TOPICS.map((slug) => `topic.${slug}`)
  for (const slug of TOPICS) {
    lines.push({_id: `topic.${slug}`, _type: 'topic', title: slug.replace('-', ' '), slug: {_type: 'slug', current: slug}})
  }

  for (let e = 0; e < size.events; e++) {
    const eventId = `event.e${e}`
    const zone = ZONES[e % ZONES.length]
    const start = new Date(Date.UTC(2016 + (e % 9), e % 12, 3 + (e % 20)))
    const dates = [0, 1, 2].map((offset) => new Date(start.getTime() + offset * 86400000).toISOString().slice(0, 10))
    const sessionCount = Math.floor(size.sessions / size.events) + (e < size.sessions % size.events ? 1 : 0)
    const photoCount = Math.floor(size.photos / size.events) + (e < size.photos % size.events ? 1 : 0)
    const demoCount = Math.floor(size.demos / size.events) + (e < size.demos % size.events ? 1 : 0)
    const sessionIds: string[] = []
    const photoIds: string[] = []

    for (let s = 0; s < sessionCount; s++) {
      const id = `session.e${e}-s${s}`
      sessionIds.push(id)
      const date = dates[s % dates.length]
      const slot = Math.floor(s / dates.length)
      const minutes = 8 * 60 + ((slot * 20) % (13 * 60))
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
      const startsAt = zonedTimeToUtc(date, time, zone)
      lines.push({
        _id: id,
        _type: 'session',
        title: `${sentence(4).slice(0, -1)} (${e}.${s})`,
        slug: {_type: 'slug', current: `s${s}`},
        event: ref(eventId),
        kind: pick(KINDS),
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 40 * 60000).toISOString(),
        guid: `00000000-0000-4000-8000-${String(e * 100000 + s).padStart(12, '0')}`,
        summary: sentence(18),
        notes: [{_key: 'n1', _type: 'block', style: 'normal', markDefs: [], children: [span('t', sentence(40))]}],
        presenters: [{_key: 'p1', _type: 'presenter', name: `Team ${s}`, organization: `Org ${e}`, role: 'Speaker'}],
        topics: [ref(pick(topicIds), 't1')],
        claims: s % 5 === 0 ? [{_key: 'c1', _type: 'claim', statement: `${s}% faster ${pick(WORDS)}`, value: s, unit: '%', claimedBy: `Org ${e}`, status: 'as-claimed'}] : [],
        links: [{_key: 'l1', _type: 'link', kind: 'project', title: 'Project page', url: `https://example.org/${e}/${s}`}],
      })
    }
    for (let p = 0; p < photoCount; p++) {
      const id = `photo.e${e}-p${p}`
      photoIds.push(id)
      const width = size.imageWidth ?? 800 + Math.floor(next() * 8) * 100
      const height = Math.round(width * (0.5 + next() * 0.5))
      const file = `e${e}-p${p}.jpg`
      await writeImage(join(outDir, 'images', file), width, height, Math.floor(next() * 360), `Event ${e} photo ${p}`)
      lines.push({
        _id: id,
        _type: 'photo',
        image: {_type: 'image', _sanityAsset: `image@file://./images/${file}`, ...(p % 3 === 0 ? {crop: {_type: 'sanity.imageCrop', top: 0.1, bottom: 0, left: 0.05, right: 0.05}, hotspot: {_type: 'sanity.imageHotspot', x: 0.6, y: 0.4, width: 0.5, height: 0.5}} : {})},
        alt: `A generated picture for event ${e}, number ${p}`,
        caption: `Generated picture ${p} of event ${e}.`,
        credit: 'Recap generator',
        license: 'CC0',
        event: ref(eventId),
        ...(sessionIds.length ? {session: ref(sessionIds[p % sessionIds.length])} : {}),
      })
    }
    for (let d = 0; d < demoCount; d++) {
      const atBooth = d % 2 === 1 || !sessionIds.length
      lines.push({
        _id: `demo.e${e}-d${d}`,
        _type: 'demo',
        title: `Demo of ${sentence(3).slice(0, -1)} (${e}.${d})`,
        slug: {_type: 'slug', current: `d${d}`},
        event: ref(eventId),
        ...(atBooth ? {location: `Booth ${d}`} : {session: ref(sessionIds[d % sessionIds.length])}),
        presentedBy: `Org ${e}`,
        description: [{_key: 'd1', _type: 'block', style: 'normal', markDefs: [], children: [span('t', sentence(30))]}],
        technologies: ['OpenStack'],
        topics: [ref(pick(topicIds), 't1')],
      })
    }
    const recap = [
      {
        _key: 'r1',
        _type: 'block',
        style: 'normal',
        markDefs: sessionIds.length ? [{_key: 'm1', _type: 'internalLink', reference: ref(sessionIds[0])}] : [],
        children: [span('a', `${sentence(12)} `), span('b', 'The opening session', sessionIds.length ? ['m1'] : []), span('c', ` ${sentence(20)}`)],
      },
      ...(photoIds.length ? [{_key: 'f1', _type: 'figure', photo: ref(photoIds[0])}] : []),
    ]
    lines.unshift({
      _id: eventId,
      _type: 'event',
      title: `Generated Summit ${e}`,
      slug: {_type: 'slug', current: `summit-${e}`},
      series: 'Generated Summit',
      startDate: dates[0],
      endDate: dates[2],
      timeZone: zone,
      venue: {_type: 'venue', name: `Hall ${e}`, city: 'Testville', country: 'Nowhere'},
      summary: sentence(25),
      days: dates.map((date, index) => ({_key: `d${index}`, _type: 'eventDay', date, label: `Day ${index + 1}`, ...(index === 1 ? {recap} : {})})),
    })
  }
  const file = join(outDir, 'production.ndjson')
  await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`)
  return file
}

if (import.meta.main) {
  const {values} = parseArgs({options: {size: {type: 'string', default: 'S'}, out: {type: 'string'}}})
  const name = values.size!.toUpperCase() as keyof typeof SIZES
  if (!SIZES[name]) throw new Error(`Unknown size "${values.size}". Use S, M or L.`)
  const file = await generateDataset(resolve(values.out ?? `bench/output/${name}`), SIZES[name])
  console.log(`Wrote ${file}`)
}
