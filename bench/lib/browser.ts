// Debian's Chromium, driven by playwright-core (for page weight) or chrome-launcher (for Lighthouse).
import {existsSync} from 'node:fs'

// The same variable as the browser tests (test/helpers/browser.ts).
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const hasChromium = () => existsSync(CHROMIUM)
