// An editor's journey through the production Studio build in Chromium, offline: every Sanity call goes to the
// Content Lake stand-in (test/helpers/lake/), which also records the exact actions the Studio sends.
// Each step asserts what the editor sees and what reached the Content Lake, and saves a screenshot.
import {readdirSync} from 'node:fs'
import {resolve} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {readNdjson} from '../../src/lib/content/ndjson.ts'
import {enforceRules} from '../../src/lib/content/enforce.ts'
import type {Doc} from '../../schemas/rules/types.ts'
import {startStudio, type StudioSession} from '../helpers/studio.ts'
import {DATASET_FILE, FIXTURES_DIR} from '../helpers/validate.ts'
import {EXPECTED, NO_ALT} from '../schema/invalid-fixtures.ts'
import {signedDelivery, startServiceProcess, tempDir, waitFor, writeControl, type ServiceProcess} from '../server/helpers.ts'
import {statusUrl} from '../../studio/env.ts'

const INVALID = resolve(FIXTURES_DIR, 'invalid')
const FIXTURES = readdirSync(INVALID)
  .filter((name) => name.endsWith('.ndjson'))
  .map((name) => resolve(INVALID, name))
const EVENT = 'event.ossummit-barcelona-2016'
const SECRET = 'studio-journey-secret'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let studio: StudioSession
const started = Date.now()
beforeAll(async () => void (studio = await startStudio([DATASET_FILE, ...FIXTURES])), 300_000)
afterAll(async () => {
  const unknown = [...new Set(studio?.lake.unknown ?? [])]
  if (unknown.length > 0) console.log(`Calls the Content Lake stand-in answered empty:\n  ${unknown.join('\n  ')}`)
  await studio?.close()
  console.log(`Studio journey: ${((Date.now() - started) / 1000).toFixed(1)} s including the build check`)
})
// Anything the Studio asked of /data/* that the stand-in did not understand fails the step that caused it.
afterEach(async ({task}) => {
  if (task.result?.state === 'fail') await studio.shot(`failed-${task.name.slice(0, 60).replace(/\W+/g, '-')}`)
  const problems = studio.lake.problems.splice(0)
  expect(problems, 'requests the Content Lake stand-in did not understand').toEqual([])
})

const list = (name: string) => studio.page.getByRole('listbox', {name, exact: true})
/** Waits for the Studio (it loads and listens asynchronously) to show what is expected. */
const eventually = <T>(value: () => Promise<T>) => expect.poll(value, {timeout: 15_000, interval: 100})
const optionTexts = async (name: string) =>
  (await list(name).getByRole('option').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())

describe('the desk', () => {
  it('lists Events first, then the flat lists', async () => {
    await studio.open('/structure')
    await eventually(() => optionTexts('Content')).toEqual(['Events', 'All sessions', 'All demos', 'All photos', 'Topics'])
    await studio.shot('01-desk')
  })

  it('opens an event onto its Sessions in start order, its Demos and its Photos', async () => {
    await studio.open(`/structure/events;${EVENT}`)
    await eventually(() => optionTexts('Event')).toEqual(['Details and day recaps', 'Sessions', 'Demos', 'Photos'])
    await studio.open(`/structure/events;${EVENT};sessions`)
    const sessions = (await readNdjson(DATASET_FILE))
      .filter((doc) => doc._type === 'session' && (doc.event as {_ref: string})._ref === EVENT)
      .sort((a, b) => String(a.startsAt).localeCompare(String(b.startsAt)))
      .map((doc) => doc.title as string)
    await eventually(async () => (await optionTexts('Sessions')).map((text) => sessions.find((title) => text.startsWith(title)))).toEqual(
      sessions,
    )
    await studio.shot('02-event-sessions')
  })

  it('shows each session’s start in the event’s zone (Europe/Madrid), not the browser’s (America/New_York)', async () => {
    // The keynote starts at 07:00 UTC: 09:00 in Barcelona, 03:00 in New York.
    const keynote = list('Sessions').getByRole('option', {name: /^Day 2 keynote/})
    await eventually(() => keynote.innerText()).toMatch(/2016-10-26 09:00 · Keynote · OpenStack Summit Barcelona 2016/)
  })
})

