// How Recap starts Debian's Chromium, for the browser tests and the bench alike.
// Without the background-networking flags, Chromium keeps dialling Google's hosts, which a closed
// network refuses; --no-sandbox because CI runs as root.
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
