// What the embedded backend needs to know about an image file: its size, dimensions, alpha, SHA-1
// and LQIP placeholder, as the Content Lake would report them. Reading and blurring every image
// took about 3 s of each build at size L, and the answer only changes with the file, so facts are
// kept in memory (the draft preview reloads on every edit) and in the build cache folder (each
// build is a new process), keyed by path, size, modification time and the version of sharp.
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {dirname, extname, join, resolve} from 'node:path'
import sharp from 'sharp'
import {ContentError} from './errors.ts'

export type ImageFacts = {
  bytes: number
  extension: string
  width: number
  height: number
  hasAlpha: boolean
  lqip: string
  sha1hash: string
}

// sharp and libvips (its JPEG encoder makes the placeholder): another version may blur differently.
const SHARP_VERSION = `${sharp.versions.sharp} ${sharp.versions.vips}`
const STORE_FILE = 'recap-image-facts.json'

const inMemory = new Map<string, Promise<ImageFacts>>()
let stored: Map<string, ImageFacts> | null = null
let unsaved = false

const storePath = () => join(resolve(process.env.RECAP_CACHE_DIR || 'node_modules/.astro'), STORE_FILE)

function storedFacts(): Map<string, ImageFacts> {
  if (!stored) {
    try {
      stored = new Map(Object.entries(JSON.parse(readFileSync(storePath(), 'utf8')) as Record<string, ImageFacts>))
    } catch {
      stored = new Map() // No cache yet, or an unreadable one: every image is measured again.
    }
  }
  return stored
}

/** Facts about the image at `localPath`; `documentId` names the document in error messages. */
export async function imageFacts(localPath: string, documentId: string): Promise<ImageFacts> {
  const file = await stat(localPath).catch(() => null)
  if (!file) throw new ContentError(`Document ${documentId}: image file not found: ${localPath}.`)
  const key = `${localPath}\0${file.size}\0${file.mtimeMs}\0${SHARP_VERSION}`
  let facts = inMemory.get(key)
  if (!facts) {
    const known = storedFacts().get(key)
    facts = known ? Promise.resolve(known) : measureImage(localPath, documentId).then((measured) => remember(key, measured))
    inMemory.set(key, facts)
    facts.catch(() => inMemory.delete(key))
  }
  return facts
}

function remember(key: string, facts: ImageFacts): ImageFacts {
  storedFacts().set(key, facts)
  unsaved = true
  return facts
}

/** Writes newly measured facts to the cache folder (a rename, so concurrent builds never read half a file). */
export function saveImageFacts(): void {
  if (!unsaved) return
  unsaved = false
  const target = storePath()
  try {
    mkdirSync(dirname(target), {recursive: true})
    writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify(Object.fromEntries(storedFacts())))
    renameSync(`${target}.${process.pid}.tmp`, target)
  } catch {
    // A read-only or missing cache folder only costs the next build the measuring.
  }
}

async function measureImage(localPath: string, documentId: string): Promise<ImageFacts> {
  const bytes = await readFile(localPath)
  const extension = extname(localPath).slice(1).toLowerCase()
  const image = sharp(bytes)
  const {width, height, hasAlpha} = await image.metadata().catch(() => {
    throw new ContentError(`Document ${documentId}: ${localPath} is not an image sharp can read.`)
  })
  const lqip = await image.clone().resize(20).blur().jpeg({quality: 40}).toBuffer()
  const sha1hash = createHash('sha1').update(bytes).digest('hex')
  return {
    bytes: bytes.length,
    extension,
    width: width!,
    height: height!,
    hasAlpha: Boolean(hasAlpha),
    lqip: lqip.toString('base64'),
    sha1hash,
  }
}
