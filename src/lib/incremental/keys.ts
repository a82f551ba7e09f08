// Cache keys for Astro's incremental builds (experimental.incrementalBuild). A page's key is a
// hash of its own props and of every document it read when it last rendered (see track.ts), so a
// change re-renders exactly the pages that showed what changed. What each page read is kept in
// Astro's cache directory, beside Astro's own manifest, for the next build.
import {createHash, randomUUID} from 'node:crypto'
import {readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {isDocument, recordReads, tracked, trackDocuments, untracked} from './track.ts'

type Entry = {key: string; check: string; deps: string[]}
/** `rendered`: the paths the last build rendered (the others were reused), for reports and tests. */
type Manifest = {version: 1; paths: Record<string, Entry>; rendered: string[]}
type BuildState = {
  cacheDir: string | null
  building: boolean
  previous?: Manifest
  digests: Map<string, string>
  planned: Map<string, {key: string; props: string}>
  rendered: Map<string, string[]>
}

declare global {
  // Shared by Astro's config hooks (the integration) and its page renderer, which load separate module copies.
  var __recapIncremental: BuildState | undefined
}

const MANIFEST = 'recap-dependencies.json'
// Settings that change what a page renders without being content or one of Astro's own settings.
const RENDER_SETTINGS = ['RECAP_IMAGES'] as const

function state(): BuildState {
  return (globalThis.__recapIncremental ??= {cacheDir: null, building: false, digests: new Map(), planned: new Map(), rendered: new Map()})
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url')
const normalPath = (path: string) => decodeURI(path).replace(/\/+$/, '') || '/'

/**
 * JSON with sorted keys in which documents other than `root` appear as their `_id` only, so a
 * document's serialisation is its own content and the shape of its links. The embedded dataset's
 * images are served from a loopback port that changes per build, so that origin is left out.
 */
function serialise(value: unknown, root?: unknown): string {
  return JSON.stringify(value, (_key, inner) => {
    const raw = untracked(inner)
    if (raw !== untracked(root) && isDocument(raw)) return `@${raw._id}`
    if (raw instanceof Map) return undefined
    if (typeof raw === 'string') return raw.replace(/^http:\/\/127\.0\.0\.1:\d+\//, '/')
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      return Object.fromEntries(
        Object.keys(raw)
          .sort()
          .map((name) => [name, (raw as Record<string, unknown>)[name]]),
      )
    }
    return raw
  })
}

function fingerprint(props: string, deps: string[], digests: Map<string, string>): string {
  const settings = RENDER_SETTINGS.map((name) => `${name}=${process.env[name] ?? ''}`)
  return hash([...settings, props, ...deps.map((id) => `${id} ${digests.get(id) ?? 'gone'}`)].join('\n'))
}

// Reads of the graph's own lists (all events, all sessions…) count as reading this: any document
// created or deleted changes it.
const GRAPH = '#graph'

/** Wraps the content graph so page renders are tracked, and digests every document in it. */
export function trackedGraph<T extends object>(graph: T, documents: {_id: string}[]): T {
  trackDocuments(graph, documents)
  state().digests = new Map([
    [GRAPH, hash(serialise(graph))],
    ...documents.map((document) => [document._id, hash(serialise(document, document))] as const),
  ])
  return tracked(graph, GRAPH)
}

function previousManifest(): Manifest {
  const current = state()
  if (!current.previous) {
    current.previous = {version: 1, paths: {}, rendered: []}
    try {
      const stored = JSON.parse(readFileSync(join(current.cacheDir ?? '', MANIFEST), 'utf8')) as Manifest
      if (current.cacheDir && stored.version === 1) current.previous = stored
    } catch {
      // No earlier build, or an unreadable record: every page renders once and is recorded.
    }
  }
  return current.previous
}

/**
 * getStaticPaths entries with a `cacheKey` each. `path` is the URL the entry renders at. A path
 * whose documents are unchanged since it was recorded keeps the key it had; any other gets a new one.
 * Outside a build (a page rendered on demand, as the draft preview does) there is nothing to reuse,
 * and the graph is not tracked, so the entries go back without keys.
 */
export function withCacheKeys<P extends Record<string, unknown>, A extends Record<string, string | undefined>>(
  entries: {path: string; params: A; props: P}[],
): {params: A; props: P; cacheKey?: string}[] {
  const current = state()
  if (!current.building) return entries.map(({params, props}) => ({params, props}))
  const previous = previousManifest()
  return entries.map(({path, params, props}) => {
    const serial = serialise(props)
    const before = previous.paths[normalPath(path)]
    const now = before && fingerprint(serial, before.deps, current.digests)
    const key = before ? (now === before.check ? before.key : now!) : `unrecorded:${randomUUID()}`
    current.planned.set(normalPath(path), {key, props: serial})
    return {params, props, cacheKey: key}
  })
}

/** Renders one page (Astro middleware's `next`), noting the documents it reads while building. */
export async function recordPage(pathname: string, render: () => Promise<Response>): Promise<Response> {
  const current = state()
  if (!current.building) return render()
  const {result, read} = await recordReads(async () => {
    const response = await render()
    // The body streams as the page renders, so it is read here, while reads are being noted.
    return new Response(await response.arrayBuffer(), {status: response.status, statusText: response.statusText, headers: response.headers})
  })
  current.rendered.set(normalPath(pathname), [...read].sort())
  return result
}

/** Called by the integration before a build. */
export function startRecording(cacheDir: string): void {
  globalThis.__recapIncremental = {cacheDir, building: true, digests: new Map(), planned: new Map(), rendered: new Map()}
}

/**
 * Called by the integration after a build: what each page read, for the next build. Pages Astro
 * reused keep their record; pages it rendered get the documents they read this time.
 */
export function saveRecording(): {rendered: number; reused: number} {
  const current = state()
  const previous = previousManifest()
  const paths: Record<string, Entry> = {}
  const rendered: string[] = []
  let reused = 0
  for (const [path, {key, props}] of current.planned) {
    const deps = current.rendered.get(path)
    if (deps) {
      paths[path] = {key, check: fingerprint(props, deps, current.digests), deps}
      rendered.push(path)
    } else if (previous.paths[path]?.key === key) {
      paths[path] = previous.paths[path]
      reused++
    }
  }
  if (current.cacheDir) {
    const file = join(current.cacheDir, MANIFEST)
    writeFileSync(`${file}.tmp`, JSON.stringify({version: 1, paths, rendered} satisfies Manifest))
    renameSync(`${file}.tmp`, file)
  }
  current.building = false
  return {rendered: rendered.length, reused}
}
