// The Site status badge: the journey found a failed build shown as "Change waiting" while its retry was queued.
import {describe, expect, it} from 'vitest'
import {badgeLabel, type BuildReport, type Status} from '../../studio/siteStatusLabel.ts'

const report = (result: BuildReport['result']): BuildReport => ({result, id: 'r1', finishedAt: '2026-12-01T09:00:00Z', durationMs: 1000, pages: 3})
const status = (changes: Partial<Status>): Status => ({
  current: 'r1', building: false, pending: false, nextBuildAt: null, lastBuild: report('ok'), lastSuccess: report('ok'), lastError: null, contentUpdatedAt: null,
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
