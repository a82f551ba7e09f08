// The draft preview's content graph: the whole site under the drafts perspective, held in memory
// and rebuilt whenever the content changes, so a preview page renders without fetching anything.
import {watch} from 'node:fs'
import {basename, dirname, resolve} from 'node:path'
import {DEFAULT_DATASET_FILE, embeddedSource, lakeClient, lakeConfigFromEnv, lakeSource, type ContentSource} from '../lib/content/source.ts'
import {enforcedSite, type Site} from '../lib/site.ts'

export interface PreviewContent {
  /** The newest graph; rejects with the content problem while the drafts cannot be shown. */
  site(): Promise<Site>
  /** Changes whenever the graph does. */
  version(): string
  onChange(listener: (version: string) => void): () => void
  close(): void
}

type Watcher = (changed: () => void) => () => void

// Editors type in bursts; one reload per burst is enough.
const SETTLE_MS = 25

/** Keeps the graph current: reloads it whenever `watch` reports a change. */
export function createPreviewContent(load: () => Promise<Site>, watchChanges: Watcher): PreviewContent {
  const listeners = new Set<(version: string) => void>()
  let generation = 0
  let current = load()
  current.catch(() => {})
  let started = 0
  let shown = 0
  let timer: NodeJS.Timeout | undefined
  // Loads may overlap; a slower, older one never replaces a newer graph.
  const reload = () => {
    const number = ++started
    const next = load()
    const publish = () => {
      if (number <= shown) return
      shown = number
      current = next
      generation += 1
      for (const listener of listeners) listener(String(generation))
    }
    next.then(publish, publish)
  }
  const stop = watchChanges(() => {
    clearTimeout(timer)
    timer = setTimeout(reload, SETTLE_MS)
  })
  return {
    site: () => current,
    version: () => String(generation),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      clearTimeout(timer)
      stop()
      listeners.clear()
    },
  }
}

// The same rules as the public build: a draft that breaks one is left out and named, not shown.
function loader(source: () => ContentSource): () => Promise<Site> {
  return async () => (await enforcedSite(source())).site
}

/** The embedded dataset with drafts laid over published documents, reloaded when the file changes. */
export function embeddedPreviewContent(file: string): PreviewContent {
  const path = resolve(file)
  return createPreviewContent(
    loader(() => embeddedSource(path, {perspective: 'drafts'})),
    (changed) => {
      // The folder is watched, since editors and tools often replace the file rather than write into it.
      const watcher = watch(dirname(path), (_event, name) => {
        if (!name || name === basename(path)) changed()
      })
      return () => watcher.close()
    },
  )
}

/** The Content Lake under the drafts perspective (needs a read token), reloaded on every mutation its listener reports. */
export function lakePreviewContent(env: NodeJS.ProcessEnv): PreviewContent {
  const config = {...lakeConfigFromEnv(env), perspective: 'drafts' as const}
  const source = lakeSource(config)
  return createPreviewContent(
    loader(() => source),
    (changed) => {
      const client = lakeClient(config)
      const subscription = client
        .listen('*[!(_id in path("_.**"))]', {}, {events: ['mutation', 'reconnect'], includeResult: false, visibility: 'query'})
        .subscribe({next: changed, error: () => changed()})
      return () => subscription.unsubscribe()
    },
  )
}

export function previewContentFromEnv(env: NodeJS.ProcessEnv = process.env): PreviewContent {
  return env.SANITY_PROJECT_ID ? lakePreviewContent(env) : embeddedPreviewContent(env.RECAP_DATASET || DEFAULT_DATASET_FILE)
}
