// Publishes a built site to an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) behind a CDN.
//
// Only files whose SHA-256 changed are uploaded: hashed assets first, then everything else, then
// HTML, so a page never goes live before what it loads, and a deploy cut short leaves every
// page whole (old or new). Objects the site no longer has are deleted only once they have been
// stale for the grace period, so open tabs keep loading their assets. What is live, and since
// when each leftover is stale, is kept in a manifest object next to the site.

import {readFile} from 'node:fs/promises'
import {DeleteObjectsCommand, GetObjectCommand, NoSuchKey, paginateListObjectsV2, PutObjectCommand, type S3Client} from '@aws-sdk/client-s3'
import type {HeaderPolicy} from '../../core/headers.ts'
import {silentLog, type Log} from '../../core/log.ts'
import {PHASES, readSiteFiles, type SiteFile} from './site-files.ts'

export interface BucketTarget {
  client: S3Client
  bucket: string
  /** Key prefix, empty or ending in `/`. */
  prefix: string
}

export interface BucketDeployOptions {
  dir: string
  target: BucketTarget
  graceMs: number
  concurrency?: number
  now?: () => number
  log?: Log
  /** Who may frame pages, as for `npm start` (RECAP_STUDIO_ORIGIN). */
  headers?: HeaderPolicy
}

export interface BucketDeployReport {
  files: number
  uploaded: Record<SiteFile['phase'], number>
  unchanged: number
  deleted: number
  /** Stale objects still kept for open tabs. */
  stale: number
}

interface Entry {
  sha256: string
  contentType: string
  cacheControl: string
  metadata: Record<string, string>
}

interface Manifest {
  /** What is live: site path → what was uploaded there. */
  files: Record<string, Entry>
  /** Objects the live site no longer has: site path → when they went stale (ISO time). */
  stale: Record<string, string>
}

export const MANIFEST = '.recap-deploy.json'
// S3 stores user metadata in at most 2 KB, counting names and values.
const METADATA_BYTES = 2048

export async function deployToBucket(options: BucketDeployOptions): Promise<BucketDeployReport> {
  const {dir, target, graceMs, concurrency = 8, now = Date.now, log = silentLog} = options
  const files = await readSiteFiles(dir, options.headers)
  if (!files.some((file) => file.path === 'index.html')) {
    throw new Error(`${dir} has no index.html, so it is not a built site; run npm run build first`)
  }
  const before = (await readManifest(target)) ?? {files: {}, stale: {}}
  const present = await listPaths(target)
  const changed = files.filter((file) => !present.has(file.path) || !same(before.files[file.path], file))

  // Until the uploads finish, the changed paths' content in the bucket is unknown: a deploy
  // cut short must not let the next one skip them.
  if (changed.length > 0) await writeManifest(target, forget(before, changed))
  const uploaded = {hashed: 0, other: 0, html: 0}
  for (const phase of PHASES) {
    const batch = changed.filter((file) => file.phase === phase)
    await inParallel(batch, concurrency, (file) => upload(target, file))
    uploaded[phase] = batch.length
    if (batch.length > 0) log('deploy.uploaded', {phase, files: batch.length})
  }

  const {stale, expired} = leftovers(present, files, before.stale, now(), graceMs)
  // Deleted before the manifest is written: a crash in between leaves nothing unaccounted for.
  await deletePaths(target, expired)
  if (expired.length > 0) log('deploy.deleted', {files: expired.length})

  const after: Manifest = {
    files: Object.fromEntries(files.map((file) => [file.path, entry(file)])),
    stale,
  }
  if (changed.length > 0 || JSON.stringify(after) !== JSON.stringify(before)) await writeManifest(target, after)
  return {
    files: files.length,
    uploaded,
    unchanged: files.length - changed.length,
    deleted: expired.length,
    stale: Object.keys(stale).length,
  }
}

function forget(manifest: Manifest, changed: readonly SiteFile[]): Manifest {
  const unknown = new Set(changed.map((file) => file.path))
  const files = Object.fromEntries(Object.entries(manifest.files).filter(([path]) => !unknown.has(path)))
  return {files, stale: manifest.stale}
}

