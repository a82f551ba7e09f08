import {describe, expect, it} from 'vitest'
import {pageProps} from '../../src/lib/pageProps.ts'

const paths = () => [
  {params: {event: 'summit', page: undefined}, props: {name: 'first page'}},
  {params: {event: 'summit', page: 'page/2'}, props: {name: 'second page'}},
  {params: {event: 'café', page: undefined}, props: {name: 'accented'}},
]

describe('a page’s props when it is rendered on demand', () => {
  it('come from the getStaticPaths entry whose params match the address', async () => {
    expect(await pageProps({props: {}, params: {event: 'summit'}}, paths)).toEqual({name: 'first page'})
    expect(await pageProps({props: {}, params: {event: 'summit', page: 'page/2'}}, paths)).toEqual({name: 'second page'})
    expect(await pageProps({props: {}, params: {event: 'caf%C3%A9'}}, paths)).toEqual({name: 'accented'})
  })

  it('are undefined for an address no entry has, so the page answers 404', async () => {
    expect(await pageProps({props: {}, params: {event: 'summit', page: 'page/3'}}, paths)).toBeUndefined()
  })

  it('are the ones a static build hands over, without asking getStaticPaths again', async () => {
    const never = () => {
      throw new Error('getStaticPaths was called')
    }
    expect(await pageProps({props: {name: 'built'}, params: {event: 'summit'}}, never)).toEqual({name: 'built'})
  })
})
