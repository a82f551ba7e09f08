// The Site status badge: the journey found a failed build shown as "Change waiting" while its retry was queued.
import {describe, expect, it} from 'vitest'
import {badgeLabel, relayLines, type BuildReport, type Status} from '../../studio/siteStatusLabel.ts'

const report = (result: BuildReport['result']): BuildReport => ({
  result,
  id: 'r1',
  startedAt: '2026-12-01T08:59:59Z',
  finishedAt: '2026-12-01T09:00:00Z',
  durationMs: 1000,
  pages: 3,
  error: null,
})
const status = (changes: Partial<Status>): Status => ({
  mode: 'build',
  current: 'r1',
  building: false,
  buildingSince: null,
  pending: false,
  nextBuildAt: null,
  consecutiveFailures: 0,
  releases: ['r1'],
  relay: null,
  leftOut: [],
  lastBuild: report('ok'),
  lastSuccess: report('ok'),
  lastError: null,
  contentUpdatedAt: null,
  ...changes,
})

describe('the Site status badge', () => {
  it('says "Failed" after a failed build, even while its retry waits', () => {
    expect(badgeLabel(status({lastBuild: report('failed'), pending: true}), report('failed'), false)).toBe('Failed')
  })
  it('says "Building" during a build, "Change waiting" before one, and "Live" once it is out', () => {
    expect(badgeLabel(status({building: true}), report('failed'), false)).toBe('Building')
    expect(badgeLabel(status({pending: true}), report('ok'), false)).toBe('Change waiting')
    expect(badgeLabel(status({}), report('ok'), true)).toBe('Live')
  })
})

// Relay mode: the service has no releases, only calls to a CI's or host's build hook.
describe('the Site status tool in relay mode', () => {
  const relayed = (lastCall: NonNullable<Status['relay']>['lastCall'], changes: Partial<Status> = {}): Status =>
    status({
      mode: 'relay',
      current: null,
      lastBuild: null,
      lastSuccess: null,
      relay: {
        kind: 'netlify',
        host: 'api.netlify.com',
        minIntervalMs: 60_000,
        lastCall,
        lastAcceptedAt: lastCall?.accepted ? lastCall.at : null,
        nextCallAt: null,
      },
      ...changes,
    })
  const accepted = {at: '2026-12-01T09:00:00Z', httpStatus: 200, accepted: true, durationMs: 120}
  const label = (value: Status) => badgeLabel(value, null, false)

  it('says what happened to the last call, never "Needs attention"', () => {
    expect(label(relayed(null))).toBe('No change sent yet')
    expect(label(relayed(accepted))).toBe('Sent for building')
    expect(label(relayed({...accepted, httpStatus: 500, accepted: false}))).toBe('Hook call failed')
    expect(label(relayed(accepted, {pending: true}))).toBe('Change waiting')
    expect(label(relayed(accepted, {building: true}))).toBe('Calling the build hook')
  })

  it('shows the last call and the next one, not releases or content dates', () => {
    const lines = relayLines(
      relayed(accepted, {pending: true, relay: {...relayed(accepted).relay!, nextCallAt: '2026-12-01T09:05:00Z'}}),
    ).join(' ')
    expect(lines).toContain('built and served by netlify (api.netlify.com)')
    expect(lines).toContain(
      `Last call to the build hook at ${new Date(accepted.at).toLocaleString()}: it answered HTTP 200, and the rebuild was accepted.`,
    )
    expect(lines).toContain(`Next call around ${new Date('2026-12-01T09:05:00Z').toLocaleString()}.`)
    expect(relayLines(relayed({...accepted, httpStatus: null, accepted: false})).join(' ')).toContain(
      'it did not answer, so the rebuild was not started',
    )
    expect(relayLines(relayed(null)).join(' ')).toContain('has not been called since the service started')
    expect(lines).not.toMatch(/none yet|never|Needs attention/)
  })
})
