// Runs on preview pages only. It reloads the page as soon as the preview's content graph changes,
// and inside the Studio's Presentation tool it reports where the editor is and follows the Studio
// when it asks the preview to show another page.
const version = document.querySelector<HTMLMetaElement>('meta[name="recap-preview-version"]')?.content
const events = new EventSource('/api/preview/events')
events.addEventListener('version', (event) => {
  if ((event as MessageEvent<string>).data !== version) location.reload()
})

if (window.self !== window.top) {
  const here = () => `${location.pathname}${location.search}`
  void import('@sanity/visual-editing').then(({enableVisualEditing}) =>
    enableVisualEditing({
      history: {
        subscribe(navigate) {
          navigate({type: 'push', url: here()})
          return () => {}
        },
        update(update) {
          if (update.type === 'pop') history.back()
          else if (update.url !== here()) location.assign(update.url)
        },
      },
      // Edits reach this page through the graph's change feed above, once they are in the graph.
      refresh: (payload) => (payload.source === 'manual' ? (location.reload(), new Promise<void>(() => {})) : false),
    }),
  )
}
