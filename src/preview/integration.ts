import type {AstroIntegration} from 'astro'

/** Only in the preview renderer: marks every response as a private preview and adds the live-reload script. */
export function previewIntegration(): AstroIntegration {
  return {
    name: 'recap-preview',
    hooks: {
      'astro:config:setup': ({addMiddleware, injectScript}) => {
        addMiddleware({entrypoint: new URL('./middleware.ts', import.meta.url), order: 'post'})
        injectScript('page', `import ${JSON.stringify(new URL('./client.ts', import.meta.url).pathname)}`)
      },
    },
  }
}
