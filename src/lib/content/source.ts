import {createClient} from '@sanity/client'
import {SANITY_API_VERSION} from '../../../core/sanityApi.ts'
import {resolve} from 'node:path'
import {evaluateSync, parse} from 'groq-js'
import {loadEmbeddedDataset, type EmbeddedOptions} from './embedded.ts'
import {ContentError} from './errors.ts'
import type {RawDocument} from './ndjson.ts'
import type {Perspective} from './perspective.ts'

/** Where GROQ queries run: the embedded dataset or a Sanity project's Content Lake. */
export interface ContentSource {
  readonly description: string
  fetch<T>(query: string, params?: Record<string, unknown>): Promise<T>
}

export const API_VERSION = SANITY_API_VERSION
export const DEFAULT_DATASET_FILE = 'dataset/production.ndjson'

/** Runs queries with groq-js over an NDJSON dataset, loaded once. */
export function embeddedSource(file: string, options: EmbeddedOptions = {}): ContentSource {
  let run: Promise<QueryRunner> | undefined
  return {
    description: `embedded dataset ${file}`,
    async fetch<T>(query: string, params: Record<string, unknown> = {}) {
      run ??= loadEmbeddedDataset(resolve(file), options).then(queryRunner)
      return (await run)(query, params) as T
    },
  }
}

export type QueryRunner = (query: string, params?: Record<string, unknown>) => unknown

/**
 * Answers GROQ over documents in memory. References resolve through an index by `_id` (groq-js
 * alone scans the whole dataset for each `->`), and evaluation is synchronous, since awaiting
 * every document of an in-memory array only costs time. The results are groq-js's own.
 */
export function queryRunner(dataset: RawDocument[]): QueryRunner {
  const byId = new Map(dataset.map((document) => [document._id, document]))
  const dereference = ({_ref}: {_ref: string}) => byId.get(_ref) ?? null
  return (query, params = {}) => evaluateSync(parse(query, {params}), {dataset, params, dereference}).get()
}

export type LakeConfig = {projectId: string; dataset: string; token?: string; apiHost?: string; perspective?: Perspective}

/** A client for the Content Lake: live data, the published perspective unless told, no CDN. */
export function lakeClient(config: LakeConfig) {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    token: config.token,
    apiHost: config.apiHost,
    // A custom host (a proxy or a local stand-in) is addressed directly, not as <projectId>.<host>.
    useProjectHostname: !config.apiHost,
    apiVersion: API_VERSION,
    useCdn: false,
    perspective: config.perspective ?? 'published',
  })
}

/** Runs queries against Sanity's Content Lake: live data, the published perspective unless told, no CDN. */
export function lakeSource(config: LakeConfig): ContentSource {
  const client = lakeClient(config)
  const host = config.apiHost ? new URL(config.apiHost).host : `${config.projectId}.api.sanity.io`
  return {
    description: `Sanity project ${config.projectId}, dataset ${config.dataset}`,
    async fetch<T>(query: string, params: Record<string, unknown> = {}) {
      try {
        return await client.fetch<T>(query, params)
      } catch (error) {
        const status = (error as {statusCode?: number}).statusCode
        const cause = errorCode(error)
        const problem = status
          ? `answered HTTP ${status}`
          : `could not be reached (${cause ?? ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message})`
        throw new ContentError(
          `The Sanity API at ${host} ${problem} for dataset "${config.dataset}". Check SANITY_PROJECT_ID, SANITY_DATASET and SANITY_API_READ_TOKEN.`,
        )
      }
    },
  }
}

/** The first system error code (ECONNREFUSED, ENOTFOUND…) along an error's chain of causes. */
function errorCode(error: unknown): string | undefined {
  for (
    let current = error as {code?: unknown; cause?: unknown; errors?: unknown[]} | undefined;
    current;
    current = current.cause as typeof current
  ) {
    if (typeof current.code === 'string' && /^E[A-Z]+$/.test(current.code)) return current.code
    const inner = current.errors?.map(errorCode).find(Boolean)
    if (inner) return inner
  }
  return undefined
}

/** Picks the source from the environment: Sanity when SANITY_PROJECT_ID is set, else the embedded dataset. */
export function sourceFromEnv(env: NodeJS.ProcessEnv = process.env, options: EmbeddedOptions = {}): ContentSource {
  if (env.SANITY_PROJECT_ID) return lakeSource({...lakeConfigFromEnv(env), perspective: options.perspective})
  return embeddedSource(env.RECAP_DATASET || DEFAULT_DATASET_FILE, options)
}

export function lakeConfigFromEnv(env: NodeJS.ProcessEnv): LakeConfig {
  return {
    projectId: env.SANITY_PROJECT_ID!,
    dataset: env.SANITY_DATASET || 'production',
    token: env.SANITY_API_READ_TOKEN || undefined,
    apiHost: env.SANITY_API_HOST || undefined,
  }
}

/** Wraps a source so every query it runs is counted, for the build's summary line and the tests. */
export function countingSource(source: ContentSource, onQuery: () => void): ContentSource {
  return {
    description: source.description,
    fetch<T>(query: string, params?: Record<string, unknown>) {
      onQuery()
      return source.fetch<T>(query, params)
    },
  }
}

export {ContentError}
