import {describe, expect, it} from 'vitest'
import {applyPerspective} from '../../src/lib/content/perspective.ts'

const published = {_id: 'session.a', _type: 'session', title: 'Published title'}
const draft = {_id: 'drafts.session.a', _type: 'session', title: 'Draft title'}
const newDraft = {_id: 'drafts.session.b', _type: 'session', title: 'Never published'}
const version = {_id: 'versions.r1.session.a', _type: 'session', title: 'In a release'}

describe('the drafts perspective over the embedded dataset', () => {
  it('shows a draft in place of its published document, under the published id', () => {
    const view = applyPerspective([published, draft, version], 'drafts')
    expect(view).toEqual([{...draft, _id: 'session.a', _originalId: 'drafts.session.a'}])
  })

  it('shows drafts that were never published, and published documents that have no draft', () => {
    const other = {_id: 'topic.x', _type: 'topic', title: 'Topic'}
    const view = applyPerspective([other, newDraft], 'drafts')
    expect(view.map((document) => [document._id, document._originalId, document.title])).toEqual([
      ['topic.x', 'topic.x', 'Topic'],
      ['session.b', 'drafts.session.b', 'Never published'],
    ])
  })

  it('leaves drafts and release versions out of the published perspective', () => {
    expect(applyPerspective([published, draft, newDraft, version], 'published')).toEqual([published])
  })
})
