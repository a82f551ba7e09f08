import {spawn} from 'node:child_process'
import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {once} from 'node:events'
import {describe, expect, it} from 'vitest'
import {acquireLock} from '../../core/lock.ts'

const LOCK_MODULE = new URL('../../core/lock.ts', import.meta.url).href

/** Another process that takes the lock and holds it until killed. */
async function holder(file: string) {
  const child = spawn(process.execPath, [
    '--input-type=module',
    '-e',
    `const {acquireLock} = await import(${JSON.stringify(LOCK_MODULE)}); await acquireLock(${JSON.stringify(file)}); console.log('held'); setInterval(() => {}, 1000)`,
  ])
  await once(child.stdout, 'data')
  return child
}

describe('the releases folder lock', () => {
  it('refuses a second service while the first one runs', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'recap-lock-')), 'service.lock')
    const first = await holder(file)
    try {
      await expect(acquireLock(file)).rejects.toThrow(`another Recap service (pid ${first.pid}) is using this releases folder`)
    } finally {
      first.kill('SIGKILL')
      await once(first, 'exit')
    }
  })

  it('takes over a lock left by a service that was killed', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'recap-lock-')), 'service.lock')
    const crashed = await holder(file)
    crashed.kill('SIGKILL')
    await once(crashed, 'exit')
    const lock = await acquireLock(file)
    await lock.release()
    await (await acquireLock(file)).release()
  })
})