describe('a session', () => {
  it('opens with its field groups and the descriptions editors need', async () => {
    const {page} = studio
    await list('Sessions')
      .getByRole('option', {name: /^Crowdstar on Ironic/})
      .click()
    await list('Session').getByRole('option', {name: 'Session details'}).click()
    await eventually(() => page.getByRole('tab').allInnerTexts()).toEqual(['All fields', 'Slot', 'Coverage', 'Claims and links'])
    expect(await page.getByRole('tab', {name: 'Slot'}).getAttribute('aria-selected')).toBe('true')
    await page.getByText('When the session started, in the event’s local time').waitFor()
    await page.getByText('Set automatically. Calendar apps use it to recognise this session across updates.').waitFor()
    await studio.shot('03-session-slot')
    await page.getByRole('tab', {name: 'Coverage'}).click()
    await page.getByText('Plain text, at most 300 characters. Shown on cards, in search results and in link previews.').waitFor()
    await studio.shot('04-session-coverage')
  })
})

const seeded = new Map((await Promise.all([DATASET_FILE, ...FIXTURES].map((file) => readNdjson(file)))).flat().map((doc) => [doc._id, doc]))
const titleOf = (id: string) => String(seeded.get(id)?.title ?? seeded.get(id)?.caption ?? seeded.get(id)?.alt)

describe('validation', () => {
  const broken = Object.entries(EXPECTED).flatMap(([file, documents]) =>
    Object.entries(documents).map(([id, markers]) => ({file, id, messages: markers.map((marker) => marker.message)})),
  )
  it.each(broken)('shows $id ($file) with its own messages in the validation panel', async ({id, messages}) => {
    const {page} = studio
    const type = id.split('.')[0]!
    // An event opens onto its sessions, demos and photos; its own fields are one step further.
    await studio.navigate(type === 'event' ? `/structure/events;${id};detailsAndDayRecaps` : `/intent/edit/id=${id};type=${type}/`)
    await page
      .getByRole('heading', {name: titleOf(id), exact: true})
      .first()
      .waitFor()
    await page.getByRole('button', {name: 'Validation'}).click()
    const panel = page.getByRole('complementary').filter({has: page.getByRole('heading', {name: 'Validation'})})
    for (const message of messages) await panel.getByRole('button', {name: message}).first().waitFor()
    await studio.shot(`05-validation-${id}`)
  })
})

describe('editing', () => {
  const id = 'session.arm-openstack-linaro'
  it('creates a draft, with the edit the Studio sent', async () => {
    const {page, lake} = studio
    await studio.navigate(`/intent/edit/id=${id};type=session/`)
    await page.getByRole('textbox', {name: 'Room'}).fill('Hall 4')
    await eventually(async () => lake.store.get(`drafts.${id}`)?.room).toBe('Hall 4')
    const edits = lake.actions.flatMap((record) => record.actions).filter((action) => action.draftId === `drafts.${id}`)
    expect(edits.at(-1)).toEqual({
      actionType: 'sanity.action.document.edit',
      draftId: `drafts.${id}`,
      publishedId: id,
      patch: {set: {room: 'Hall 4'}},
    })
    expect(lake.store.get(id)?.room).toBeUndefined()
    await studio.shot('06-edited-draft')
  })
  it('publishes: the value moves to the published document and the draft is gone', async () => {
    const {page, lake} = studio
    const publishedRevision = lake.store.get(id)!._rev
    await page.getByTestId('action-publish').click()
    await eventually(async () => lake.store.get(id)?.room).toBe('Hall 4')
    expect(lake.store.get(`drafts.${id}`)).toBeNull()
    // The Studio guards the publish with the revision it last saw, so a change made meanwhile is not overwritten.
    expect(lake.lastAction('sanity.action.document.publish')).toEqual({
      actionType: 'sanity.action.document.publish',
      draftId: `drafts.${id}`,
      publishedId: id,
      ifPublishedRevisionId: publishedRevision,
    })
    await eventually(() => page.getByTestId('action-publish').isDisabled()).toBe(true)
    await studio.shot('07-published')
  })
})

