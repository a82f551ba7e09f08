// Validates documents offline against the Studio's schema, with the markers and levels an editor sees in the Studio.
//
// Custom rules ask `context.getClient(...).fetch(...)` about other documents; here a small stand-in for the
// Sanity client answers those queries with groq-js over the documents being validated. Images in import
// format (`_sanityAsset`) are turned into references to uploaded assets first, as `sanity dataset import` would.
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {dirname, isAbsolute, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {validateDocument, validateDocumentWithWorkspace, validationMarkerCodes} from '@sanity/validation'
import type {DocumentValidationMarker, ValidationClient} from '@sanity/validation'
import {getFallbackLocaleSource} from '@sanity/validation/_internal'
import {evaluate, parse} from 'groq-js'
import {from, type Observable} from 'rxjs'
import {createSchema, type SanityClient, type SanityDocument, type Schema} from 'sanity'
import {schemaTypes} from '../../schemas/index.ts'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const STUDIO_DIR = resolve(ROOT, 'studio')
export const DATASET_FILE = resolve(ROOT, 'dataset/production.ndjson')
export const FIXTURES_DIR = resolve(ROOT, 'test/fixtures')

export type Doc = {_id: string; _type: string; [key: string]: unknown}
export type Marker = DocumentValidationMarker
export type DocumentResult = {id: string; markers: Marker[]}

type PathSegment = Marker['path'][number]

// ---------------------------------------------------------------------------------------------------------------
// Schema

let compiled: Schema | undefined

/** The Studio's schema (the `schemaTypes` that studio/sanity.config.ts registers), compiled without a Studio. */
export function studioSchema(): Schema {
  if (compiled) return compiled
  const schema = createSchema({name: 'default', types: schemaTypes})
  const groups = (schema as Schema & {_validation?: {path: unknown[]; problems: {severity: string; message: string}[]}[]})._validation
  const errors = (groups ?? []).flatMap((group) =>
    group.problems.filter((problem) => problem.severity === 'error').map((problem) => `${JSON.stringify(group.path)}: ${problem.message}`),
  )
  if (errors.length > 0) throw new Error(`The schema does not compile:\n${errors.join('\n')}`)
  compiled = schema
  return schema
}

// ---------------------------------------------------------------------------------------------------------------
// NDJSON

const sourceDirs = new WeakMap<object, string>()

/** Reads a Sanity import file (one JSON document per line). Remembers its folder for `_sanityAsset` file paths. */
export function loadNdjson(file: string): Doc[] {
  const documents = readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({line: line.trim(), number: index + 1}))
    .filter(({line}) => line.length > 0)
    .map(({line, number}) => {
      let document: Doc
      try {
        document = JSON.parse(line) as Doc
      } catch (error) {
        throw new Error(`${file}:${number}: not valid JSON (${(error as Error).message})`, {cause: error})
      }
      if (typeof document?._id !== 'string' || typeof document._type !== 'string') {
        throw new Error(`${file}:${number}: every document needs a string _id and _type`)
      }
      return document
    })
  sourceDirs.set(documents, dirname(file))
  return documents
}

// ---------------------------------------------------------------------------------------------------------------
// Assets in import format

type Asset = {_id: string; _type: 'sanity.imageAsset' | 'sanity.fileAsset'; [key: string]: unknown}
type Problem = {id: string; path: PathSegment[]; message: string}

function sha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex')
}

/** Width and height of a JPEG or PNG, read from its header. */
export function imageSize(data: Buffer): {width: number; height: number} | undefined {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47) {
    return {width: data.readUInt32BE(16), height: data.readUInt32BE(20)}
  }
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined
      const marker = data[offset + 1]
      const length = data.readUInt16BE(offset + 2)
      // Start-of-frame markers carry the dimensions (C4, C8 and CC are not frames).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return {height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7)}
      }
      offset += 2 + length
    }
  }
  return undefined
}

function extensionOf(location: string): string {
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(location)
  return (match?.[1] ?? 'bin').toLowerCase().replace(/^jpeg$/, 'jpg')
}

/**
 * The asset an `_sanityAsset` value ("image@file://./images/a.jpg") becomes once imported.
 * Local files get the id Sanity gives them (sha1 of the content, dimensions, extension); remote ones a stable stand-in.
 */
