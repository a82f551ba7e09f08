// Fault injection for file system calls: the Nth call of a function fails with an errno code,
// optionally after doing part of its work (a copy that fills the disk halfway).

export type Fault = {fn: string; call: number; code: string; partly?: () => Promise<void>}

export function errnoError(code: string, syscall: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: injected failure, ${syscall}`)
  error.code = code
  error.syscall = syscall
  return error
}

/** Wraps `fs` so the calls named in `faults` fail; `calls` counts every call by name. */
export function withFaults<T extends object>(fs: T, faults: Fault[], calls: Record<string, number> = {}): T {
  const wrapped: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fs)) {
    if (typeof value !== 'function') continue
    wrapped[name] = async (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1
      const fault = faults.find((f) => f.fn === name && f.call === calls[name])
      if (!fault) return (value as (...a: unknown[]) => unknown)(...args)
      await fault.partly?.()
      throw errnoError(fault.code, name)
    }
  }
  return wrapped as T
}
