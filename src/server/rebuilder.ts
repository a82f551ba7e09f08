// What the queue runs once triggers have settled: a local build and release swap (localRebuilder.ts),
// or a call to a CI or hosting deploy hook (relay.ts). main.ts wires either one to the same
// webhook, journal and queue.

import type {Job, Queue, QueueEvent, QueueState} from './queue.ts'
import type {Handler} from './serve.ts'
import type {Status} from './status.ts'

export interface Rebuilder {
  /** Extra fields for the service.listening log line. */
  describe: Record<string, unknown>
  /** Rejects unless the rebuild happened (builder) or was accepted by the hook (relay). */
  run(job: Job): Promise<void>
  /** Start time of the last accepted run: journal triggers accepted before it are covered. */
  coveredFrom(): number | null
  /** Why a run is due at start-up even with no pending trigger (null: none). */
  startupReason(): string | null
  status(queue: QueueState): Promise<Status>
  onQueueEvent(event: QueueEvent): void
  /** Least time between two runs (default 0). */
  minIntervalMs?: number
  retryDelayMs?(error: unknown): number | null
  /** Answers every request that is not an /api route. */
  site: Handler
  /** Called once the service listens; the builder starts its poller here. */
  start?(queue: Queue): void
  stop?(): void
}
