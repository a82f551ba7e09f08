import {sourceFromEnv, type ContentSource} from './content/source.ts'
import {LATEST_UPDATE_QUERY} from './queries.ts'
import type {LATEST_UPDATE_QUERY_RESULT} from './sanity.types.ts'

/**
 * The newest `_updatedAt` among published documents. Each call reads the content afresh, so
 * edits to the embedded dataset are noticed too; images are not processed for this question.
 */
export function latestUpdatedAt(source: ContentSource = sourceFromEnv(process.env, {assets: false})): Promise<string | null> {
  return source.fetch<LATEST_UPDATE_QUERY_RESULT>(LATEST_UPDATE_QUERY)
}
