import type {UrlRule} from 'sanity'

/** Web addresses only: stops `javascript:` and other schemes from reaching readers. */
export function webUrl(rule: UrlRule) {
  return rule
    .uri({scheme: ['http', 'https']})
    .error('Use a web address that starts with http:// or https://.')
}

/** Rich-text links may also be e-mail addresses. */
export function richTextUrl(rule: UrlRule) {
  return rule
    .required()
    .uri({scheme: ['http', 'https', 'mailto']})
    .error('Links must start with http://, https:// or mailto:. Other kinds, such as javascript:, are not allowed.')
}