function assetFor(spec: string, baseDir: string): {asset?: Asset; problem?: string} {
  const match = /^(image|file)@(.+)$/.exec(spec)
  if (!match) return {problem: `"${spec}" is not an import asset. Write it as image@file://./path/to/file.jpg.`}
  const [, kind, location] = match as unknown as [string, 'image' | 'file', string]
  const extension = extensionOf(location)
  let hash: string
  let size = {width: 1, height: 1}
  if (location.startsWith('file://')) {
    const relative = location.slice('file://'.length)
    const file = isAbsolute(relative) ? relative : resolve(baseDir, relative)
    if (!existsSync(file)) return {problem: `The file for this ${kind} is missing: ${file}. The import would fail.`}
    const data = readFileSync(file)
    hash = sha1(data)
    if (kind === 'image') {
      const measured = imageSize(data)
      if (!measured) return {problem: `Cannot read the size of ${file}. Use a JPEG or PNG file.`}
      size = measured
    }
  } else {
    hash = sha1(location)
  }
  const _id = kind === 'image' ? `image-${hash}-${size.width}x${size.height}-${extension}` : `file-${hash}-${extension}`
  return {
    asset:
      kind === 'image'
        ? {_id, _type: 'sanity.imageAsset', extension, metadata: {dimensions: {...size, aspectRatio: size.width / size.height}}}
        : {_id, _type: 'sanity.fileAsset', extension},
  }
}

/**
 * Replaces every `{_sanityAsset, ...rest}` in a document with `{...rest, asset: reference}`, as the import does.
 * Returns the rewritten document, the assets it now refers to, and the files that could not be found.
 */
export function withImportedAssets(document: Doc, baseDir: string): {document: Doc; assets: Asset[]; problems: Problem[]} {
  const assets: Asset[] = []
  const problems: Problem[] = []
  const visit = (value: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, index) =>
        visit(item, [...path, item && typeof item === 'object' && '_key' in item ? {_key: String(item._key)} : index]),
      )
    }
    if (!value || typeof value !== 'object') return value
    const {_sanityAsset: spec, ...rest} = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(rest)) out[key] = visit(child, [...path, key])
    if (spec === undefined) return out
    const {asset, problem} = assetFor(String(spec), baseDir)
    if (problem || !asset) {
      problems.push({id: document._id, path, message: problem ?? 'Unreadable asset'})
      return out
    }
    assets.push(asset)
    return {...out, asset: {_type: 'reference', _ref: asset._id}}
  }
  return {document: visit(document, []) as Doc, assets, problems}
}

// ---------------------------------------------------------------------------------------------------------------
// A Sanity client stand-in answered by groq-js

type FetchOptions = {perspective?: string | string[]; filterResponse?: boolean; signal?: AbortSignal}

function inPerspective(documents: Doc[], perspective: string | string[] | undefined): Doc[] {
  if (perspective === 'published') return documents.filter((doc) => !/^(drafts|versions)\./.test(doc._id))
  return documents // 'raw' (what the rules ask for), and anything else: every document as stored
}

