// s3rver as a local S3-compatible store, with website hosting on, so a bucket serves
// `/<bucket>/sessions/x/` from `sessions/x/index.html` the way a CDN in front of it would.

import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {CreateBucketCommand, PutBucketWebsiteCommand, S3Client} from '@aws-sdk/client-s3'
import S3rver from 's3rver'

export const CREDENTIALS = {accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER'}

export interface S3StandIn {
  endpoint: string
  /** A client that counts the objects it puts and, with `failAfterPuts`, loses its connection after that many. */
  client(options?: {failAfterPuts?: number}): {client: S3Client; puts: string[]}
  createSiteBucket(name: string): Promise<void>
  close(): Promise<void>
}

export async function startS3StandIn(): Promise<S3StandIn> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'recap-s3-'))
  const server = new S3rver({port: 0, address: '127.0.0.1', silent: true, directory})
  const {port} = (await server.run()) as {port: number}
  const endpoint = `http://127.0.0.1:${port}`

  const client = ({failAfterPuts = Infinity} = {}) => {
    const s3 = new S3Client({endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS})
    const puts: string[] = []
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') {
          if (puts.length >= failAfterPuts) throw new Error('connection lost')
          puts.push((args.input as {Key: string}).Key)
        }
        return next(args)
      },
      {step: 'initialize', name: 'countPuts'},
    )
    return {client: s3, puts}
  }

  return {
    endpoint,
    client,
    async createSiteBucket(name) {
      const {client: s3} = client()
      await s3.send(new CreateBucketCommand({Bucket: name}))
      await s3.send(
        new PutBucketWebsiteCommand({
          Bucket: name,
          WebsiteConfiguration: {IndexDocument: {Suffix: 'index.html'}, ErrorDocument: {Key: '404.html'}},
        }),
      )
    },
    async close() {
      await server.close()
      await rm(directory, {recursive: true, force: true})
    },
  }
}
