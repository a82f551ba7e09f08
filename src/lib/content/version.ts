import {sourceFromEnv, type ContentSource} from './source.ts'
import {CONTENT_DIGEST_QUERY} from '../queries.ts'
import type {CONTENT_DIGEST_QUERY_RESULT} from '../sanity.types.ts'

/** Where the published content stands: a digest that any create, update or delete changes. */
export type ContentVersion = {digest: string; updatedAt: string | null}

/**
 * The content's version, from one small query. Each call reads the content afresh, so edits to
 * the embedded dataset are noticed too; images are not processed for this question.
 */
export async function contentVersion(source: ContentSource = sourceFromEnv(process.env, {assets: false})): Promise<ContentVersion> {
  const {count, latest} = await source.fetch<CONTENT_DIGEST_QUERY_RESULT>(CONTENT_DIGEST_QUERY)
  return {digest: `${count}:${latest?._updatedAt ?? ''}:${latest?._id ?? ''}:${latest?._rev ?? ''}`, updatedAt: latest?._updatedAt ?? null}
}
