// Writes docs/performance.md and its charts from a run's results. The page is regenerated on every
// full run; only the text between the notes markers is kept from the previous version.
import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {lineChart, stackedBars} from './charts.ts'
import {CATEGORIES} from './lighthouse.ts'
import {DOCS, REPORT_FILE} from './lib/paths.ts'
import {isSkipped, type Results} from './lib/results.ts'
import type {PublishResult as PublishPoint} from './publish.ts'

export const BUILD_CHART = 'performance-build-time.svg'
export const WEIGHT_CHART = 'performance-page-weight.svg'
export const PUBLISH_CHART = 'performance-publish-to-live.svg'
const NOTES_START = '<!-- notes:start -->'
const NOTES_END = '<!-- notes:end -->'
const DEFAULT_NOTES = `${NOTES_START}\n_Observations written by hand go here; the benchmark keeps this section._\n${NOTES_END}`

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const mb = (kb: number | null) => (kb === null ? '–' : `${Math.round(kb / 1024)} MB`)
const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const verdict = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? 'met' : '**not met**')
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n')

function buildChart(results: Results): string {
  return lineChart({
    title: 'Build time against page count',
    description: `Recap's cold build and a bare Astro site with as many pages and no images, at sizes ${results.builds.map((build) => build.size).join(', ')}, and Recap's warm rebuild.`,
    xLabel: 'pages rendered',
    yLabel: 'build time (s)',
    series: [
      {
        name: 'Recap, cold',
        colour: '#1f5fbf',
        points: results.builds.map((build) => ({x: build.recap.pages, y: build.recap.ms / 1000, label: build.size})),
      },
      {
        name: 'Rendering floor',
        colour: '#c2571a',
        dashed: true,
        points: results.builds.map((build) => ({x: build.recap.pages, y: build.floor.ms / 1000, label: build.size})),
      },
      ...(isSkipped(results.warm)
        ? []
        : [
            {
              name: 'Recap, warm (one title changed)',
              colour: '#2f8f5b',
              points: results.warm.map((one) => ({x: one.build.pages, y: one.build.ms / 1000, label: `${one.size} warm`})),
            },
          ]),
    ],
  })
}

function publishChart(results: Results): string | null {
  if (isSkipped(results.publish)) return null
  const pagesOf = (size: string) => results.builds.find((build) => build.size === size)?.recap.pages ?? 0
  const series = (name: string, colour: string, ms: (one: PublishPoint) => number, dashed = false) => ({
    name,
    colour,
    dashed,
    points: (results.publish as PublishPoint[]).map((one) => ({x: pagesOf(one.size), y: ms(one) / 1000, label: one.size})),
  })
  return lineChart({
    title: 'Publish to live against site size',
    description: `Seconds from a signed webhook for a one-title change to the first response showing it, at sizes ${(results.publish as PublishPoint[]).map((one) => one.size).join(', ')}, and the build's share of it.`,
    xLabel: 'pages',
    yLabel: 'seconds',
    series: [
      series('Publish to live', '#1f5fbf', (one) => one.totalMs),
      series('Build', '#2f8f5b', (one) => one.buildMs, true),
      series('Quiet period', '#c2571a', (one) => one.quietMs, true),
    ],
  })
}

function weightChart(results: Results): string | null {
  if (isSkipped(results.weight)) return null
  return stackedBars({
    title: `Bytes per template, gzipped (size ${results.siteSize})`,
    description: 'HTML, CSS, JavaScript, fonts and images Chromium loads at a 1280 px wide viewport, scrolled to the end, per template.',
    unit: 'KB, gzipped',
    parts: [
      {name: 'HTML', colour: '#1f5fbf'},
      {name: 'CSS', colour: '#7a4cc2'},
      {name: 'JavaScript', colour: '#d1342f'},
      {name: 'Fonts', colour: '#c28a1f'},
      {name: 'Images', colour: '#6b9e3a'},
    ],
    rows: results.weight.pages.map((page) => ({
      label: page.template,
      parts: [page.html, page.css, page.js, page.fonts ?? 0, page.images].map((bytes) => bytes / 1024),
    })),
  })
}

