// The Studio's connection settings. Without a project ID it still builds offline, against a placeholder.
export const PLACEHOLDER_PROJECT_ID = 'recap0000'

export const projectId = process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID
export const dataset = process.env.SANITY_STUDIO_DATASET || 'production'
export const statusUrl = process.env.SANITY_STUDIO_RECAP_STATUS_URL || 'http://localhost:4321/api/status'
/** The editors' token for the full /api/status (build errors and logs); the service's RECAP_STATUS_TOKEN. */
export const statusToken = process.env.SANITY_STUDIO_RECAP_STATUS_TOKEN || ''
export const previewUrl = process.env.SANITY_STUDIO_PREVIEW_URL || 'http://localhost:4321'
