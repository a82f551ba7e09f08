// Debian's Chromium, driven by playwright-core (for page weight) or chrome-launcher (for Lighthouse).
import {existsSync} from 'node:fs'

import {CHROMIUM, CHROMIUM_FLAGS} from '../../core/chromium.ts'

export {CHROMIUM, CHROMIUM_FLAGS}

export const hasChromium = () => existsSync(CHROMIUM)
