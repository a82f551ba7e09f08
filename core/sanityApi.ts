// The Content Lake API version every Recap program asks for: the build, the preview, the Studio's
// lists and the rules that query. One value, so a bump changes all of them together.
export const SANITY_API_VERSION = '2026-11-01'
