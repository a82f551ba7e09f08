// Runs the build command (argv[2]) through the shell and takes the whole build down when the
// service goes away. The service holds our stdin open; if it dies, even by SIGKILL, stdin
// ends and we kill our process group, so no orphaned build keeps writing after a restart.
//
// The service starts us as a process group leader and stops a build by signalling the group.

import {spawn} from 'node:child_process'
import {constants, setPriority} from 'node:os'

const command = process.argv[2]
if (!command) {
  process.stderr.write('usage: node orphanGuard.ts "<build command>"\n')
  process.exit(2)
}

// Builds run at a lower priority, so the service keeps answering webhooks and readers at once.
try {
  setPriority(10)
} catch {
  // Not permitted here: build at normal priority.
}

const child = spawn(command, {shell: true, stdio: ['ignore', 'inherit', 'inherit']})

child.on('error', (error) => {
  process.stderr.write(`could not start the build command: ${error.message}\n`)
  process.exit(127)
})

child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0))
})

// Group-wide signals reach the build too; stay alive until it has exited.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => {})

const killGroup = (): void => {
  try {
    process.kill(-process.pid, 'SIGKILL')
  } catch {
    process.exit(1)
  }
}
process.stdin.on('end', killGroup)
process.stdin.on('error', killGroup)
process.stdin.resume()
