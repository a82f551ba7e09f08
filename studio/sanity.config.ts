import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../schemas/index.ts'
import {dataset, projectId} from './env.ts'
import {preview} from './presentation.ts'
import {withPreviewAction} from './previewAction.tsx'
import {siteStatus} from './siteStatus.tsx'
import {structure} from './structure.ts'
import {contextualTemplateIds, templates} from './templates.ts'
import {SANITY_API_VERSION} from '../core/sanityApi.ts'

export default defineConfig({
  name: 'default',
  title: 'Recap',
  projectId,
  dataset,
  plugins: [structureTool({structure}), visionTool({defaultApiVersion: SANITY_API_VERSION}), siteStatus(), preview()],
  schema: {
    types: schemaTypes,
    templates: (previous) => [...previous, ...templates],
  },
  document: {
    actions: (previous, {schemaType}) => withPreviewAction(previous, schemaType),
    newDocumentOptions: (previous, {creationContext}) =>
      creationContext.type === 'global' ? previous.filter((item) => !contextualTemplateIds.includes(item.templateId)) : previous,
  },
})
