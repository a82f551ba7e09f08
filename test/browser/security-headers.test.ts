// Every page template, served by the rebuild service's static handler with its security headers, works in
// Chromium without a single Content-Security-Policy violation: search runs, styles and placeholders show.
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {mkdir, rm, symlink} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {swapCurrent} from '../../src/server/releases.ts'
import {createStaticHandler} from '../../src/server/serve.ts'
import {launchBrowser, openTemplate, TEMPLATES, type Site} from '../helpers/browser.ts'
import {buildSite} from '../helpers/build.ts'

const RELEASE = '20250101T000000000Z'
let browser: Browser
let site: Site
let server: http.Server
let root: string

beforeAll(async () => {
  const [build, launched] = await Promise.all([buildSite({}), launchBrowser()])
  browser = launched
  if (build.code !== 0) throw new Error(build.output)
  root = dirname(build.dir)
  const releases = join(root, 'releases')
  await mkdir(releases)
  await symlink(build.dir, join(releases, RELEASE))
  await swapCurrent(releases, RELEASE)
  const handler = createStaticHandler({releasesDir: releases})
  server = http.createServer((req, res) => void handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  site = {dir: build.dir, server: undefined as never, url: (path) => `${base}${path}`, close: async () => {}}
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  if (root) await rm(root, {recursive: true, force: true})
})

it('every template loads under its CSP with no violation, search included', async () => {
  const page = await browser.newPage()
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`)
  })
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as {reportViolation: (text: string) => void}).reportViolation(
        `${event.documentURI}: ${event.violatedDirective} ${event.blockedURI}`,
      )
    })
  })
  for (const template of TEMPLATES) {
    const response = await page.goto(site.url(template.path))
    expect(response?.headers()['content-security-policy'], template.name).toContain("default-src 'none'")
    await openTemplate(page, site, template)
  }
  expect(violations).toEqual([])
  await page.close()
})
