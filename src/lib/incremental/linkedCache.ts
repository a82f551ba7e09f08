// Astro's incremental build keeps a copy of every keyed page in its cache: it writes each rendered
// page twice (output and cache) and copies each reused page back into the output. Recap never
// changes a file once it is written (releases are immutable, and this module replaces cache entries
// rather than overwriting them), so output, cache and earlier releases can share the same bytes
// through hard links: one link per page instead of a second write or a copy. Where a link fails
// (a file system without them), the bytes are copied or written instead. This replaces methods of
// a private Astro class, so it is only done for the Astro versions it was checked against.
// The guarantee rests on two things: Astro writes rendered pages only into an empty staging folder
// (src/buildSite.ts empties it first), and nothing rewrites a built file afterwards.
import {copyFile, link, mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

type Settings = {config: {cacheDir: URL; outDir: URL}}
type CacheMethods = {
  restoreOutputFile(settings: Settings, outputFile: string, destination: URL): Promise<boolean>
  writeOutputFile(settings: Settings, outputFile: string, body: Uint8Array): Promise<void>
}

// Astro 7.3's generate.js calls restoreOutputFile and writeOutputFile as read below.
const CHECKED_ASTRO = /^7\.3\.\d+$/

/** True for the Astro versions whose cache class the link step was checked against. */
export const isCheckedAstro = (version: string): boolean => CHECKED_ASTRO.test(version)

const cachedFile = (settings: Settings, outputFile: string) => new URL(outputFile, new URL('dist/', settings.config.cacheDir))
const code = (error: unknown) => (error as NodeJS.ErrnoException).code

// Folders made so far in this build (a session page and its calendar share one).
const madeFolders = new Set<string>()
async function folderOf(file: URL): Promise<void> {
  const folder = fileURLToPath(new URL('./', file))
  if (madeFolders.has(folder)) return
  await mkdir(folder, {recursive: true})
  madeFolders.add(folder)
}

/** Puts `from`'s bytes at `to` as a new file (a link where possible), never writing into an existing one. */
async function replaceWith(from: URL, to: URL, body: Uint8Array): Promise<void> {
  const temporary = new URL(`${to.href}.${process.pid}.tmp`)
  try {
    await link(from, temporary)
  } catch {
    // A leftover from an interrupted build, or a file system without links.
    await rm(temporary, {force: true})
    await link(from, temporary).catch(() => writeFile(temporary, body))
  }
  await rename(temporary, to)
}

async function restoreByLink(settings: Settings, outputFile: string, destination: URL): Promise<boolean> {
  const cached = cachedFile(settings, outputFile)
  await folderOf(destination)
  try {
    await link(cached, destination)
  } catch (error) {
    if (code(error) === 'ENOENT') return false
    if (code(error) === 'EEXIST') return true
    await copyFile(cached, destination)
  }
  return true
}

async function writeByLink(settings: Settings, outputFile: string, body: Uint8Array): Promise<void> {
  const cached = cachedFile(settings, outputFile)
  await folderOf(cached)
  await replaceWith(new URL(outputFile, settings.config.outDir), cached, body)
}

/**
 * Makes Astro's incremental cache share files with the output by hard links. Call before `build()`.
 * Returns false, and changes nothing, when this Astro version's cache does not look as expected.
 */
export async function linkIncrementalCache(): Promise<boolean> {
  const {version} = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('astro')), 'utf8')) as {version: string}
  if (!isCheckedAstro(version)) return false
  const module = await import(new URL('./core/build/incremental.js', import.meta.resolve('astro')).href).catch(() => null)
  const prototype = (module?.IncrementalBuildCache as {prototype: CacheMethods} | undefined)?.prototype
  if (typeof prototype?.restoreOutputFile !== 'function' || typeof prototype.writeOutputFile !== 'function') return false
  madeFolders.clear()
  prototype.restoreOutputFile = restoreByLink
  prototype.writeOutputFile = writeByLink
  return true
}