/** The minimum of `SanityClient` that validation uses, answering GROQ from `documents`. */
export function createDatasetClient(documents: Doc[]): ValidationClient {
  const ids = new Set(documents.map((doc) => doc._id))
  const runQuery = async (query: string, params: Record<string, unknown> = {}, options: FetchOptions = {}) => {
    options.signal?.throwIfAborted()
    const tree = parse(query, {params})
    const value = await evaluate(tree, {dataset: inPerspective(documents, options.perspective), params})
    return value.get()
  }
  const request = (options: {url?: string; uri?: string}): Observable<unknown> =>
    from(
      (async () => {
        // Only the document-availability endpoint is needed: /data/doc/<dataset>/<id,id,...>
        const url = options.url ?? options.uri ?? ''
        const match = /\/data\/doc\/[^/]+\/([^?]+)/.exec(url)
        if (!match) throw new Error(`The offline validation client cannot answer ${url}`)
        const wanted = decodeURIComponent(match[1]!).split(',')
        return {
          documents: wanted.filter((id) => ids.has(id)).map((id) => ({_id: id})),
          omitted: wanted.filter((id) => !ids.has(id)).map((id) => ({id, reason: 'existence'})),
        }
      })(),
    )
  const client = {
    fetch: runQuery,
    withConfig: () => client,
    getDataUrl: (operation: string, path?: string) => `/data/${operation}/offline${path ? `/${path}` : ''}`,
    observable: {
      fetch: (query: string, params?: Record<string, unknown>, options?: FetchOptions) => from(runQuery(query, params, options)),
      request,
    },
  }
  return client as unknown as ValidationClient
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

export type ValidateOptions = {
  /** Folder that `file://./...` asset paths are relative to. Defaults to the folder of the NDJSON file. */
  assetBaseDir?: string
}

/**
 * Validates every document against the Studio's schema. Rules that query other documents see all of `documents`
 * (drafts included, as with the `raw` perspective); references resolve only to the ids present.
 *
 * Levels are the ones editors see in the Studio. `validateDocument` runs in the "cli" environment, which adds its
 * unknown-field check to every rule of an object-typed value with `.warning()`; that turns the whole rule, and so
 * every error on a document, slug, image or other object, into a warning. So each document is validated twice:
 * as the Studio does (the markers and their levels), and with `validateDocument` only for fields the schema does
 * not know (a typo in a field name would otherwise be ignored without a word).
 */
export async function validateDataset(documents: Doc[], options: ValidateOptions = {}): Promise<DocumentResult[]> {
  const schema = studioSchema()
  const baseDir = options.assetBaseDir ?? sourceDirs.get(documents) ?? process.cwd()
  const prepared = documents.map((document) => withImportedAssets(document, baseDir))
  const assets = new Map(prepared.flatMap(({assets}) => assets).map((asset) => [asset._id, asset]))
  const queryable: Doc[] = [...prepared.map(({document}) => document), ...assets.values()]
  const ids = new Set(queryable.map((doc) => doc._id))
  const client = createDatasetClient(queryable)
  const getDocumentExists = async ({id}: {id: string}) => ids.has(id)
  const workspace = {
    schema,
    getClient: ({apiVersion}: {apiVersion: string}) => client.withConfig({apiVersion}) as unknown as SanityClient,
    i18n: getFallbackLocaleSource(),
  }

  const results: DocumentResult[] = []
  for (const {document, problems} of prepared) {
    const sanityDocument = document as unknown as SanityDocument
    const asInStudio = await validateDocumentWithWorkspace({
      document: sanityDocument,
      workspace,
      getDocumentExists,
      environment: 'studio',
    })
    const unknownFields = (await validateDocument({document: sanityDocument, schema, client, getDocumentExists})).markers.filter(
      (marker) => marker.code === validationMarkerCodes.objectUnknownField,
    )
    const assetMarkers: Marker[] = problems.map((problem) => ({
      level: 'error',
      code: 'custom.asset-file',
      message: problem.message,
      path: problem.path,
    }))
    results.push({id: document._id, markers: [...assetMarkers, ...asInStudio, ...unknownFields]})
  }
  return results
}

/** Loads an NDJSON file and validates all of its documents. */
export async function validateNdjson(file: string): Promise<DocumentResult[]> {
  return validateDataset(loadNdjson(file))
}

// ---------------------------------------------------------------------------------------------------------------
// Reading markers

/** A path as the Studio writes it: links[_key=="a1"].url */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, segment, index) => {
    if (typeof segment === 'number') return `${out}[${segment}]`
    if (typeof segment === 'string') return `${out}${index === 0 ? '' : '.'}${segment}`
    if (segment && typeof segment === 'object' && '_key' in segment) return `${out}[_key=="${segment._key}"]`
    return `${out}[${JSON.stringify(segment)}]`
  }, '')
}

export function errorsOf(markers: readonly Marker[]): Marker[] {
  return markers.filter((marker) => marker.level === 'error')
}

/** One line per marker: "session.x  endsAt  error  The session ends before it starts. …" */
export function describeMarkers(results: readonly DocumentResult[], levels: Marker['level'][] = ['error']): string {
  return results
    .flatMap(({id, markers}) =>
      markers
        .filter((marker) => levels.includes(marker.level))
        .map((marker) => `${id}  ${formatPath(marker.path) || '(document)'}  ${marker.level}  ${marker.message}`),
    )
    .join('\n')
}

/** The markers of one document in a result list; throws when the document was not validated. */
export function markersFor(results: readonly DocumentResult[], id: string): Marker[] {
  const result = results.find((entry) => entry.id === id)
  if (!result) throw new Error(`No document "${id}" was validated. Check the fixture.`)
  return result.markers
}
