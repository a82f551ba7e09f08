// The search index, made by Pagefind from the built pages. It is started as soon as Astro has
// written the last page, so it runs while Astro optimises images instead of after them (about 2.5 s
// of a build at size L); the build waits for it at the end. Pagefind is given the whole folder at
// once, never pages as they render: the order pages are added in changes the index's bytes.
import type {AstroPrerenderer} from 'astro'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'

declare global {
  // The index being made, for src/buildSite.ts: a failed build waits for it before removing its folder.
  var __recapSearchIndex: Promise<void> | undefined
}

/** Indexes every page in `dir` and writes the index to `dir/pagefind/`. */
async function indexSite(dir: URL): Promise<void> {
  const {index, errors} = await pagefind.createIndex({})
  if (!index) throw new Error(`Search index could not start: ${errors.join('; ')}`)
  try {
    const added = await index.addDirectory({path: fileURLToPath(dir)})
    if (added.errors.length) throw new Error(`Search indexing failed: ${added.errors.join('; ')}`)
    await index.writeFiles({outputPath: fileURLToPath(new URL('pagefind/', dir))})
  } finally {
    await pagefind.close()
  }
}

/** Starts the index when `prerenderer` has rendered every page; `done` waits for it (or makes it, if it never started). */
export function searchIndexAfterPages(dir: () => URL) {
  let indexing: Promise<void> | null = null
  let failed = false
  const start = () => {
    indexing = indexSite(dir())
    globalThis.__recapSearchIndex = indexing
    // Kept for `done`; without this, a failure before `done` would end the process unreported.
    indexing.catch(() => {})
  }
  // Astro tears the prerenderer down after a failed render too: no index is started for a build that fails.
  const noting =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      try {
        return await call(...args)
      } catch (error) {
        failed = true
        throw error
      }
    }
  return {
    /** For `setPrerenderer`, once per build. */
    wrap(prerenderer: AstroPrerenderer): AstroPrerenderer {
      indexing = null
      failed = false
      const teardown = prerenderer.teardown?.bind(prerenderer)
      prerenderer.getStaticPaths = noting(prerenderer.getStaticPaths.bind(prerenderer))
      prerenderer.render = noting(prerenderer.render.bind(prerenderer))
      prerenderer.teardown = async () => {
        await teardown?.()
        if (!failed) start()
      }
      return prerenderer
    },
    async done(): Promise<void> {
      if (!indexing) start()
      await indexing
    },
  }
}
