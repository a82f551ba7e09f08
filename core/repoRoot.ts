import {fileURLToPath} from 'node:url'

// The checkout Recap runs from: relative settings (RECAP_RELEASES_DIR and the like) resolve against it.
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))
