// The shape of GET /api/status is the rebuild service's own (src/server/status.ts); the Studio only reads it.
import type {BuildReport, RelayStatus, Status} from '../src/server/status.ts'
import type {LeftOut} from '../src/lib/content/enforce.ts'

export type {BuildReport, LeftOut, RelayStatus, Status}

/** A failed build says so even while its retry waits: "Change waiting" would hide that the site is stale. */
export function badgeLabel(status: Status, build: BuildReport | null, live: boolean): string {
  if (status.mode === 'relay') return relayLabel(status)
  if (status.building) return 'Building'
  if (build?.result === 'failed') return 'Failed'
  if (status.pending) return 'Change waiting'
  return live ? 'Live' : 'Needs attention'
}

/** In relay mode the service only knows how its calls to the build hook went, not what the site shows. */
function relayLabel(status: Status): string {
  const call = status.relay?.lastCall
  if (status.building) return 'Calling the build hook'
  if (call && !call.accepted) return 'Hook call failed'
  if (status.pending) return 'Change waiting'
  return call ? 'Sent for building' : 'No change sent yet'
}

const when = (iso: string) => new Date(iso).toLocaleString()

/** What the relay did and will do, in sentences for editors. */
export function relayLines(status: Status): string[] {
  const relay = status.relay
  if (!relay) return []
  const call = relay.lastCall
  const answer = call?.httpStatus == null ? 'did not answer' : `answered HTTP ${call.httpStatus}`
  return [
    `The site is built and served by ${relay.kind} (${relay.host}); this service asks it to rebuild.`,
    call
      ? `Last call to the build hook at ${when(call.at)}: it ${answer}, ${call.accepted ? 'and the rebuild was accepted' : 'so the rebuild was not started'}.`
      : 'The build hook has not been called since the service started.',
    relay.nextCallAt
      ? `Next call around ${when(relay.nextCallAt)}.`
      : status.pending
        ? 'A published change waits for the next call.'
        : 'No call waiting: every published change has been sent.',
  ]
}
