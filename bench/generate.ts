// Writes a synthetic Recap dataset in Sanity's import format (NDJSON + images/), at a chosen size.
// Usage: node bench/generate.ts --size S|M|L [--out bench/output/<size>]
//
// The same size always yields the same dataset (a seeded generator), so runs are comparable.
// Every document passes the Studio's validation (test/bench/generated-dataset.test.ts checks S).
import {mkdir, writeFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import sharp from 'sharp'
import {zonedTimeToUtc} from '../core/time.ts'

export type Size = {events: number; sessions: number; photos: number; demos: number; imageWidth?: number}

export const SIZES: Record<'S' | 'M' | 'L', Size> = {
  S: {events: 1, sessions: 12, photos: 12, demos: 4},
  M: {events: 20, sessions: 1000, photos: 300, demos: 100},
  L: {events: 100, sessions: 5000, photos: 1000, demos: 500},
}

const KINDS = ['keynote', 'talk', 'talk', 'talk', 'panel', 'workshop', 'hallway', 'social']
const TOPICS = ['multicloud', 'bare-metal', 'containers', 'gpu', 'hpc', 'big-data', 'unikernels', 'arm', 'ci-cd']
const ZONES = ['Europe/Madrid', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/London', 'UTC']
const WORDS =
  'cloud scale latency cluster storage network compute kernel image bare metal container scheduler GPU tenant region upgrade API operator edge'.split(
    ' ',
  )
// Photo shapes: landscape, wide, square-ish and portrait, as a phone or camera would give.
const RATIOS = [0.75, 0.5625, 0.66, 1, 1.33]

/** A small deterministic generator, so the same size always yields the same dataset. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

type Span = {_key: string; _type: 'span'; text: string; marks: string[]}
const span = (key: string, text: string, marks: string[] = []): Span => ({_key: key, _type: 'span', text, marks})
const ref = (id: string, key?: string) => ({...(key ? {_key: key} : {}), _type: 'reference', _ref: id})
const block = (key: string, children: Span[], extra: Record<string, unknown> = {}, markDefs: object[] = []) => ({
  _key: key,
  _type: 'block',
  style: 'normal',
  markDefs,
  children,
  ...extra,
})

/**
 * A JPEG with photo-like detail: blurred noise under a few shapes and a label. Flat colours would
 * compress to a few kilobytes and make image optimisation look far cheaper than with real photos.
 */
async function writeImage(file: string, width: number, height: number, hue: number, label: string, seed: number) {
  const noise = Buffer.allocUnsafe(width * height * 3)
  let state = seed >>> 0 || 1
  for (let index = 0; index < noise.length; index++) {
    state = (state * 1664525 + 1013904223) >>> 0
    noise[index] = state >>> 24
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue},45%,35%)" opacity="0.8"/>
    <circle cx="${width * 0.7}" cy="${height * 0.4}" r="${Math.min(width, height) * 0.25}" fill="hsl(${(hue + 60) % 360},55%,55%)"/>
    <rect x="${width * 0.1}" y="${height * 0.15}" width="${width * 0.3}" height="${height * 0.45}" fill="hsl(${(hue + 180) % 360},35%,65%)" opacity="0.7"/>
    <text x="5%" y="88%" font-family="sans-serif" font-size="${Math.round(height / 12)}" fill="#fff">${label}</text>
  </svg>`
  await sharp(noise, {raw: {width, height, channels: 3}})
    .blur(1.2)
    .composite([{input: Buffer.from(svg)}])
    .jpeg({quality: 82})
    .toFile(file)
}

/** Runs the tasks, `limit` at a time. */
async function inParallel(tasks: (() => Promise<void>)[], limit: number) {
  let next = 0
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]()
  }
  await Promise.all(Array.from({length: limit}, worker))
}

export async function generateDataset(outDir: string, size: Size): Promise<string> {
  const next = random(size.events * 7919 + size.sessions)
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]
  const sentence = (words: number) => {
    const text = Array.from({length: words}, () => pick(WORDS)).join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  await mkdir(join(outDir, 'images'), {recursive: true})
  const lines: object[] = []
  const events: object[] = []
  const images: (() => Promise<void>)[] = []
  const topicIds = TOPICS.map((slug) => `topic.${slug}`)
  for (const slug of TOPICS) {
    lines.push({
      _id: `topic.${slug}`,
      _type: 'topic',
      title: slug.replace('-', ' '),
      slug: {_type: 'slug', current: slug},
      description: sentence(14),
    })
  }

  for (let e = 0; e < size.events; e++) {
    const eventId = `event.e${e}`
    const zone = ZONES[e % ZONES.length]
    const start = new Date(Date.UTC(2016 + (e % 9), e % 12, 3 + (e % 20)))
    const dates = [0, 1, 2].map((offset) => new Date(start.getTime() + offset * 86400000).toISOString().slice(0, 10))
    const share = (total: number) => Math.floor(total / size.events) + (e < total % size.events ? 1 : 0)
    const sessionIds = Array.from({length: share(size.sessions)}, (_, s) => `session.e${e}-s${s}`)
    const sessionStarts = new Map<string, Date>()
    const photoIds = Array.from({length: share(size.photos)}, (_, p) => `photo.e${e}-p${p}`)
    const demoIds = Array.from({length: share(size.demos)}, (_, d) => `demo.e${e}-d${d}`)
    // Inline references in rich text point at documents of the same event, as editors would link them.
    const linkTargets = [...demoIds, ...photoIds]

    for (const [s, id] of sessionIds.entries()) {
      const date = dates[s % dates.length]
      const slot = Math.floor(s / dates.length)
      const minutes = 8 * 60 + ((slot * 20) % (13 * 60))
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`
      const startsAt = zonedTimeToUtc(date, time, zone)
      sessionStarts.set(id, startsAt)
      const target = linkTargets.length ? linkTargets[s % linkTargets.length] : null
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
        notes: [
          block(
            'n1',
            [
              span('a', `${sentence(25)} `),
              span('b', pick(WORDS), ['strong']),
              span('c', ` ${sentence(15)} `),
              span('d', 'See the slides', ['w1']),
              span('e', '. '),
              ...(target ? [span('f', 'The related coverage', ['i1']), span('g', ` ${sentence(10)}`)] : []),
            ],
            {},
            [
              {_key: 'w1', _type: 'link', href: `https://example.org/slides/${e}/${s}`},
              ...(target ? [{_key: 'i1', _type: 'internalLink', reference: ref(target)}] : []),
            ],
          ),
          block('n2', [span('t', sentence(12))], {style: 'h3'}),
          block('n3', [span('t', sentence(14))], {listItem: 'bullet', level: 1}),
          block('n4', [span('t', sentence(14)), span('u', ` ${pick(WORDS)}`, ['em'])], {listItem: 'bullet', level: 1}),
        ],
        presenters: [{_key: 'p1', _type: 'presenter', name: `Team ${s}`, organization: `Org ${e}`, role: 'Speaker'}],
        topics: [ref(pick(topicIds), 't1')],
        claims:
          s % 5 === 0
            ? [
                {
                  _key: 'c1',
                  _type: 'claim',
                  statement: `${s}% faster ${pick(WORDS)}`,
                  value: s,
                  unit: '%',
                  claimedBy: `Org ${e}`,
                  status: 'as-claimed',
                },
              ]
            : [],
        links: [{_key: 'l1', _type: 'link', kind: 'project', title: 'Project page', url: `https://example.org/${e}/${s}`}],
      })
    }

    for (const [p, id] of photoIds.entries()) {
      const width = size.imageWidth ?? 800 + Math.floor(next() * 17) * 100
      const height = Math.round(width * RATIOS[Math.floor(next() * RATIOS.length)])
      const file = `e${e}-p${p}.jpg`
      const hue = Math.floor(next() * 360)
      images.push(() => writeImage(join(outDir, 'images', file), width, height, hue, `Event ${e} photo ${p}`, e * 100003 + p))
      const day = dates[p % dates.length]
      lines.push({
        _id: id,
        _type: 'photo',
        image: {
          _type: 'image',
          _sanityAsset: `image@file://./images/${file}`,
          ...(p % 3 === 0
            ? {
                crop: {_type: 'sanity.imageCrop', top: 0.1, bottom: 0, left: 0.05, right: 0.05},
                hotspot: {_type: 'sanity.imageHotspot', x: 0.6, y: 0.4, width: 0.5, height: 0.5},
              }
            : {}),
        },
        alt: `A generated picture for event ${e}, number ${p}`,
        caption: `Generated picture ${p} of event ${e}.`,
        credit: 'Recap generator',
        license: 'CC0',
        // A photo of a session is taken while it runs, as the Studio's rules expect.
        takenAt: (sessionIds.length
          ? new Date(sessionStarts.get(sessionIds[p % sessionIds.length])!.getTime() + 10 * 60000)
          : zonedTimeToUtc(day, '12:00:00', zone)
        ).toISOString(),
        event: ref(eventId),
        ...(sessionIds.length ? {session: ref(sessionIds[p % sessionIds.length])} : {}),
        ...(demoIds.length && p % 4 === 1 ? {demo: ref(demoIds[p % demoIds.length])} : {}),
      })
    }

    for (const [d, id] of demoIds.entries()) {
      const atBooth = d % 2 === 1 || !sessionIds.length
      const photo = photoIds.length ? photoIds[d % photoIds.length] : null
      lines.push({
        _id: id,
        _type: 'demo',
        title: `Demo of ${sentence(3).slice(0, -1)} (${e}.${d})`,
        slug: {_type: 'slug', current: `d${d}`},
        event: ref(eventId),
        ...(atBooth ? {location: `Booth ${d}`} : {session: ref(sessionIds[d % sessionIds.length])}),
        presentedBy: `Org ${e}`,
        description: [
          block(
            'd1',
            [span('t', `${sentence(30)} `), ...(photo ? [span('u', 'A picture of it', ['i1']), span('v', '.')] : [])],
            {},
            photo ? [{_key: 'i1', _type: 'internalLink', reference: ref(photo)}] : [],
          ),
        ],
        technologies: ['OpenStack', pick(['Kubernetes', 'Ceph', 'Ironic', 'Zuul'])],
        topics: [ref(pick(topicIds), 't1')],
      })
    }

    // Each day's recap links to a session of that day and shows one of the event's photos.
    const days = dates.map((date, index) => {
      const session = sessionIds.find((_, s) => s % dates.length === index)
      const photo = photoIds[index % Math.max(photoIds.length, 1)]
      const recap = [
        block(
          'r1',
          [span('a', `${sentence(12)} `), span('b', 'The opening session', session ? ['m1'] : []), span('c', ` ${sentence(20)}`)],
          {},
          session ? [{_key: 'm1', _type: 'internalLink', reference: ref(session)}] : [],
        ),
        ...(photo ? [{_key: 'f1', _type: 'figure', photo: ref(photo)}] : []),
        block('r2', [span('a', sentence(30))]),
      ]
      return {_key: `d${index}`, _type: 'eventDay', date, label: `Day ${index + 1}`, recap}
    })
    events.push({
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
      ...(photoIds.length ? {coverPhoto: ref(photoIds[0])} : {}),
      days,
    })
  }
  // An unpublished edit, as real datasets have: the site must leave it out.
  if (size.sessions > 0) {
    const first = lines.find((line) => (line as {_type: string})._type === 'session') as {_id: string; title: string}
    lines.push({...first, _id: `drafts.${first._id}`, title: `${first.title} (draft)`})
  }
  await inParallel(images, Math.max(2, availableParallelism()))
  const file = join(outDir, 'production.ndjson')
  await writeFile(file, `${[...events, ...lines].map((line) => JSON.stringify(line)).join('\n')}\n`)
  return file
}

if (import.meta.main) {
  const {values} = parseArgs({options: {size: {type: 'string', default: 'S'}, out: {type: 'string'}}})
  const name = values.size!.toUpperCase() as keyof typeof SIZES
  if (!SIZES[name]) throw new Error(`Unknown size "${values.size}". Use S, M or L.`)
  const file = await generateDataset(resolve(values.out ?? `bench/output/${name}`), SIZES[name])
  console.log(`Wrote ${file}`)
}
