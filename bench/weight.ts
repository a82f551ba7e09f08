// Page weight per template, gzipped: HTML, CSS (inline <style> and stylesheets), JavaScript (inline
// and external, JSON-LD excluded: it is data), the web fonts and the images Chromium loads at a 1280 px wide
// viewport, before and after scrolling through the page. Content pages must ship no JavaScript.
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parse, type DefaultTreeAdapterMap} from 'parse5'
import {chromium} from 'playwright-core'
import {CHROMIUM, CHROMIUM_FLAGS, hasChromium} from './lib/browser.ts'
import {listFiles} from './lib/files.ts'
import {gzipBytes} from './lib/stats.ts'
import {CONTENT_TEMPLATES, type Template} from './lib/templates.ts'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

export const VIEWPORT = {width: 1280, height: 800}

export type PageWeight = {
  template: Template
  path: string
  html: number
  css: number
  js: number
  /** Web fonts Chromium loaded (the display face), gzipped like the rest; 0 without a browser. */
  fonts: number
  /** Images loaded once the page has been scrolled to the end, and those loaded before any scrolling. */
  images: number
  imageCount: number
  imagesAboveFold: number
  /** Where the image list came from: Chromium's requests, or the img src attributes when no browser is available. */
  imagesFrom: 'chromium' | 'markup'
  /** Scripts Chromium requested (a second check on `js`). */
  scriptRequests: number
}

export type WeightResult = {
  pages: PageWeight[]
  /** Built HTML files, other than the search page, with executable script. */
  pagesWithScript: string[]
  contentJsBytes: number
  contentScriptRequests: number
}

const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript'])

const attr = (element: Element, name: string) => element.attrs.find((item) => item.name === name)?.value
const textOf = (element: Element) =>
  element.childNodes.map((child) => ('value' in child && child.nodeName === '#text' ? child.value : '')).join('')

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node
  const children = 'childNodes' in node ? node.childNodes : []
  for (const child of children) yield* elements(child)
  if (node.nodeName === 'template' && 'content' in node) yield* elements(node.content as Node)
}

/** The file behind a same-site URL, or null for another site. */
function localFile(siteDir: string, pageUrl: string, href: string, origins: string[]): string | null {
  const url = new URL(href, pageUrl)
  if (!origins.includes(url.origin)) return null
  const path = decodeURIComponent(url.pathname)
  return join(siteDir, path.endsWith('/') ? `${path}index.html` : path)
}

const bytesOf = async (file: string | null) => (file ? gzipBytes(await readFile(file).catch(() => Buffer.alloc(0))) : 0)

/** HTML, CSS and JS bytes of a page, from its markup and the files it links. */
async function markupWeight(siteDir: string, path: string, origins: string[]) {
  const pageUrl = `${origins[0]}${path}`
  const html = await readFile(join(siteDir, path, 'index.html'), 'utf8')
  let inlineCss = ''
  let inlineJs = ''
  let css = 0
  let js = 0
  const images: string[] = []
  let stripped = html
  for (const element of elements(parse(html))) {
    if (element.tagName === 'style') {
      inlineCss += textOf(element)
      stripped = stripped.replace(textOf(element), '')
    } else if (element.tagName === 'script' && EXECUTABLE.has((attr(element, 'type') ?? '').toLowerCase())) {
      const src = attr(element, 'src')
      if (src) js += await bytesOf(localFile(siteDir, pageUrl, src, origins))
      else {
        inlineJs += textOf(element)
        stripped = stripped.replace(textOf(element), '')
      }
    } else if (element.tagName === 'link') {
      const rel = (attr(element, 'rel') ?? '').toLowerCase().split(/\s+/)
      const href = attr(element, 'href')
      if (href && rel.includes('stylesheet')) css += await bytesOf(localFile(siteDir, pageUrl, href, origins))
      if (href && rel.includes('modulepreload')) js += await bytesOf(localFile(siteDir, pageUrl, href, origins))
    } else if (element.tagName === 'img' && attr(element, 'src')) {
      images.push(attr(element, 'src')!)
    }
  }
  return {html: gzipBytes(stripped), css: css + gzipBytes(inlineCss), js: js + gzipBytes(inlineJs), images}
}

/** Every built HTML page, search aside, that carries executable script. */
async function pagesWithScript(siteDir: string): Promise<string[]> {
  const found: string[] = []
  for (const file of (await listFiles(siteDir)).filter((name) => name.endsWith('.html') && !name.startsWith('search/'))) {
    const html = await readFile(join(siteDir, file), 'utf8')
    for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(match[1])?.[1]?.toLowerCase() ?? ''
      if (EXECUTABLE.has(type)) {
        found.push(file)
        break
      }
    }
    if (/<link\b[^>]*rel=["']?modulepreload/i.test(html)) found.push(file)
  }
  return [...new Set(found)]
}

/**
 * `pages` maps each template to a page path; `serverUrl` serves `siteDir`. `siteUrl` is the origin
 * the build wrote into absolute links (canonical, og:image), which also counts as the same site.
 */
export async function measureWeight(
  siteDir: string,
  pages: Partial<Record<Template, string>>,
  serverUrl: string,
  siteUrl: string,
): Promise<WeightResult> {
  const origins = [new URL(serverUrl).origin, new URL(siteUrl).origin]
  const browser = hasChromium() ? await chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true}) : null
  const results: PageWeight[] = []
  try {
    for (const [template, path] of Object.entries(pages) as [Template, string][]) {
      const markup = await markupWeight(siteDir, path, origins)
      let imageUrls = markup.images.map((src) => new URL(src, `${origins[0]}${path}`).href)
      let aboveFold = imageUrls
      let scriptRequests = 0
      const fontUrls = new Set<string>()
      if (browser) {
        const context = await browser.newContext({viewport: VIEWPORT, deviceScaleFactor: 1})
        const page = await context.newPage()
        const requested = new Set<string>()
        page.on('request', (request) => {
          if (request.resourceType() === 'image') requested.add(request.url())
          if (request.resourceType() === 'font') fontUrls.add(request.url())
          if (request.resourceType() === 'script') scriptRequests++
        })
        await page.goto(`${serverUrl}${path}`, {waitUntil: 'networkidle'})
        aboveFold = [...requested]
        // Scroll a screen at a time so lazy images load as a reader would reach them.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
            scrollTo(0, y)
            await new Promise((resolve) => setTimeout(resolve, 50))
          }
        })
        await page.waitForLoadState('networkidle')
        imageUrls = [...requested]
        await context.close()
      }
      const sum = async (urls: string[]) => {
        let total = 0
        for (const url of new Set(urls)) total += await bytesOf(localFile(siteDir, url, url, origins))
        return total
      }
      results.push({
        template,
        path,
        html: markup.html,
        css: markup.css,
        js: markup.js,
        fonts: await sum([...fontUrls]),
        images: await sum(imageUrls),
        imageCount: new Set(imageUrls).size,
        imagesAboveFold: await sum(aboveFold),
        imagesFrom: browser ? 'chromium' : 'markup',
        scriptRequests,
      })
    }
  } finally {
    await browser?.close()
  }
  const content = results.filter((page) => (CONTENT_TEMPLATES as readonly string[]).includes(page.template))
  return {
    pages: results,
    pagesWithScript: await pagesWithScript(siteDir),
    contentJsBytes: content.reduce((total, page) => total + page.js, 0),
    contentScriptRequests: content.reduce((total, page) => total + page.scriptRequests, 0),
  }
}
