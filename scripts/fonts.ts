// `npm run fonts`: cuts the display face down to the characters the site sets in it, so a page
// downloads one small file. The output is committed; run this again only to change the face or the set.
import {readFile, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import subsetFont from 'subset-font'

const require = createRequire(import.meta.url)
const SOURCE = require.resolve('@fontsource-variable/bricolage-grotesque/files/bricolage-grotesque-latin-wght-normal.woff2')
const TARGET = new URL('../src/styles/fonts/bricolage-grotesque-subset.woff2', import.meta.url)

// Printable ASCII, the common accented letters and the typographic marks headings and figures use;
// anything else falls back to the system face for that character only.
const ascii = Array.from({length: 95}, (_, index) => String.fromCharCode(32 + index)).join('')
export const CHARACTERS = `${ascii}áàâäãåçéèêëíìîïñóòôöõøúùûüýÿßæœÁÀÂÄÅÇÉÈÊËÍÎÑÓÔÖØÚÜ‘’“”–—…·•→←×−€£°²³\u00a0`

const font = await subsetFont(await readFile(SOURCE), CHARACTERS, {targetFormat: 'woff2', variationAxes: {wght: {min: 500, max: 800}}})
await writeFile(TARGET, font)
console.log(`${TARGET.pathname}: ${font.length} bytes`)
