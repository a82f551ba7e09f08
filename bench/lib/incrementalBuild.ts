// A build entry like src/build.ts, with Astro's experimental incremental builds switched on, so
// the benchmark can measure them without changing the site's config. Writes to $RECAP_OUT_DIR.
import {build} from 'astro'

await build({logLevel: 'info', experimental: {incrementalBuild: true}})
