// SVG charts for docs/performance.md, written by hand: a line chart of build time against page
// count, and stacked bars of bytes per template. Plain SVG 1.1, readable without scripts or fonts.

export type Series = {name: string; colour: string; dashed?: boolean; points: {x: number; y: number; label: string}[]}
export type Stack = {label: string; parts: number[]}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"'
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Round axis steps: 1, 2 or 5 times a power of ten, about `count` of them up to `max`. */
function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1]
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw)!
  return Array.from({length: Math.ceil(max / step) + 1}, (_, index) => index * step)
}

const formatNumber = (value: number) =>
  value >= 1000 ? `${Number((value / 1000).toFixed(value % 1000 === 0 ? 0 : 1))}k` : String(Number(value.toFixed(2)))

/** A line chart with linear axes; each point is labelled (e.g. with its dataset size). */
export function lineChart(options: {title: string; description: string; xLabel: string; yLabel: string; series: Series[]}): string {
  const width = 720
  const height = 420
  const margin = {top: 56, right: 32, bottom: 64, left: 76}
  const plotWidth = width - margin.left - margin.right
  const plotHeight = height - margin.top - margin.bottom
  const points = options.series.flatMap((series) => series.points)
  const xTicks = ticks(Math.max(...points.map((point) => point.x), 1))
  const yTicks = ticks(Math.max(...points.map((point) => point.y), 1))
  const xMax = xTicks.at(-1)!
  const yMax = yTicks.at(-1)!
  const x = (value: number) => margin.left + (value / xMax) * plotWidth
  const y = (value: number) => margin.top + plotHeight - (value / yMax) * plotHeight
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="title desc">`,
  )
  out.push(`<title id="title">${escape(options.title)}</title><desc id="desc">${escape(options.description)}</desc>`)
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`)
  out.push(`<text x="${margin.left}" y="28" ${FONT} font-size="17" font-weight="600" fill="#111">${escape(options.title)}</text>`)
  for (const tick of yTicks) {
    out.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e3e3e3"/>`)
    out.push(
      `<text x="${margin.left - 8}" y="${y(tick) + 4}" ${FONT} font-size="12" fill="#444" text-anchor="end">${formatNumber(tick)}</text>`,
    )
  }
  for (const tick of xTicks) {
    out.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight + 5}" stroke="#888"/>`)
    out.push(
      `<text x="${x(tick)}" y="${margin.top + plotHeight + 20}" ${FONT} font-size="12" fill="#444" text-anchor="middle">${formatNumber(tick)}</text>`,
    )
  }
  out.push(
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#888"/>`,
  )
  out.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#888"/>`)
  out.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 16}" ${FONT} font-size="13" fill="#222" text-anchor="middle">${escape(options.xLabel)}</text>`,
  )
  out.push(
    `<text transform="translate(20 ${margin.top + plotHeight / 2}) rotate(-90)" ${FONT} font-size="13" fill="#222" text-anchor="middle">${escape(options.yLabel)}</text>`,
  )
  for (const series of options.series) {
    const path = series.points.map((point, index) => `${index ? 'L' : 'M'}${x(point.x).toFixed(1)} ${y(point.y).toFixed(1)}`).join(' ')
    out.push(
      `<path d="${path}" fill="none" stroke="${series.colour}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    )
    for (const point of series.points) {
      out.push(`<circle cx="${x(point.x).toFixed(1)}" cy="${y(point.y).toFixed(1)}" r="4.5" fill="${series.colour}"/>`)
      out.push(
        `<text x="${(x(point.x) + 8).toFixed(1)}" y="${(y(point.y) - 8).toFixed(1)}" ${FONT} font-size="12" fill="${series.colour}">${escape(point.label)}</text>`,
      )
    }
  }
  let left = margin.left + 12
  for (const series of options.series) {
    out.push(
      `<line x1="${left}" x2="${left + 24}" y1="44" y2="44" stroke="${series.colour}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    )
    out.push(`<text x="${left + 30}" y="48" ${FONT} font-size="12" fill="#222">${escape(series.name)}</text>`)
    left += 52 + series.name.length * 6.5
  }
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/** Horizontal stacked bars, one per row, with the total at the end of each bar. */
export function stackedBars(options: {
  title: string
  description: string
  unit: string
  parts: {name: string; colour: string}[]
  rows: Stack[]
}): string {
  const width = 720
  const rowHeight = 34
  const margin = {top: 72, right: 96, bottom: 44, left: 96}
  const plotWidth = width - margin.left - margin.right
  const height = margin.top + options.rows.length * rowHeight + margin.bottom
  const totals = options.rows.map((row) => row.parts.reduce((sum, part) => sum + part, 0))
  const xTicks = ticks(Math.max(...totals, 1), 6)
  const xMax = xTicks.at(-1)!
  const x = (value: number) => (value / xMax) * plotWidth
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="title desc">`,
  )
  out.push(`<title id="title">${escape(options.title)}</title><desc id="desc">${escape(options.description)}</desc>`)
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`)
  out.push(`<text x="${margin.left}" y="28" ${FONT} font-size="17" font-weight="600" fill="#111">${escape(options.title)}</text>`)
  let legend = margin.left
  for (const part of options.parts) {
    out.push(`<rect x="${legend}" y="40" width="14" height="14" fill="${part.colour}"/>`)
    out.push(`<text x="${legend + 20}" y="52" ${FONT} font-size="12" fill="#222">${escape(part.name)}</text>`)
    legend += 30 + part.name.length * 7.5
  }
  const bottom = margin.top + options.rows.length * rowHeight
  for (const tick of xTicks) {
    out.push(`<line x1="${margin.left + x(tick)}" x2="${margin.left + x(tick)}" y1="${margin.top - 6}" y2="${bottom}" stroke="#e3e3e3"/>`)
    out.push(
      `<text x="${margin.left + x(tick)}" y="${bottom + 18}" ${FONT} font-size="12" fill="#444" text-anchor="middle">${formatNumber(tick)}</text>`,
    )
  }
  out.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 8}" ${FONT} font-size="13" fill="#222" text-anchor="middle">${escape(options.unit)}</text>`,
  )
  options.rows.forEach((row, index) => {
    const top = margin.top + index * rowHeight + 6
    out.push(
      `<text x="${margin.left - 10}" y="${top + 15}" ${FONT} font-size="13" fill="#222" text-anchor="end">${escape(row.label)}</text>`,
    )
    let left = margin.left
    row.parts.forEach((value, part) => {
      if (value <= 0) return
      out.push(
        `<rect x="${left.toFixed(1)}" y="${top}" width="${Math.max(x(value), 0.5).toFixed(1)}" height="${rowHeight - 12}" fill="${options.parts[part].colour}"><title>${escape(`${row.label}, ${options.parts[part].name}: ${formatNumber(value)}`)}</title></rect>`,
      )
      left += x(value)
    })
    out.push(
      `<text x="${(left + 6).toFixed(1)}" y="${top + 15}" ${FONT} font-size="12" fill="#222">${formatNumber(Number(totals[index].toFixed(1)))}</text>`,
    )
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