/** Objects the site no longer has: those stale for the whole grace period go, the others stay. */
function leftovers(
  present: ReadonlySet<string>,
  files: readonly SiteFile[],
  staleBefore: Manifest['stale'],
  at: number,
  graceMs: number,
): {stale: Manifest['stale']; expired: string[]} {
  const live = new Set(files.map((file) => file.path))
  const stale: Manifest['stale'] = {}
  const expired: string[] = []
  for (const path of present) {
    if (live.has(path)) continue
    const since = staleBefore[path] ?? new Date(at).toISOString()
    if (Date.parse(since) + graceMs <= at) expired.push(path)
    else stale[path] = since
  }
  return {stale, expired}
}

function entry(file: SiteFile): Entry {
  return {sha256: file.sha256, contentType: file.contentType, cacheControl: file.cacheControl, metadata: metadata(file)}
}

/**
 * S3 has no system metadata for security headers: they are stored as user metadata and served
 * as `x-amz-meta-<name>`, which browsers ignore, so the CDN copies them onto the real names
 * (README, "Security headers"). A CSP too long for S3's limit is left for the CDN to add.
 */
function metadata(file: SiteFile): Record<string, string> {
  const all: Record<string, string> = {sha256: file.sha256, ...file.headers}
  const bytes = Object.entries(all).reduce((sum, [name, value]) => sum + name.length + value.length, 0)
  if (bytes <= METADATA_BYTES) return all
  return Object.fromEntries(Object.entries(all).filter(([name]) => name !== 'content-security-policy'))
}

function same(known: Entry | undefined, file: SiteFile): boolean {
  return known !== undefined && JSON.stringify(known) === JSON.stringify(entry(file))
}

async function upload({client, bucket, prefix}: BucketTarget, file: SiteFile): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: prefix + file.path,
      Body: await readFile(file.file),
      ContentType: file.contentType,
      CacheControl: file.cacheControl,
      Metadata: metadata(file),
    }),
  )
}

async function listPaths({client, bucket, prefix}: BucketTarget): Promise<Set<string>> {
  const paths = new Set<string>()
  for await (const page of paginateListObjectsV2({client}, {Bucket: bucket, Prefix: prefix || undefined})) {
    for (const object of page.Contents ?? []) {
      const path = object.Key?.slice(prefix.length)
      if (path && path !== MANIFEST) paths.add(path)
    }
  }
  return paths
}

async function deletePaths({client, bucket, prefix}: BucketTarget, paths: string[]): Promise<void> {
  for (let start = 0; start < paths.length; start += 1000) {
    const keys = paths.slice(start, start + 1000).map((path) => ({Key: prefix + path}))
    const result = await client.send(new DeleteObjectsCommand({Bucket: bucket, Delete: {Objects: keys, Quiet: true}}))
    const failed = result.Errors?.[0]
    if (failed) throw new Error(`could not delete ${failed.Key}: ${failed.Message ?? failed.Code}`)
  }
}

async function readManifest({client, bucket, prefix}: BucketTarget): Promise<Manifest | null> {
  try {
    const result = await client.send(new GetObjectCommand({Bucket: bucket, Key: prefix + MANIFEST}))
    const value = JSON.parse((await result.Body?.transformToString()) ?? '') as Partial<Manifest>
    return {files: value.files ?? {}, stale: value.stale ?? {}}
  } catch (error) {
    // No manifest, or an unreadable one: everything is uploaded once more.
    if (error instanceof NoSuchKey || error instanceof SyntaxError) return null
    throw error
  }
}

async function writeManifest({client, bucket, prefix}: BucketTarget, manifest: Manifest): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: prefix + MANIFEST,
      Body: `${JSON.stringify(manifest, null, 1)}\n`,
      ContentType: 'application/json; charset=utf-8',
      CacheControl: 'no-store',
    }),
  )
}

async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failed = false
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      try {
        await task(items[next++]!)
      } catch (error) {
        // The others finish what they started and take nothing new.
        failed = true
        throw error
      }
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
}
