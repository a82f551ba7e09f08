// The Content Lake stand-in as a pure request handler: a request in, a response (or an event stream) out.
// It answers what the built Studio calls on <projectId>.api.sanity.io and cdn.sanity.io. A /data/* request
// it does not understand is a problem the test must fail on; other unknown calls are only noted.
import {createHash, randomUUID} from 'node:crypto'
import sharp from 'sharp'
import {paramsOf, runQuery} from './groq.ts'
import {listen, type EventStream} from './listener.ts'
import {DocumentStore, LakeError, type Doc} from './store.ts'

export type LakeRequest = {method: string; host: string; url: string; headers?: Record<string, string>; body?: Buffer}
export type LakeResponse = {status: number; headers?: Record<string, string>; body?: string | Buffer; stream?: EventStream}

export type ActionRecord = {actions: {actionType: string; [key: string]: unknown}[]; status: number; error?: string}

export type LakeOptions = {projectId: string; dataset: string; seed: Doc[]; files?: Map<string, Buffer | (() => Promise<Buffer>)>}

export const USER = {
  id: 'p-editor',
  name: 'Erin Editor',
  email: 'erin@example.org',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Administrator'}],
}
const GRANTS = [{filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history', 'manage']}]

const json = (value: unknown, status = 200): LakeResponse => ({
  status,
  headers: {'content-type': 'application/json'},
  body: JSON.stringify(value),
})
const failure = (error: LakeError) => json({error: {type: error.type, description: error.message}}, error.status)

/** The stand-in: its documents, what it was asked, and the handler itself. */
export class StudioLake {
  readonly store: DocumentStore
  /** Every action request the Studio sent, in order, with the status it got. */
  readonly actions: ActionRecord[] = []
  /** /data/* requests the stand-in could not answer: each one is a failed test. */
  readonly problems: string[] = []
  /** Other calls it did not know, answered empty. */
  readonly unknown: string[] = []
  private files: Map<string, Buffer | (() => Promise<Buffer>)>
  readonly options: LakeOptions

  constructor(options: LakeOptions) {
    this.options = options
    this.store = new DocumentStore(options.seed)
    this.files = options.files ?? new Map()
  }

  async handle(request: LakeRequest): Promise<LakeResponse> {
    const url = new URL(request.url, `https://${request.host}`)
    try {
      if (request.method === 'OPTIONS') return {status: 204}
      if (!/(^|\.)api\.sanity\.io$/.test(url.hostname)) return await this.cdn(url) // cdn.sanity.io, fonts, bridge.js
      const path = url.pathname.replace(/^\/v[^/]+/, '')
      if (path.startsWith('/data/')) return await this.data(request, url, path)
      return await this.api(request, url, path)
    } catch (error) {
      if (error instanceof LakeError) return failure(error)
      throw error
    }
  }

  /** The last action request whose actions include one of this type. */
  lastAction(actionType: string): ActionRecord['actions'][number] | undefined {
    return this.actions.flatMap((record) => record.actions).findLast((action) => action.actionType === actionType)
  }

  private problem(request: LakeRequest, url: URL, why: string): LakeResponse {
    this.problems.push(`${request.method} ${url.pathname}${url.search}: ${why}`)
    return json({error: {type: 'standInError', description: why}}, 400)
  }

  private async data(request: LakeRequest, url: URL, path: string): Promise<LakeResponse> {
    const [, , operation, dataset, rest] = path.split('/') as [string, string, string, string, string?]
    if (dataset !== this.options.dataset) return this.problem(request, url, `unknown dataset "${dataset}"`)
    if (operation === 'query') return this.query(request, url)
    if (operation === 'doc' && rest) return this.documents(decodeURIComponent(path.split('/').slice(4).join('/')))
    if (operation === 'listen') return this.listen(url)
    if (operation === 'history') return this.history(request, url, path)
    if (operation === 'ping') return json({ping: 'pong'})
    // References from other datasets: there are none. References within the dataset the Studio finds by query.
    if (operation === 'references' && url.searchParams.get('excludeInternalReferences') === 'true')
      return json({totalCount: 0, references: []})
    if (operation === 'actions' && request.method === 'POST') return this.applyActions(request, url)
    return this.problem(request, url, 'the stand-in does not know this data endpoint')
  }

  private async query(request: LakeRequest, url: URL): Promise<LakeResponse> {
    let query = url.searchParams.get('query') ?? ''
    const params = paramsOf(url.searchParams)
    if (request.method === 'POST') {
      const body = JSON.parse(request.body?.toString('utf8') || '{}') as {query: string; params?: Record<string, unknown>}
      query = body.query
      Object.assign(params, body.params)
    }
    try {
      const result = await runQuery(this.store.all(), query, params, url.searchParams.get('perspective') ?? 'raw')
      return json({query, result, ms: 1})
    } catch (error) {
      return this.problem(request, url, `groq-js cannot run ${query}: ${(error as Error).message}`)
    }
  }

  private documents(ids: string): LakeResponse {
    const wanted = ids.split(',')
    return json({
      documents: wanted.map((id) => this.store.get(id)).filter(Boolean),
      omitted: wanted.filter((id) => !this.store.get(id)).map((id) => ({id, reason: 'existence'})),
    })
  }

  private async applyActions(request: LakeRequest, url: URL): Promise<LakeResponse> {
    const body = JSON.parse(request.body?.toString('utf8') || '{}') as {actions?: ActionRecord['actions']; transactionId?: string}
    const actions = Array.isArray(body.actions) ? body.actions : [body as unknown as ActionRecord['actions'][number]]
    const known = actions.every(
      (action) => typeof action?.actionType === 'string' && action.actionType.startsWith('sanity.action.document.'),
    )
    if (!known) return this.problem(request, url, `unexpected actions ${JSON.stringify(body)}`)
    try {
      const {transactionId} = this.store.applyActions(actions, body.transactionId)
      this.actions.push({actions, status: 200})
      return json({transactionId})
    } catch (error) {
      if (!(error instanceof LakeError)) throw error
      this.actions.push({actions, status: error.status, error: error.message})
      if (error.status === 400) return this.problem(request, url, error.message)
      return failure(error)
    }
  }

  /** The stand-in keeps no history: no document events, an empty transaction log. */
  private history(request: LakeRequest, url: URL, path: string): LakeResponse {
    if (/^\/data\/history\/[^/]+\/events\/documents\//.test(path)) return json({events: {}, nextCursor: ''})
    if (/^\/data\/history\/[^/]+\/transactions\//.test(path))
      return {status: 200, headers: {'content-type': 'application/x-ndjson'}, body: ''}
    return this.problem(request, url, 'the stand-in keeps no history for this view')
  }

  private listen(url: URL): LakeResponse {
    const headers = {'content-type': 'text/event-stream', 'cache-control': 'no-cache'}
    return {status: 200, headers, stream: listen(this.store, url)}
  }

  private async api(request: LakeRequest, url: URL, path: string): Promise<LakeResponse> {
    const {projectId, dataset} = this.options
    if (path === '/users/me') return json(USER)
    if (path === `/projects/${projectId}/datasets/${dataset}/acl`) return json(GRANTS)
    if (path === `/projects/${projectId}`)
      return json({id: projectId, displayName: 'Recap', members: [{id: USER.id, role: 'administrator'}], metadata: {}})
    if (path === `/projects/${projectId}/datasets`) return json([{name: dataset, aclMode: 'private'}])
    if (path === `/assets/images/${dataset}` && request.method === 'POST') return this.upload(request, url)
    // Answered empty without a note: the Studio copes with their absence offline.
    if (/\/socket\/|\/journey\/|\/intake\/|\/ping$|\/help$/.test(path)) return json({})
    if (/^\/users\/me\/keyvalue\/|\/grants$|\/user-applications$|^\/features$|^\/schedules\//.test(path)) return json([])
    this.unknown.push(`${request.method} ${url.host}${url.pathname}`)
    return /features|\/releases|\/users\/|\/user-applications|\/grants/.test(path) ? json([]) : json({})
  }

  /** An image upload: sharp reads the size; the asset document is stored like any other. */
  private async upload(request: LakeRequest, url: URL): Promise<LakeResponse> {
    const bytes = request.body ?? Buffer.alloc(0)
    const {width, height, format, hasAlpha} = await sharp(bytes).metadata()
    const extension = format === 'jpeg' ? 'jpg' : format
    const sha1hash = createHash('sha1').update(bytes).digest('hex')
    const name = `${sha1hash}-${width}x${height}.${extension}`
    const path = `images/${this.options.projectId}/${this.options.dataset}/${name}`
    this.files.set(`/${path}`, bytes)
    const asset: Doc = {
      _id: `image-${sha1hash}-${width}x${height}-${extension}`,
      _type: 'sanity.imageAsset',
      assetId: sha1hash,
      extension,
      mimeType: `image/${format}`,
      originalFilename: url.searchParams.get('filename') ?? name,
      path,
      sha1hash,
      size: bytes.length,
      uploadId: randomUUID(),
      url: `https://cdn.sanity.io/${path}`,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width! / height!},
        hasAlpha: Boolean(hasAlpha),
        isOpaque: !hasAlpha,
      },
    }
    const stored = this.store.get(asset._id) ?? this.store.put(asset).changes[0]!.after!
    return json({document: stored})
  }

  private async cdn(url: URL): Promise<LakeResponse> {
    if (url.pathname === '/bridge.js' || url.pathname.endsWith('.js'))
      return {status: 200, headers: {'content-type': 'text/javascript'}, body: ''}
    const file = this.files.get(url.pathname)
    if (/\.woff2?$|^\/v1\/modules\//.test(url.pathname)) return {status: 404} // fonts, auto-update checks
    if (!file) {
      this.unknown.push(`GET ${url.host}${url.pathname}`)
      return {status: 404}
    }
    const bytes = typeof file === 'function' ? await file() : file
    const type = /\.png$/.test(url.pathname) ? 'image/png' : /\.webp$/.test(url.pathname) ? 'image/webp' : 'image/jpeg'
    return {status: 200, headers: {'content-type': type, 'cache-control': 'max-age=3600'}, body: bytes}
  }
}