const lastCreate = () =>
  studio.lake.lastAction('sanity.action.document.create') as {publishedId: string; attributes: Record<string, unknown>} | undefined
const reference = (id: string) => ({_type: 'reference', _ref: id})

describe('"+" in a list', () => {
  it('makes a session in that event, with a fresh calendar ID, from the event’s Sessions', async () => {
    const {page, lake} = studio
    await studio.navigate(`/structure/events;${EVENT};sessions`)
    await page.getByRole('link', {name: 'Session in this event'}).click()
    await page.getByRole('textbox', {name: 'Title'}).fill('Lightning talks')
    await eventually(async () => lastCreate()?.attributes._type).toBe('session')
    const {publishedId, attributes} = lastCreate()!
    expect(lake.lastAction('sanity.action.document.create')).toEqual({
      actionType: 'sanity.action.document.create',
      publishedId: expect.stringMatching(UUID),
      attributes: {
        _id: `drafts.${publishedId}`,
        _type: 'session',
        kind: 'talk',
        timesApproximate: false,
        guid: expect.stringMatching(UUID),
        event: reference(EVENT),
        _createdAt: expect.any(String),
        _rev: expect.any(String),
      },
      ifExists: 'fail',
    })
    const guids = [...seeded.values()].map((doc) => doc.guid)
    expect(guids).not.toContain(attributes.guid)
    await eventually(async () => lake.store.get(`drafts.${publishedId}`)?.title).toBe('Lightning talks')
    await studio.shot('08-new-session-in-event')
  })
  it('opens a new event onto its form from Events', async () => {
    const {page} = studio
    await studio.navigate('/structure/events')
    await page.locator('a[href*="/intent/create/template=event;type=event"]').first().click()
    await page.getByRole('textbox', {name: 'Title'}).fill('OpenStack Summit Boston 2017')
    await eventually(async () => lastCreate()?.attributes._type).toBe('event')
    expect(lastCreate()!.attributes).toMatchObject({_id: `drafts.${lastCreate()!.publishedId}`, _type: 'event'})
    await eventually(async () => studio.lake.store.get(`drafts.${lastCreate()!.publishedId}`)?.title).toBe('OpenStack Summit Boston 2017')
    await studio.shot('09-new-event')
  })
  it('makes a demo in that event from the event’s Demos', async () => {
    const {page} = studio
    await studio.navigate(`/structure/events;${EVENT};demos`)
    await page.getByRole('link', {name: 'Demo in this event'}).click()
    await page.getByRole('textbox', {name: 'Title'}).fill('Live migration on stage')
    await eventually(async () => lastCreate()?.attributes._type).toBe('demo')
    expect(lastCreate()!.attributes).toEqual({
      _id: `drafts.${lastCreate()!.publishedId}`,
      _type: 'demo',
      event: reference(EVENT),
      _createdAt: expect.any(String),
      _rev: expect.any(String),
    })
    await studio.shot('09-new-demo-in-event')
  })
  it('makes a photo of that session, in its event, from the session’s Photos', async () => {
    const {page} = studio
    await studio.navigate(`/structure/events;${EVENT};sessions;session.crowdstar-ironic;photosOfThisSession`)
    await page.getByRole('link', {name: 'Photo of this session'}).click()
    await page.getByRole('textbox', {name: 'Credit'}).fill('Recap')
    await eventually(async () => lastCreate()?.attributes._type).toBe('photo')
    expect(lastCreate()!.attributes).toEqual({
      _id: `drafts.${lastCreate()!.publishedId}`,
      _type: 'photo',
      kind: 'photograph',
      session: reference('session.crowdstar-ironic'),
      event: reference(EVENT),
      _createdAt: expect.any(String),
      _rev: expect.any(String),
    })
    await studio.shot('10-new-photo-of-session')
  })
})

