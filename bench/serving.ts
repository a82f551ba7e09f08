// Serving: requests per second of the rebuild service against nginx, on loopback, in the same run,
// for an HTML page and a hashed /_astro/ asset. wrk runs with a fixed duration and connection count;
// each pair runs back to back after a short warm-up, and the figure is service ÷ nginx.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readdir, readFile, realpath, rm, writeFile} from 'node:fs/promises'
import {createServer} from 'node:net'
import {join} from 'node:path'
import {OUTPUT} from './lib/paths.ts'
import {serveRelease} from './lib/service.ts'
import {sleep} from './lib/stats.ts'

export const WRK_ARGS = ['-t2', '-c32', '-d10s']
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path))
const hasWrk = () => spawnSync('wrk', ['--version']).error === undefined

export type WrkRun = {rps: number; p99Ms: number | null; errors: number}
/** Medians over the rounds; `ratio` is the median of each round's service ÷ nginx. */
export type ServingRow = {target: 'html' | 'asset'; path: string; recap: WrkRun; nginx: WrkRun; ratio: number; ratios: number[]}
export type ServingResult = {wrk: string; rounds: number; nginxWorkers: number; rows: ServingRow[]} | {blocked: string}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise((resolve) => server.close(resolve))
  return port
}

function wrk(url: string, args = WRK_ARGS): WrkRun {
  const run = spawnSync('wrk', [...args, '--latency', '-H', 'Accept-Encoding: gzip', url], {encoding: 'utf8'})
  if (run.status !== 0) throw new Error(`wrk failed on ${url}: ${run.stderr || run.stdout}`)
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1])
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)\b/.exec(run.stdout)
  const p99Ms = p99 ? Number(p99[1]) * {us: 0.001, ms: 1, s: 1000}[p99[2] as 'us' | 'ms' | 's'] : null
  const errors =
    Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(run.stdout)?.[1] ?? 0) + Number(/Socket errors:.*?(\d+)/.exec(run.stdout)?.[1] ?? 0)
  return {rps: Math.round(rps), p99Ms: p99Ms === null ? null : Math.round(p99Ms * 100) / 100, errors}
}

/** A minimal nginx serving `root` on `port`: one worker (the service is one process too) and gzip on. */
async function startNginx(root: string, port: number): Promise<{stop(): Promise<void>}> {
  const dir = join(OUTPUT, 'nginx')
  await rm(dir, {recursive: true, force: true})
  await mkdir(join(dir, 'tmp'), {recursive: true})
  const conf = join(dir, 'nginx.conf')
  await writeFile(
    conf,
    `daemon off;
user root;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml application/xml text/xml;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    location / { try_files $uri $uri/ =404; }
  }
}
`,
  )
  const child: ChildProcess = spawn(NGINX!, ['-p', dir, '-c', conf], {stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) break
    if (child.exitCode !== null || tries > 100) throw new Error(`nginx did not start: ${stderr}`)
    await sleep(50)
  }
  return {
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * A hashed file in _astro/: a stylesheet or script if the build has one (Recap inlines its CSS),
 * else the first WebP image the HTML page refers to, else the first image there is.
 */
async function hashedAsset(siteDir: string, htmlPath: string): Promise<string> {
  const names = (await readdir(join(siteDir, '_astro'))).sort()
  const html = await readFile(join(siteDir, htmlPath, 'index.html'), 'utf8')
  const referenced = /\/_astro\/[^\s"'?,]+\.webp/.exec(html)?.[0]
  const pick =
    names.find((name) => /\.(css|js)$/.test(name)) ??
    referenced?.slice('/_astro/'.length) ??
    names.find((name) => /\.(webp|jpe?g|png|avif|svg)$/.test(name))
  if (!pick) throw new Error(`No hashed asset in ${siteDir}/_astro`)
  return `/_astro/${pick}`
}

const middle = (runs: WrkRun[]): WrkRun => {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps)
  return sorted[Math.floor((sorted.length - 1) / 2)]
}

/**
 * `rounds` rounds per request, the order alternating (service first, then nginx first), so a burst
 * of load from elsewhere on the machine does not land on one server only.
 */
export async function measureServing(releasesDir: string, siteDir: string, htmlPath: string, {rounds = 3} = {}): Promise<ServingResult> {
  if (!hasWrk()) return {blocked: 'wrk is not installed (apt-get install wrk)'}
  if (!NGINX) return {blocked: 'nginx is not installed (apt-get install nginx-light)'}
  const service = await serveRelease(releasesDir)
  const port = await freePort()
  const nginx = await startNginx(await realpath(siteDir), port)
  try {
    const rows: ServingRow[] = []
    for (const [target, path] of [
      ['html', htmlPath],
      ['asset', await hashedAsset(siteDir, htmlPath)],
    ] as const) {
      const urls = {recap: `${service.url}${path}`, nginx: `http://127.0.0.1:${port}${path}`}
      for (const url of Object.values(urls)) wrk(url, ['-t1', '-c4', '-d2s']) // warm-up: file caches, compressed copies
      const recap: WrkRun[] = []
      const nginxRuns: WrkRun[] = []
      for (let round = 0; round < rounds; round++) {
        if (round % 2 === 0) {
          recap.push(wrk(urls.recap))
          nginxRuns.push(wrk(urls.nginx))
        } else {
          nginxRuns.push(wrk(urls.nginx))
          recap.push(wrk(urls.recap))
        }
      }
      const ratios = recap.map((run, index) => Math.round((run.rps / nginxRuns[index].rps) * 100) / 100)
      const ratio = [...ratios].sort((a, b) => a - b)[Math.floor((rounds - 1) / 2)]
      rows.push({target, path, recap: middle(recap), nginx: middle(nginxRuns), ratio, ratios})
    }
    return {wrk: WRK_ARGS.join(' '), rounds, nginxWorkers: 1, rows}
  } finally {
    await nginx.stop()
    await service.stop()
  }
}
