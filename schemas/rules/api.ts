import type {ValidationContext} from 'sanity'
import {SANITY_API_VERSION} from '../../core/sanityApi.ts'

// Custom rules query other documents; this version pins the API they use.
const apiVersion = SANITY_API_VERSION

/** Fetches with the client the Studio (or the offline validator) hands to custom rules. */
export function fetchForRule<T>(context: ValidationContext, query: string, params: Record<string, unknown>): Promise<T> {
  return context.getClient({apiVersion}).fetch<T>(query, params, {perspective: 'raw'})
}

/** The published id of a document, whether it is given as a draft or not. */
export function publishedId(id: string | undefined): string {
  return (id ?? '').replace(/^drafts\./, '')
}