/** The run: when, where, on what. */
function introSection(results: Results): string[] {
  const out: string[] = []
  const {machine} = results
  out.push(
    `Measured ${results.startedAt.slice(0, 10)} at commit \`${results.commit}\` by \`npm run bench\` (${results.mode} run, sizes ${results.sizes.join(', ')}), in ${(results.durationMs / 60000).toFixed(0)} minutes on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, Astro ${machine.astro}. Raw figures: \`bench/output/results.json\`; build logs: \`bench/output/logs/\`.`,
  )
  out.push(
    'Machines are shared and noisy, so timings are ratios against a baseline measured in the same run (the rendering floor, the cold build, nginx), or counts. Only counts can fail a run, and only `npm run bench -- --quick`, which CI runs.',
  )
  return out
}

/** Every target with its verdict. */
function targetsSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Targets')
  out.push(
    table(
      ['', 'Target', 'Measured', 'Verdict'],
      results.checks.map((check) => [`${check.title}${check.enforced ? ' ¹' : ''}`, check.target, check.measured, verdict(check.pass)]),
    ),
  )
  out.push('¹ Checked by `npm run bench -- --quick` at size S: the run fails when it is not met.')
  return out
}

/** The generated datasets. */
function datasetsSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Datasets')
  out.push(
    table(
      ['Size', 'Documents', 'Photos', 'Image bytes', 'Generated in'],
      results.datasets.map((set) => [
        set.size,
        set.documents,
        set.photos,
        `${(set.imageBytes / 2 ** 20).toFixed(1)} MB`,
        set.generatedMs === null ? 'reused' : seconds(set.generatedMs),
      ]),
    ),
  )
  out.push(
    'Made by `node bench/generate.ts --size S|M|L`: events, sessions, demos and photos with rich text and inline references, and JPEGs of varied sizes and shapes with photo-like detail. `test/bench/generated-dataset.test.ts` checks that S passes the Studio’s validation.',
  )
  return out
}

/** Queries per build at each size. */
function queriesSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Queries per build')
  out.push(
    table(
      ['Size', 'Pages', 'Requests to the Content Lake stand-in', 'Queries in the build log', 'Site query, embedded backend'],
      results.builds.map((build) => [
        build.size,
        build.recap.pages,
        build.recap.lakeRequests ?? '–',
        build.recap.queriesLogged ?? '–',
        `${build.siteQueryMs} ms`,
      ]),
    ),
  )
  out.push(
    'Each build queries `test/helpers/contentLake.ts` over HTTP (`SANITY_PROJECT_ID=bench SANITY_API_HOST=<stand-in>`), which counts the requests it answers.',
  )
  return out
}

/** Cold builds against the rendering floor, and where their time went. */
function buildScalingSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Build scaling')
  out.push(
    table(
      [
        'Size',
        'Pages',
        'Pages and endpoints',
        'Output files',
        'Cold build',
        'ms/page',
        'Peak RSS',
        'Floor',
        'Recap ÷ floor',
        'Without images ÷ floor',
        'Render ms per route',
        'Floor render ms per page',
        'Render ÷ floor',
      ],
      results.builds.map((build) => [
        build.size,
        build.recap.pages,
        build.recap.routes,
        build.outputFiles ?? '–',
        seconds(build.recap.ms),
        build.msPerPage,
        mb(build.recap.maxRssKb),
        seconds(build.floor.ms),
        `${build.floorRatio}×`,
        `${build.withoutImagesRatio.toFixed(2)}×`,
        build.renderMsPerRoute,
        build.floorRenderMsPerPage,
        `${build.renderRatio.toFixed(2)}×`,
      ]),
    ),
  )
  out.push(
    `Cost per page at L over M: ${results.msPerPageRatioML === null ? 'not measured (needs both sizes)' : `${results.msPerPageRatioML}×`}. ${results.builds.every((build) => build.cold) ? 'Cold: Astro’s cache (`node_modules/.astro`, where optimised images are kept) and the output were removed first.' : 'Not cold: a `--quick` run keeps Astro’s cache.'} Peak RSS is the build process’s own (\`process.resourceUsage().maxRSS\`); the search indexer’s child process is not included. The floor (\`bench/floor/\`) renders as many pages as Recap renders pages and endpoints (before 2026-12-01 it rendered as many as Recap's HTML pages, which made it smaller at M and L), from a JSON file, with no images, queries or integrations. Render: the phase in which Astro generates the routes (for Recap, the site query included), per route. Outputs and caches a run replaces are moved aside and deleted at its end, because deleting tens of thousands of files slows the disk writes of the next few seconds several times over.`,
  )
  out.push(`![Build time against page count](${BUILD_CHART})`)
  out.push('Where the time goes (from the time each of Astro’s log lines arrived):')
  const phaseNames = [...new Set(results.builds.flatMap((build) => Object.keys(build.recap.phases)))]
  out.push(
    table(
      ['Size', ...phaseNames, 'Images optimised', 'Cores busy while optimising'],
      results.builds.map((build) => [
        build.size,
        ...phaseNames.map((name) =>
          build.recap.phases[name] === undefined
            ? '–'
            : `${seconds(build.recap.phases[name])} (${Math.round((build.recap.phases[name] / build.recap.ms) * 100)}%)`,
        ),
        build.recap.images.generated + build.recap.images.reused,
        build.recap.imageCores == null ? '–' : `${build.recap.imageCores} of ${results.machine.cpus}`,
      ]),
    ),
  )
  out.push(
    'startup: Node and Astro loading; bundle: Vite; render: generating the pages, the query included; images: optimising; integrations: sitemap and search index; finish: moving the build into place. Cores busy: the build’s CPU time (all its threads, from `/proc`) over the wall time of the images phase.',
  )
  return out
}