describe('a photo upload', () => {
  it('makes the photo’s image, and the photo cannot be published until it has alt text', async () => {
    const {page, lake} = studio
    const draftId = `drafts.${lastCreate()!.publishedId}`
    await page.locator('input[type=file]').first().setInputFiles(resolve(INVALID, 'images/placeholder.jpg'))
    await eventually(async () => (lake.store.get(draftId)?.image as {asset?: {_ref: string}} | undefined)?.asset?._ref).toMatch(
      /^image-[0-9a-f]{40}-\d+x\d+-jpg$/,
    )
    const publish = page.getByTestId('action-publish')
    await eventually(() => publish.isDisabled()).toBe(true)
    await page.getByRole('button', {name: 'Validation'}).click()
    await page.getByRole('complementary').getByRole('button', {name: NO_ALT}).waitFor()
    await studio.shot('11-uploaded-without-alt')
    await page.getByRole('textbox', {name: 'Alt text'}).fill('Slide with Crowdstar’s bare-metal figures')
    await eventually(() => publish.isDisabled()).toBe(false)
    await publish.click()
    await eventually(async () => lake.store.get(draftId.replace('drafts.', ''))?.alt).toBe('Slide with Crowdstar’s bare-metal figures')
    await studio.shot('12-photo-published')
  })
})

describe('deleting', () => {
  const id = 'session.crowdstar-ironic'
  it('a session that photos refer to is warned about, naming the photo, and the Content Lake refuses it', async () => {
    const {page, lake} = studio
    await studio.navigate(`/intent/edit/id=${id};type=session/`)
    await page.getByRole('heading', {name: titleOf(id), level: 2}).waitFor()
    // The actions menu opens once the document has loaded; a click before that is lost.
    const remove = page.getByRole('menuitem', {name: 'Delete'})
    await eventually(async () => {
      if (!(await remove.isVisible())) await page.getByRole('button', {name: 'Open document actions'}).click()
      return remove.isEnabled({timeout: 1_000}).catch(() => false)
    }).toBe(true)
    await remove.click()
    const dialog = page.getByRole('dialog', {name: 'Delete document?'})
    await dialog.getByText(/^\d+ documents refer to “Crowdstar on Ironic: bare metal alongside containers”$/).waitFor()
    // The dialog names the photo as the Studio's lists do: by its short title.
    await dialog
      .getByRole('link', {name: titleOf('photo.crowdstar-ironic-card')})
      .first()
      .waitFor()
    await studio.shot('13-delete-warned')
    await dialog.getByRole('button', {name: 'Delete anyway'}).click()
    await eventually(async () => lake.actions.at(-1)?.status).toBe(409)
    expect(lake.actions.at(-1)).toMatchObject({actions: [{actionType: 'sanity.action.document.delete', publishedId: id}], status: 409})
    expect(lake.actions.at(-1)?.error).toMatch(/references to it from .*photo\.crowdstar-ironic-card/)
    expect(lake.store.get(id)).not.toBeNull()
    await page.getByText('An error occurred while attempting to delete this document.').waitFor()
    await studio.shot('14-delete-refused')
  })
})

