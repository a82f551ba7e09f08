import {readdir, readFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {parse} from 'parse5'

type Node = {
  nodeName: string
  tagName?: string
  attrs?: {name: string; value: string}[]
  childNodes?: Node[]
  value?: string
  content?: Node
}
export type HtmlDocument = Node

/** Parses built HTML with a real HTML parser (parse5), the way a browser would. */
export const parseHtml = (html: string): HtmlDocument => parse(html) as unknown as Node

function* walk(node: Node): Generator<Node> {
  yield node
  for (const child of node.childNodes ?? []) yield* walk(child)
  if (node.content) yield* walk(node.content)
}

/** Elements with the given tag name ('*' for any), optionally filtered. */
export function elements(root: Node, tag: string, where: (element: Node) => boolean = () => true): Node[] {
  return [...walk(root)].filter((node) => node.tagName !== undefined && (tag === '*' || node.tagName === tag) && where(node))
}

export const attr = (element: Node, name: string) => element.attrs?.find((a) => a.name === name)?.value

/** The text a reader sees in an element (script and style contents excluded). */
export function text(root: Node): string {
  const parts: string[] = []
  const visit = (node: Node) => {
    if (node.tagName === 'script' || node.tagName === 'style' || node.tagName === 'template') return
    if (node.nodeName === '#text') parts.push(node.value ?? '')
    for (const child of node.childNodes ?? []) visit(child)
  }
  visit(root)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

export const main = (root: Node) => elements(root, 'main')[0]

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

/** Reads and parses `<dir>/<url path>/index.html` (or the file itself). */
export async function readPage(dir: string, urlPath: string): Promise<HtmlDocument> {
  const path = decodeURIComponent(urlPath).replace(/^\//, '')
  const file = path.endsWith('/') || path === '' ? join(dir, path, 'index.html') : join(dir, path)
  return parseHtml(await readFile(file, 'utf8'))
}
