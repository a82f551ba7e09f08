import type {UrlRule} from 'sanity'
import {finding, itemsOf, objectAt, type BuildRule, type Doc, type Finding} from './types.ts'

const WEB = ['http', 'https']
const RICH_TEXT = ['http', 'https', 'mailto']
const WEB_MESSAGE = 'Use a web address that starts with http:// or https://.'
const RICH_TEXT_MESSAGE = 'Links must start with http://, https:// or mailto:. Other kinds, such as javascript:, are not allowed.'

/** Web addresses only: stops `javascript:` and other schemes from reaching readers. */
export function webUrl(rule: UrlRule) {
  return rule.uri({scheme: WEB}).error(WEB_MESSAGE)
}

/** Rich-text links may also be e-mail addresses. */
export function richTextUrl(rule: UrlRule) {
  return rule.required().uri({scheme: RICH_TEXT}).error(RICH_TEXT_MESSAGE)
}

/** True when `url` is an absolute address with one of `schemes`. */
export function hasScheme(url: unknown, schemes: readonly string[]): boolean {
  if (typeof url !== 'string') return false
  try {
    return schemes.includes(new URL(url).protocol.slice(0, -1))
  } catch {
    return false
  }
}

/** Rich-text fields of each document type, with the link annotations inside them. */
const RICH_TEXT_FIELDS = new Map([
  ['session', ['notes']],
  ['demo', ['description']],
])

function richTextLinks(path: string, blocks: unknown): Finding[] {
  return itemsOf({_id: '', _type: '', blocks}, 'blocks').flatMap(({path: blockPath, item}) =>
    itemsOf({_id: '', _type: '', markDefs: item.markDefs}, 'markDefs')
      .filter(({item: mark}) => mark._type === 'link' && !hasScheme(mark.href, RICH_TEXT))
      .map(({path: markPath, item: mark}) =>
        finding(
          `${path}${blockPath.slice('blocks'.length)}.${markPath}.href`,
          `The link "${String(mark.href ?? '')}" is not a web or e-mail address.`,
          RICH_TEXT_MESSAGE,
        ),
      ),
  )
}

function documentRichText(document: Doc): Finding[] {
  if (document._type === 'event') {
    return itemsOf(document, 'days').flatMap(({path, item}) => richTextLinks(`${path}.recap`, item.recap))
  }
  return (RICH_TEXT_FIELDS.get(document._type) ?? []).flatMap((field) => richTextLinks(field, document[field]))
}

function webField(path: string, url: unknown): Finding[] {
  return url === undefined || url === null || hasScheme(url, WEB)
    ? []
    : [finding(path, `"${String(url)}" is not a web address.`, WEB_MESSAGE)]
}

export const buildRules: BuildRule[] = [
  {
    name: 'web addresses only',
    types: ['event', 'session', 'demo'],
    check(document) {
      const direct =
        document._type === 'event' ? [...webField('url', document.url), ...webField('source.url', objectAt(document.source)?.url)] : []
      const links = itemsOf(document, 'links').flatMap(({path, item}) =>
        item.url === undefined ? [finding(`${path}.url`, 'The link has no address.', WEB_MESSAGE)] : webField(`${path}.url`, item.url),
      )
      const claims = itemsOf(document, 'claims').flatMap(({path, item}) => webField(`${path}.sourceUrl`, item.sourceUrl))
      return [...direct, ...links, ...claims, ...documentRichText(document)]
    },
  },
]
