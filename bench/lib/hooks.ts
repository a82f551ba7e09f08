import {fileURLToPath} from 'node:url'

/** The preload that records a process's peak memory (see bench/maxrss.ts). */
export const MAXRSS_HOOK = fileURLToPath(new URL('../maxrss.ts', import.meta.url))
