// The shape of GET /api/status from the rebuild service (src/server/status.ts).
export type BuildReport = {result: 'ok' | 'failed'; id: string; finishedAt: string; durationMs: number; pages: number | null}
export type Status = {
  current: string | null
  building: boolean
  pending: boolean
  nextBuildAt: string | null
  lastBuild: BuildReport | null
  lastSuccess: BuildReport | null
  lastError: {message: string; stderrTail?: string; at: string} | null
  contentUpdatedAt: string | null
  leftOut?: LeftOut[]
}
export type LeftOut = {id: string; type: string; title: string | null; field: string; rule: string; problem: string; fix: string}

/** A failed build says so even while its retry waits: "Change waiting" would hide that the site is stale. */
export function badgeLabel(status: Status, build: BuildReport | null, live: boolean): string {
  if (status.building) return 'Building'
  if (build?.result === 'failed') return 'Failed'
  if (status.pending) return 'Change waiting'
  return live ? 'Live' : 'Needs attention'
}
