// The search index, made by Pagefind from the built pages. It is started as soon as Astro has
// written the last page, so it runs while Astro optimises images instead of after them (about 2.5 s
// of a build at size L); the build waits for it at the end. Pagefind is given the whole folder at
// once, never pages as they render: the order pages are added in changes the index's bytes.
import type {AstroPrerenderer} from 'astro'
import {fileURLToPath} from 'node:url'
import * as pagefind from 'pagefind'

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
  const start = () => {
    indexing = indexSite(dir())
    // Kept for `done`; without this, a failure before `done` would end the process unreported.
    indexing.catch(() => {})
  }
  return {
    /** For `setPrerenderer`, once per build. */
    wrap(prerenderer: AstroPrerenderer): AstroPrerenderer {
      indexing = null
      const teardown = prerenderer.teardown?.bind(prerenderer)
      prerenderer.teardown = async () => {
        await teardown?.()
        start()
      }
      return prerenderer
    },
    async done(): Promise<void> {
      if (!indexing) start()
      await indexing
    },
  }
}
