// The preview renderer is compiled from the site's source, not from content, so it is built once per
// version of the code and kept under a name made from a hash of that code. It lives inside the
// repository (in .astro/, which git ignores) because its chunks import the project's node_modules.

export const rendererDir = (repoRoot: string) => path.join(repoRoot, '.astro', 'preview-renderer')
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {access, mkdir, readFile, readdir, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'

const INPUTS = ['src', 'astro.config.mjs', 'package-lock.json']

async function sourceHash(repoRoot: string): Promise<string> {
  // The site's URL is read when the renderer is compiled, so it is part of what the renderer is made from.
  const hash = createHash('sha256').update(`SITE_URL=${process.env.SITE_URL ?? ''}\0`)
  for (const input of INPUTS) {
    const full = path.join(repoRoot, input)
    const names = input.includes('.') ? [''] : (await readdir(full, {recursive: true})).sort()
    for (const name of names) {
      const file = path.join(full, name)
      const bytes = await readFile(file).catch(() => null)
      if (bytes) hash.update(`${path.relative(repoRoot, file)}\0`).update(bytes)
    }
  }
  return hash.digest('hex').slice(0, 16)
}

/** The renderer's server entry for the current code, building it first when there is none. */
export async function ensureRenderer(repoRoot: string, dir = rendererDir(repoRoot)): Promise<{entry: string; client: string}> {
  const target = path.join(dir, await sourceHash(repoRoot))
  const entry = path.join(target, 'server', 'entry.mjs')
  const client = path.join(target, 'client')
  if (
    await access(entry).then(
      () => true,
      () => false,
    )
  )
    return {entry, client}
  await mkdir(dir, {recursive: true})
  const staging = `${target}.tmp-${process.pid}`
  await rm(staging, {recursive: true, force: true})
  const script = path.join(repoRoot, 'src', 'preview', 'compileRenderer.ts')
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [script, staging], {cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit']})
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) throw new Error(`Building the preview renderer failed (exit ${code}); see the lines above.`)
  // Another service on the same code may have finished first; its renderer is as good.
  const moved = await rename(staging, target).then(
    () => true,
    () => false,
  )
  if (!moved) await rm(staging, {recursive: true, force: true})
  await pruneRenderers(dir)
  return {entry, client}
}

// Renderers of older code are not needed once a service restarts on new code; a few are kept, since a
// preview process still running loads its pages from its renderer on demand.
const KEEP_RENDERERS = 3

async function pruneRenderers(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => !name.includes('.tmp-'))
  // Another service may be pruning at the same moment: what is gone is skipped.
  const dated = (
    await Promise.all(
      names.map((name) =>
        stat(path.join(dir, name)).then(
          ({mtimeMs}) => ({name, mtimeMs}),
          () => null,
        ),
      ),
    )
  ).filter((entry) => entry !== null)
  for (const {name} of dated.sort((a, b) => b.mtimeMs - a.mtimeMs).slice(KEEP_RENDERERS)) {
    await rm(path.join(dir, name), {recursive: true, force: true})
  }
}
