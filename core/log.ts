// One line per event: `<iso time> <event> key=value ...`, easy to grep and to ship.
// Callers never pass secrets; values are quoted so a hostile string can't forge a line.

export type LogFields = Record<string, string | number | boolean | null | undefined>
export type Log = (event: string, fields?: LogFields) => void

export function createLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Log {
  return (event, fields = {}) => {
    let line = `${new Date().toISOString()} ${event}`
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue
      line += ` ${key}=${formatValue(value)}`
    }
    write(line)
  }
}

export const silentLog: Log = () => {}

function formatValue(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value)
  return /^[\w./:@+-]+$/.test(value) ? value : JSON.stringify(value)
}
