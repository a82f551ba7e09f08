import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import {useEffect, useState} from 'react'
import {useDocumentStore, type DocumentActionComponent} from 'sanity'
import {useRouter} from 'sanity/router'
import {documentLocations, LOCATIONS_QUERY, PAGE_TYPES, type LocatedDocument} from './locations.ts'

/** The page a document is mainly shown on, kept current while it is edited. */
function useMainPage(id: string): string | null {
  const documentStore = useDocumentStore()
  const [page, setPage] = useState<string | null>(null)
  useEffect(() => {
    const subscription = documentStore
      .listenQuery(LOCATIONS_QUERY, {id: id.replace(/^drafts\./, '')}, {})
      .subscribe((document) => setPage(documentLocations(document as LocatedDocument | null).locations?.[0]?.href ?? null))
    return () => subscription.unsubscribe()
  }, [documentStore, id])
  return page
}

/** "Preview": opens the document's page, drafts included, in the Presentation tool beside its form. */
export const PreviewAction: DocumentActionComponent = (props) => {
  const router = useRouter()
  const page = useMainPage(props.id)
  return {
    label: 'Preview',
    title: page ? `Preview ${page} with your drafts` : 'This document is not on any page yet.',
    icon: EyeOpenIcon,
    disabled: !page,
    onHandle: () => {
      router.navigateIntent('edit', {
        id: props.id,
        type: props.type,
        mode: 'presentation',
        presentation: 'presentation',
        preview: page ?? '/',
      })
      props.onComplete()
    },
  }
}

export const withPreviewAction = <T,>(previous: T[], type: string): (T | DocumentActionComponent)[] =>
  PAGE_TYPES.includes(type) ? [...previous, PreviewAction] : previous
