// The Studio's connection settings. Without a project ID it still builds offline, against a placeholder.
export const PLACEHOLDER_PROJECT_ID = 'recap0000'

export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID
export const dataset = process.env.SANITY_STUDIO_DATASET || 'production'
export const statusUrl = process.env.SANITY_STUDIO_RECAP_STATUS_URL || 'http://localhost:4321/api/status'
export const previewUrl = process.env.SANITY_STUDIO_PREVIEW_URL || 'http://localhost:4321'
