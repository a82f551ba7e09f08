// One service per releases folder: a second one would clean up the first one's running build.

import {open, readFile, unlink} from 'node:fs/promises'

export class LockError extends Error {
  override name = 'LockError'
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes `file` for this process, replacing a lock left by a process that no longer runs. */
export async function acquireLock(file: string): Promise<{release(): Promise<void>}> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return {release: () => unlink(file).catch(() => {})}
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
        throw new LockError(`another Recap service (pid ${holder}) is using this releases folder (${file}); stop it first`)
      }
      await unlink(file).catch(() => {})
    }
  }
  throw new LockError(`could not take the lock ${file}`)
}
