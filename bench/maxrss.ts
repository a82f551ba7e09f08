// Preloaded into a build (`node --import ./bench/maxrss.ts src/buildSite.ts`): on exit, records the
// process's peak resident memory, in kilobytes, to $BENCH_MAXRSS_FILE (or stderr).
import {writeFileSync} from 'node:fs'

process.on('exit', () => {
  const kilobytes = process.resourceUsage().maxRSS
  if (process.env.BENCH_MAXRSS_FILE) writeFileSync(process.env.BENCH_MAXRSS_FILE, `${kilobytes}\n`)
  else process.stderr.write(`maxrss_kb=${kilobytes}\n`)
})
