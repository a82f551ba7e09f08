// Rich text flattened for formats that cannot carry markup: feeds, calendars and schedule apps.
import type {RichText} from '../site.ts'

type Block = RichText[number]

/** Text of a block's spans only: an inline object of a type we do not know may carry any field, `text` included. */
function blockText(block: Block): string {
  if (block._type !== 'block') return ''
  return (block.children ?? []).map((child) => (child._type === 'span' && typeof child.text === 'string' ? child.text : '')).join('')
}

/** Paragraphs separated by a blank line, list items on their own lines; figures are left out. */
export function richTextToPlain(blocks: RichText | null | undefined): string {
  let output = ''
  let number = 0
  let previousWasItem = false
  for (const block of blocks ?? []) {
    const text = blockText(block).trim()
    if (!text || block._type !== 'block') continue
    const item = block.listItem
    number = item === 'number' ? number + 1 : 0
    const line = item === 'bullet' ? `- ${text}` : item === 'number' ? `${number}. ${text}` : text
    if (output) output += item && previousWasItem ? '\n' : '\n\n'
    output += line
    previousWasItem = Boolean(item)
  }
  return output
}

/** At most `max` characters of `text` on one line, cut at a word boundary. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const atWord = cut.lastIndexOf(' ')
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,;:.-]+$/, '')}…`
}
