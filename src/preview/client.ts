// Runs on preview pages only: reloads the page as soon as the preview's content graph changes.
const version = document.querySelector<HTMLMetaElement>('meta[name="recap-preview-version"]')?.content
const events = new EventSource('/api/preview/events')
events.addEventListener('version', (event) => {
  if ((event as MessageEvent<string>).data !== version) location.reload()
})