/** One-title rebuilds against the cold builds. */
function warmSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Warm rebuild')
  const {warm} = results
  if (isSkipped(warm)) out.push(`Not measured: ${warm.skipped}.`)
  else {
    out.push(
      table(
        ['Size', 'Cold', 'Warm', 'Warm ÷ cold', 'Rendered', 'Reused', 'Images generated', 'Images from the cache', 'Edit visible'],
        warm.map((one) => [
          one.size,
          seconds(results.builds.find((build) => build.size === one.size)!.recap.ms),
          seconds(one.build.ms),
          `${Math.round(one.fractionOfCold * 1000) / 10}%`,
          one.build.renderedPages,
          one.build.skippedPages,
          one.build.images.generated,
          one.build.images.reused + one.build.images.revalidated,
          one.editVisible ? 'yes' : '**no**',
        ]),
      ),
    )
    out.push(
      `Right after each size’s cold build, the title of \`${warm[0].edited.id}\` changed and the site was rebuilt into a new folder with the cache the cold build left (Astro’s \`experimental.incrementalBuild\`, with a \`cacheKey\` per page from the documents it showed; see \`src/lib/incremental/\`). Rendered and reused count the pages and endpoints (calendars, schedules) that have a \`cacheKey\`; the pages without \`getStaticPaths\` (home, topics index, search, feed, 404, robots.txt) always render. Phases at ${warm.at(-1)!.size}: ${Object.entries(
        warm.at(-1)!.build.phases,
      )
        .map(([name, ms]) => `${name} ${seconds(ms)}`)
        .join(', ')}.`,
    )
  }
  return out
}

/** Publish to live at each size. */
function publishSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Publish to live')
  const {publish} = results
  if (isSkipped(publish)) out.push(`Not measured: ${publish.skipped}.`)
  else {
    out.push(
      table(
        ['Size', 'Pages', 'Publish to live', 'Quiet period', 'Build', 'Swap and first response', 'First publish after the cold build'],
        publish.map((one) => [
          one.size,
          results.builds.find((build) => build.size === one.size)?.recap.pages ?? '–',
          seconds(one.totalMs),
          seconds(one.quietMs),
          seconds(one.buildMs),
          seconds(one.swapMs),
          seconds(one.firstTotalMs),
        ]),
      ),
    )
    out.push(`![Publish to live against site size](${PUBLISH_CHART})`)
    out.push(
      '`npm start` serving the size’s cold build, with its default 3 s quiet period; the dataset gets one new session title, one signed webhook arrives, and the session page is fetched every 50 ms until it shows the title; the figures are from the second such publish, the last column from the first (the first build of a service after a cold build; it also fills the embedded dataset’s image facts when nothing else has). Quiet period: webhook to `build.started`; build: to `build.finished` (the build, validation and the swap of `current`); swap and first response: from there to the first response with the new title.',
    )
  }
  return out
}

