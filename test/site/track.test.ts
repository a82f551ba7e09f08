// What a page reads while it renders decides which pages an incremental build renders again, so
// every read that reaches a document's content must note that document, however deep it is.
import {describe, expect, it} from 'vitest'
import {recordReads, tracked, trackDocuments, untracked} from '../../src/lib/incremental/track.ts'

function sampleGraph() {
  const event = {_id: 'event.a', title: 'Summit', days: [{date: '2016-10-26', label: {text: 'Day 2'}}]}
  const topic = {_id: 'topic.k', title: 'Kubernetes'}
  const session = {
    _id: 'session.s',
    title: 'Keynote',
    event,
    body: [{_type: 'block', children: [{_type: 'span', text: 'Welcome', marks: ['m1']}], markDefs: [{_key: 'm1', topic}]}],
    startsAt: new Date('2016-10-26T07:00:00Z'),
  }
  const graph = {sessions: [session], events: [event], topics: new Map([['topic.k', topic]])}
  trackDocuments(graph, [event, topic, session])
  return tracked(graph, '#graph')
}

const reads = async (read: () => unknown) => [...(await recordReads(async () => read())).read].sort()

describe('reads while a page renders', () => {
  it('note the document whose rich text is read, however deep', async () => {
    const session = sampleGraph().sessions[0]
    expect(await reads(() => session.body[0].children[0].text)).toEqual(['session.s'])
  })

  it('note a document reached from inside another one, and the way there', async () => {
    const session = sampleGraph().sessions[0]
    expect(await reads(() => (session.body[0].markDefs[0] as {topic: {title: string}}).topic.title)).toEqual(['session.s', 'topic.k'])
    expect(await reads(() => session.event.days[0].label.text)).toEqual(['event.a', 'session.s'])
  })

  it('note nothing for an identity check, and the list for a lookup in it', async () => {
    const site = sampleGraph()
    // (A boolean, not the session: an async callback's result is read for `then`, which counts as a read.)
    expect(await reads(() => site.sessions.some((one) => one._id === 'session.s'))).toEqual(['#graph'])
    expect(await reads(() => site.topics.get('topic.k')?.title)).toEqual(['#graph', 'topic.k'])
  })

  it('hand out content without documents as it is, and keep wrapping what leads to one', () => {
    const session = sampleGraph().sessions[0]
    expect(untracked(session.body[0].children)).toBe(session.body[0].children)
    expect(session.startsAt.getUTCHours()).toBe(7)
    expect(untracked(session.body[0].markDefs)).not.toBe(session.body[0].markDefs)
  })
})

// Iterating a Map hands out its values unwrapped: such a read would go unnoted, so it must fail loudly.
describe('reads the tracker cannot see', () => {
  const topics = () => sampleGraph().topics
  const advice = /hands out documents without noting them.*Look each one up with get\(id\), or iterate one of the graph's lists/

  it.each([
    ['forEach()', () => topics().forEach(() => {})],
    ['values()', () => topics().values()],
    ['entries()', () => topics().entries()],
    ['keys()', () => topics().keys()],
  ])('throw for %s on a tracked Map, saying what to use instead', (method, read) => {
    expect(read).toThrow(new RegExp(`read with ${method.replace(/[()]/g, '\\$&')}, which ${advice.source}`))
  })

  it('throw for for…of and spreading over a tracked Map', () => {
    expect(() => {
      for (const entry of topics()) void entry
    }).toThrow(advice)
    expect(() => [...topics()]).toThrow(/for…of or spreading/)
    expect(() => new Map(topics())).toThrow(advice)
  })

  it('still allow get, has and size', async () => {
    const map = topics()
    expect(map.has('topic.k')).toBe(true)
    expect(map.size).toBe(1)
    expect(await reads(() => map.get('topic.k')?.title)).toEqual(['#graph', 'topic.k'])
  })
})
