// `npm run rollback [release-id]`: points `current` back at the previous release (or the one
// named) with one atomic rename. A running service serves it from the next request on and
// does not rebuild over it until new content arrives; a build already running when you roll
// back still publishes when it finishes, since it was started by newer content.

import {loadConfig} from './config.ts'
import {listReleases, rollback} from './releases.ts'

async function cli(argv: string[]): Promise<number> {
  const [target, ...rest] = argv
  if (rest.length > 0 || target === '--help' || target === '-h') {
    process.stdout.write('usage: npm run rollback [release-id]\n')
    return target === '--help' || target === '-h' ? 0 : 2
  }
  // Only RECAP_RELEASES_DIR matters here; flags belong to the service, not to this command.
  let releasesDir: string
  try {
    ;({releasesDir} = loadConfig(process.env, []))
  } catch (error) {
    process.stderr.write(`rollback failed: ${(error as Error).message}\n`)
    return 1
  }
  try {
    const {from, to} = await rollback(releasesDir, target)
    process.stdout.write(`rolled back from ${from ?? '(none)'} to ${to}\n`)
    return 0
  } catch (error) {
    const releases = await listReleases(releasesDir).catch(() => [])
    process.stderr.write(`rollback failed: ${(error as Error).message}\n`)
    if (releases.length > 0) process.stderr.write(`releases: ${releases.join(' ')}\n`)
    return 1
  }
}

if (import.meta.main) process.exitCode = await cli(process.argv.slice(2))