/** Webhook deliveries during a build. */
function burstSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Webhook burst')
  const {burst} = results
  if (isSkipped(burst)) out.push(`Not measured: ${burst.skipped}.`)
  else {
    out.push(
      table(
        ['Deliveries', 'Answers', 'Ack p50', 'Ack p99', 'Ack max', 'p99 while building', 'Builds after', 'Lost'],
        [
          [
            `${burst.deliveries} in ${burst.windowMs / 1000} s`,
            Object.entries(burst.statuses)
              .map(([status, count]) => `${count} × ${status}`)
              .join(', '),
            `${burst.ackMs.p50} ms`,
            `${burst.ackMs.p99} ms`,
            `${burst.ackMs.max} ms`,
            burst.ackMsDuringBuild ? `${burst.ackMsDuringBuild.p99} ms (${burst.duringBuild} deliveries)` : '–',
            burst.builds,
            burst.lost ? '**yes**' : 'none',
          ],
        ],
      ),
    )
    out.push(
      `\`npm start\` on the ${burst.size} dataset with a signing secret; once the first release was out, Astro’s cache was emptied and one delivery started a build, during which ${burst.deliveries} signed deliveries, each with its own body and idempotency key, arrived evenly over ${burst.windowMs / 1000} s. “Builds after” counts builds started after the first release. Last acknowledgement ${burst.lastAckAt}; the final release’s build started ${burst.finalBuildStartedAt ?? 'never'}.`,
    )
  }
  return out
}

/** Draft preview freshness. */
function previewSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Draft preview')
  const {preview} = results
  if (!preview || isSkipped(preview)) out.push(`Not measured${preview ? `: ${preview.skipped}` : ''}.`)
  else {
    out.push(
      table(
        ['Size', 'Sessions', 'Edit to page', 'One page render', 'Ratio', 'Preview start'],
        preview.map((figure) => [
          figure.size,
          figure.sessions,
          `${figure.freshMs} ms`,
          `${figure.pageMs} ms`,
          `${figure.ratio}×`,
          seconds(figure.startMs),
        ]),
      ),
    )
    out.push(
      'The preview process (`src/preview/server.ts`) on the size’s dataset: the median time from saving a draft of one session with a new title to its page showing it (the change feed’s notice and one render included), against the median warm render of that page.',
    )
  }
  return out
}

/** Bytes per template. */
function weightSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Page weight')
  const {weight} = results
  if (isSkipped(weight)) out.push(`Not measured: ${weight.skipped}.`)
  else {
    out.push(
      table(
        ['Template', 'Page', 'HTML', 'CSS', 'JS', 'Fonts', 'Images (scrolled)', 'Images (first screen)', 'HTML + CSS'],
        weight.pages.map((page) => [
          page.template,
          `\`${page.path}\``,
          kb(page.html),
          kb(page.css),
          kb(page.js),
          kb(page.fonts ?? 0),
          `${kb(page.images)} (${page.imageCount})`,
          kb(page.imagesAboveFold),
          kb(page.html + page.css),
        ]),
      ),
    )
    out.push(
      `KB gzipped, at size ${results.siteSize}. CSS counts inline \`<style>\` and linked stylesheets; Fonts counts the web fonts Chromium loaded (one file, cached across pages); JS counts executable scripts (JSON-LD is data and stays in HTML). ${weight.pages.every((page) => page.imagesFrom === 'chromium') ? 'Images are those Chromium requested at a 1280 × 800 viewport, before scrolling and after scrolling to the end.' : 'Images are the `src` of each `<img>` (no browser was available).'} Built pages other than search with script: ${weight.pagesWithScript.length}.`,
    )
    out.push(`![Bytes per template](${WEIGHT_CHART})`)
  }
  return out
}

/** Lighthouse scores per template. */
function lighthouseSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Lighthouse')
  const {lighthouse} = results
  if (isSkipped(lighthouse)) out.push(`Not measured: ${lighthouse.skipped}.`)
  else if ('blocked' in lighthouse) out.push(`Blocked: ${lighthouse.blocked}.`)
  else {
    out.push(
      table(
        ['Template', ...CATEGORIES, 'Performance, every run', 'Lost points on'],
        lighthouse.pages.map((page) => [
          page.template,
          ...CATEGORIES.map((category) => page.scores[category] ?? '–'),
          (page.performanceRuns ?? []).join(', '),
          Object.values(page.failing).flat().join(', ') || '–',
        ]),
      ),
    )
    out.push(
      `Lighthouse ${lighthouse.version}, default (mobile) preset, Debian’s Chromium, pages of the size ${results.siteSize} build served by \`npm start\`; each page audited ${lighthouse.pages[0]?.performanceRuns?.length ?? 1} time(s), the figures from the run with the median performance score. Reports: \`bench/output/lighthouse/\`.`,
    )
  }
  return out
}

