// `npm run deploy -- <dist or release>`: publishes a built site to an S3-compatible bucket
// (bucket-deploy.ts). The argument is a folder (`dist`, `releases/current`) or the id of a
// release under RECAP_RELEASES_DIR. Credentials come the AWS SDK's usual way
// (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an instance role).
//
// RECAP_S3_BUCKET         the bucket (required)
// RECAP_S3_ENDPOINT       the S3 API endpoint, for R2, MinIO and other non-AWS stores (default: AWS)
// RECAP_S3_REGION         the bucket's region (default: AWS_REGION, else us-east-1; R2 uses auto)
// RECAP_S3_PREFIX         key prefix, to keep the site in a folder of the bucket (default: none)
// RECAP_S3_GRACE_SECONDS  how long an object the site no longer has is kept (default 172800, two days)
// RECAP_STUDIO_ORIGIN     the Studio that may frame pages, written into each page's CSP metadata

import {stat} from 'node:fs/promises'
import path from 'node:path'
import {S3Client} from '@aws-sdk/client-s3'
import {REPO_ROOT} from '../../core/repoRoot.ts'
import {studioOriginFrom} from '../../core/headers.ts'
import {createLog} from '../../core/log.ts'
import {deployToBucket} from './bucket-deploy.ts'

export const DEFAULT_GRACE_SECONDS = 2 * 24 * 3600

// Non-AWS stores (MinIO, local stand-ins) address buckets by path (R2 accepts both), and some
// reject the CRC32 checksums the SDK adds to every upload by default, so it adds them only
// where the S3 API requires one.
const S3_COMPATIBLE = {
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} as const

type Env = Record<string, string | undefined>

export class UsageError extends Error {}

export async function resolveSite(arg: string | undefined, env: Env = process.env): Promise<string> {
  if (!arg) throw new UsageError('say what to deploy: npm run deploy -- dist (or a release id, or releases/current)')
  const releasesDir = path.resolve(REPO_ROOT, env.RECAP_RELEASES_DIR || 'releases')
  for (const candidate of [path.resolve(arg), path.join(releasesDir, arg)]) {
    if ((await stat(candidate).catch(() => null))?.isDirectory()) return candidate
  }
  throw new UsageError(`${arg} is neither a folder nor a release in ${releasesDir}`)
}

export function bucketSettings(env: Env = process.env) {
  const bucket = env.RECAP_S3_BUCKET?.trim()
  if (!bucket) throw new UsageError('RECAP_S3_BUCKET is not set; set it to the bucket the CDN serves')
  const grace = env.RECAP_S3_GRACE_SECONDS?.trim() || String(DEFAULT_GRACE_SECONDS)
  if (!/^\d+$/.test(grace)) throw new UsageError(`RECAP_S3_GRACE_SECONDS=${JSON.stringify(grace)} is not a whole number of seconds`)
  const rawPrefix = (env.RECAP_S3_PREFIX ?? '').trim().replace(/^\/+|\/+$/g, '')
  const endpoint = env.RECAP_S3_ENDPOINT?.trim() || undefined
  return {
    bucket,
    prefix: rawPrefix ? `${rawPrefix}/` : '',
    graceMs: Number(grace) * 1000,
    endpoint,
    region: env.RECAP_S3_REGION?.trim() || env.AWS_REGION || 'us-east-1',
  }
}

async function cli(): Promise<void> {
  const log = createLog()
  try {
    const dir = await resolveSite(process.argv[2])
    const settings = bucketSettings()
    const client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      ...(settings.endpoint ? S3_COMPATIBLE : {}),
    })
    log('deploy.started', {dir, bucket: settings.bucket, prefix: settings.prefix || undefined, endpoint: settings.endpoint})
    const headers = {studioOrigin: studioOriginFrom(process.env.RECAP_STUDIO_ORIGIN)}
    const report = await deployToBucket({dir, target: {client, ...settings}, graceMs: settings.graceMs, log, headers})
    log('deploy.finished', {
      files: report.files,
      uploaded: report.uploaded.hashed + report.uploaded.other + report.uploaded.html,
      unchanged: report.unchanged,
      deleted: report.deleted,
      stale: report.stale,
    })
  } catch (error) {
    log('deploy.failed', {error: explain(error)})
    process.exitCode = 1
  }
}

function explain(error: unknown): string {
  const {name, message} = error as Error
  if (error instanceof UsageError) return message
  if (name === 'CredentialsProviderError') return `no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (${message})`
  if (name === 'NoSuchBucket') return `the bucket does not exist at this endpoint; create it or fix RECAP_S3_BUCKET`
  return `${message}; every page in the bucket is still whole (old or new), so run the deploy again to finish`
}

if (import.meta.main) await cli()
