import {defineCliConfig} from 'sanity/cli'
import {dataset, projectId} from './env.ts'

export default defineCliConfig({
  api: {projectId, dataset},
  deployment: {autoUpdates: false},
})