/** Requests per second against nginx. */
function servingSection(results: Results): string[] {
  const out: string[] = []
  out.push('## Serving')
  const {serving} = results
  if (isSkipped(serving)) out.push(`Not measured: ${serving.skipped}.`)
  else if ('blocked' in serving) out.push(`Blocked: ${serving.blocked}.`)
  else {
    out.push(
      table(
        ['Request', 'Path', 'Service req/s', 'nginx req/s', 'Service ÷ nginx', 'Service p99', 'nginx p99'],
        serving.rows.map((row) => [
          row.target,
          `\`${row.path}\``,
          row.recap.rps,
          row.nginx.rps,
          `${row.ratio}×`,
          `${row.recap.p99Ms} ms`,
          `${row.nginx.p99Ms} ms`,
        ]),
      ),
    )
    out.push(
      `\`wrk ${serving.wrk} --latency -H 'Accept-Encoding: gzip'\` on loopback, after a short warm-up, ${serving.rounds} rounds with the service and nginx back to back (order alternating); medians, and the median of the rounds’ ratios (${serving.rows.map((row) => `${row.target}: ${row.ratios.join(', ')}`).join('; ')}). nginx: ${serving.nginxWorkers} worker (the service is one process), \`sendfile on\`, \`gzip on\` at its default level, otherwise defaults. wrk shares the machine’s cores with the server it measures.`,
    )
  }
  return out
}

/** Warnings and errors of the run, if any. */
function problemsSection(results: Results): string[] {
  const out: string[] = []
  if (results.warnings.length) {
    out.push('## Warnings')
    out.push(results.warnings.map((warning) => `- ${warning}`).join('\n'))
  }
  if (results.errors.length) {
    out.push('## Errors in this run')
    out.push(results.errors.map((error) => `- ${error.step}: ${error.message.split('\n')[0]}`).join('\n'))
  }
  return out
}

const SECTIONS = [
  introSection,
  targetsSection,
  datasetsSection,
  queriesSection,
  buildScalingSection,
  warmSection,
  publishSection,
  burstSection,
  previewSection,
  weightSection,
  lighthouseSection,
  servingSection,
  problemsSection,
]

const sections = (results: Results) => SECTIONS.flatMap((section) => section(results))

export async function writeReport(results: Results) {
  await mkdir(DOCS, {recursive: true})
  const previous = existsSync(REPORT_FILE) ? await readFile(REPORT_FILE, 'utf8') : ''
  const start = previous.indexOf(NOTES_START)
  const end = previous.indexOf(NOTES_END)
  const notes = start >= 0 && end > start ? previous.slice(start, end + NOTES_END.length) : DEFAULT_NOTES
  await writeFile(join(DOCS, BUILD_CHART), buildChart(results))
  const weight = weightChart(results)
  if (weight) await writeFile(join(DOCS, WEIGHT_CHART), weight)
  const publish = publishChart(results)
  if (publish) await writeFile(join(DOCS, PUBLISH_CHART), publish)
  const page = [
    '# Performance',
    '<!-- Generated by `npm run bench` (bench/report.ts). Edit only between the notes markers; the rest is rewritten on every run. -->',
    '`npm run bench` measures a full run at sizes S, M and L; `npm run bench -- --quick` runs size S only and fails when a count (queries per build, JavaScript on content pages, Lighthouse accessibility, best practices and SEO) misses its target. `--sizes S,M` and `--skip warm,publish,burst,weight,lighthouse,serving` narrow a run. It needs Chromium at `/usr/bin/chromium`; the serving comparison needs `wrk` and `nginx`.',
    ...sections(results),
    '## Notes',
    notes,
  ]
  await writeFile(REPORT_FILE, `${page.join('\n\n')}\n`)
}