describe('the Site status tool', () => {
  let service: ServiceProcess
  let tmp: {dir: string; remove(): Promise<void>}
  const control = () => resolve(tmp.dir, 'control.json')
  const status = async () =>
    (await fetch(`${service.url}/api/status`)).json() as Promise<{
      building: boolean
      lastBuild: {result: string} | null
      leftOut: unknown[]
    }>
  beforeAll(async () => {
    tmp = await tempDir('recap-studio-status-')
    await writeControl(control(), {label: 'first'})
    service = await startServiceProcess({
      SANITY_WEBHOOK_SECRET: SECRET,
      RECAP_RELEASES_DIR: resolve(tmp.dir, 'releases'),
      RECAP_QUIET_MS: '50',
      RECAP_MAX_WAIT_MS: '500',
      RECAP_RETRY_MIN_MS: '60000',
      FAKE_BUILD_CONTROL: control(),
      FAKE_BUILD_LOG: resolve(tmp.dir, 'builds.ndjson'),
    })
    // The Studio asks the URL it was built with; the browser hands that request to the running service.
    await studio.page.route(statusUrl, async (route) => route.fulfill({response: await route.fetch({url: `${service.url}/api/status`})}))
  })
  afterAll(async () => {
    await service?.stop()
    await tmp?.remove()
  })
  const deliver = async () => {
    const delivery = await signedDelivery(JSON.stringify({_id: 'session.crowdstar-ironic', _type: 'session'}), SECRET)
    expect((await fetch(`${service.url}/api/rebuild`, {method: 'POST', ...delivery})).status).toBe(202)
  }
  const showTool = async () => {
    await studio.navigate('/structure')
    await studio.navigate('/site-status')
    await studio.page.getByRole('heading', {name: 'Site status'}).waitFor()
  }

  it('shows "Live" once the first build is out', async () => {
    await waitFor(async () => (await status()).lastBuild?.result === 'ok', {what: 'the first build'})
    await showTool()
    await studio.page.getByText('Live', {exact: true}).waitFor()
    await studio.page.getByText(/^Last build succeeded at/).waitFor()
    await studio.shot('15-site-status-live')
  })
  it('shows "Building" while a rebuild runs', async () => {
    // Long enough for the tool to load while the build runs, on a busy machine too.
    await writeControl(control(), {label: 'second', sleepMs: 10_000})
    await deliver()
    await waitFor(async () => (await status()).building, {what: 'the rebuild to start'})
    await showTool()
    await studio.page.getByText('Building', {exact: true}).waitFor()
    await studio.shot('16-site-status-building')
  })
  it('lists the documents the live release left out, each with its problem and fix', async () => {
    // What the build writes for the fixture's photos without alt text (src/integrations/recap.ts).
    const {leftOut} = enforceRules((await readNdjson(resolve(INVALID, 'photo-without-alt.ndjson'))) as Doc[])
    expect(leftOut.map((entry) => entry.id).sort()).toEqual(['photo.with-empty-alt', 'photo.without-alt'])
    await waitFor(async () => !(await status()).building, {what: 'the rebuild to finish', timeoutMs: 30_000})
    await writeControl(control(), {label: 'third', leftOut})
    await deliver()
    await waitFor(async () => (await status()).leftOut.length === 2, {what: 'the release with left-out documents', timeoutMs: 30_000})
    await showTool()
    const {page} = studio
    await page.getByText('Left out of the site (2 documents)').waitFor()
    await page.getByText('(photo photo.without-alt, field alt)').waitFor()
    await page.getByText('(photo photo.with-empty-alt, field alt)').waitFor()
    expect(await page.getByText(NO_ALT, {exact: true}).count()).toBe(2)
    expect(await page.getByText(`Fix: ${leftOut[0]!.fix}`, {exact: true}).count()).toBe(2)
    await studio.shot('17-site-status-left-out')
  })
  it('shows a failed build with its error', async () => {
    await writeControl(control(), {fail: 'Astro could not render /events/'})
    await waitFor(async () => !(await status()).building, {what: 'the rebuild to finish', timeoutMs: 30_000})
    await deliver()
    await waitFor(async () => (await status()).lastBuild?.result === 'failed', {what: 'the failing build', timeoutMs: 30_000})
    await showTool()
    await studio.page.getByText('Failed', {exact: true}).waitFor()
    await studio.page.getByText(/^Last build failed at/).waitFor()
    await studio.page.getByText('build command exited with code 1').waitFor()
    await studio.page.getByText(/^Next build starts around/).waitFor()
    await studio.shot('18-site-status-failed')
  })
})
