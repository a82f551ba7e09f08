import {createHash} from 'node:crypto'
import {dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {startAssetServer} from './assetServer.ts'
import {ContentError} from './errors.ts'
import {imageFacts, saveImageFacts} from './imageFacts.ts'
import {readNdjson, type RawDocument} from './ndjson.ts'
import {applyPerspective, type Perspective} from './perspective.ts'

export {isUnpublished} from './perspective.ts'

type ImageAsset = {
  _id: string
  _type: 'sanity.imageAsset'
  _createdAt: string
  _updatedAt: string
  url: string
  path: string
  originalFilename: string
  extension: string
  mimeType: string
  size: number
  sha1hash: string
  metadata: {
    _type: 'sanity.imageMetadata'
    dimensions: {_type: 'sanity.imageDimensions'; width: number; height: number; aspectRatio: number}
    lqip: string
    hasAlpha: boolean
    isOpaque: boolean
  }
}

// A Map: the extension comes from the content's file names.
const MIME_TYPES = new Map(
  Object.entries({jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif'}),
)

export type EmbeddedOptions = {assets?: boolean; perspective?: Perspective}

/**
 * Loads an NDJSON dataset into the shape the Content Lake serves under a perspective (by default
 * the published one: drafts and versions dropped), `_sanityAsset` images uploaded as
 * `sanity.imageAsset` documents. Without `assets`, images are left as they are: enough for
 * queries that read no image.
 */
export async function loadEmbeddedDataset(
  file: string,
  {assets: withAssets = true, perspective = 'published'}: EmbeddedOptions = {},
): Promise<RawDocument[]> {
  const raw = await readNdjson(file)
  const published = applyPerspective(raw, perspective)
  const fileTime = contentTime(published)
  const pending: {document: string; holder: Record<string, unknown>; source: string}[] = []
  if (withAssets) for (const document of published) collectAssets(document, document._id, pending)

  const uniqueSources = [...new Set(pending.map((item) => item.source))]
  const described = await Promise.all(
    uniqueSources.map(async (source) => {
      const owner = pending.find((item) => item.source === source)!.document
      return describeImage(resolveAssetPath(source, file, owner), owner, fileTime)
    }),
  )
  saveImageFacts()
  const baseUrl = described.length ? await assetServerUrl() : ''
  const assets = new Map<string, ImageAsset>()
  for (const [index, asset] of described.entries()) {
    files.set(`/${asset.path}`, {path: asset.localPath, mimeType: asset.document.mimeType})
    asset.document.url = `${baseUrl}/${asset.path}`
    assets.set(uniqueSources[index], asset.document)
  }
  for (const {holder, source} of pending) {
    delete holder._sanityAsset
    holder.asset = {_type: 'reference', _ref: assets.get(source)!._id}
  }
  const documents = published.map((document) => ({
    _createdAt: fileTime,
    _updatedAt: fileTime,
    _rev: contentRevision(document),
    ...document,
  }))
  return [...documents, ...new Map([...assets.values()].map((asset) => [asset._id, asset])).values()]
}

// One loopback server per process serves every load's images, so reloading never starts another.
const files = new Map<string, {path: string; mimeType: string}>()
let assetServer: Promise<string> | undefined
const assetServerUrl = () => (assetServer ??= startAssetServer(files))

// Unix time zero: what a dataset with no timestamps at all gets, the same on every clone.
const NO_TIMESTAMPS = new Date(0).toISOString()

/**
 * The time given to documents that carry no `_updatedAt` of their own: the newest timestamp in
 * the file. Taken from the content, never from the file's modification time, so two checkouts
 * of the same dataset build byte-identical calendars and schedules.
 */
function contentTime(documents: RawDocument[]): string {
  const stamps = documents
    .flatMap((document) => [document._updatedAt, document._createdAt])
    .filter((value): value is string => typeof value === 'string')
  return stamps.sort().at(-1) ?? NO_TIMESTAMPS
}

/** Stands in for the Content Lake's `_rev`: it changes whenever the document's content does. */
function contentRevision(document: RawDocument): string {
  return createHash('sha1').update(JSON.stringify(document)).digest('base64url').slice(0, 22)
}

function collectAssets(value: unknown, documentId: string, found: {document: string; holder: Record<string, unknown>; source: string}[]) {
  if (Array.isArray(value)) {
    for (const item of value) collectAssets(item, documentId, found)
  } else if (value && typeof value === 'object') {
    const holder = value as Record<string, unknown>
    if (typeof holder._sanityAsset === 'string') found.push({document: documentId, holder, source: holder._sanityAsset})
    for (const child of Object.values(holder)) collectAssets(child, documentId, found)
  }
}

function resolveAssetPath(source: string, datasetFile: string, documentId: string): string {
  const match = /^image@(file:\/\/.+)$/.exec(source)
  if (!match) {
    throw new ContentError(`Document ${documentId}: unsupported _sanityAsset "${source}". Use image@file://./images/<name>.`)
  }
  const location = match[1]
  return location.startsWith('file://./') || location.startsWith('file://../')
    ? resolve(dirname(datasetFile), location.slice('file://'.length))
    : fileURLToPath(location)
}

async function describeImage(localPath: string, documentId: string, fileTime: string) {
  const {bytes, extension, width, height, hasAlpha, lqip, sha1hash} = await imageFacts(localPath, documentId)
  const name = `${sha1hash}-${width}x${height}.${extension}`
  const document: ImageAsset = {
    _id: `image-${sha1hash}-${width}x${height}-${extension}`,
    _type: 'sanity.imageAsset',
    _createdAt: fileTime,
    _updatedAt: fileTime,
    url: '',
    path: `images/embedded/production/${name}`,
    originalFilename: localPath.split('/').pop()!,
    extension,
    mimeType: MIME_TYPES.get(extension) ?? 'application/octet-stream',
    size: bytes,
    sha1hash,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
      lqip: `data:image/jpeg;base64,${lqip}`,
      hasAlpha,
      isOpaque: !hasAlpha,
    },
  }
  return {document, localPath, path: document.path}
}
