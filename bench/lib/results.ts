// The shape of bench/output/results.json.
import type {BurstResult} from '../burst.ts'
import type {SizeMeasure} from '../buildScaling.ts'
import type {LighthouseResult} from '../lighthouse.ts'
import type {PreviewFreshness} from '../preview.ts'
import type {QueriesResult} from '../queries.ts'
import type {ServingResult} from '../serving.ts'
import type {PublishResult} from '../publish.ts'
import type {WarmResult} from '../warm.ts'
import type {WeightResult} from '../weight.ts'
import type {SizeName} from './paths.ts'

export type Skipped = {skipped: string}

export type Machine = {cpus: number; cpuModel: string; memoryGb: number; node: string; astro: string; platform: string}

export type DatasetInfo = {size: SizeName; documents: number; photos: number; imageBytes: number; generatedMs: number | null}

export type Check = {
  id: string
  title: string
  target: string
  measured: string
  /** null: not measured in this run. */
  pass: boolean | null
  /** Checked by `--quick` (CI), where a failure or a missing measurement fails the run. */
  enforced: boolean
}

export type Results = {
  version: 1
  /** The commit measured, "+changes" when the site's files differed from it. */
  commit: string
  mode: 'quick' | 'full'
  startedAt: string
  durationMs: number
  machine: Machine
  sizes: SizeName[]
  datasets: DatasetInfo[]
  builds: SizeMeasure[]
  queries: QueriesResult
  /** ms per page at L over ms per page at M (null unless both were built). */
  msPerPageRatioML: number | null
  /** One warm rebuild per size, each right after that size's cold build. */
  warm: WarmResult[] | Skipped
  publish: PublishResult[] | Skipped
  burst: BurstResult | Skipped
  /** The size whose build was weighed, audited and served (the largest in the run). */
  siteSize: SizeName
  weight: WeightResult | Skipped
  lighthouse: LighthouseResult | Skipped
  serving: ServingResult | Skipped
  /** Draft preview freshness at each size (absent from results of older runs). */
  preview?: PreviewFreshness[] | Skipped
  checks: Check[]
  errors: {step: string; message: string}[]
  warnings: string[]
}

export const isSkipped = (value: object): value is Skipped => 'skipped' in value
