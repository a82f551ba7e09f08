// Renders the stand-in illustrations used by the sample dataset.
//
// The recap of day 2 of the OpenStack Summit Barcelona 2016 refers to two
// photos that Recap does not have, so the dataset ships drawn cards instead:
// every image here is built from SVG and says on its face that it is an
// illustration, not a photograph.
//
//   node dataset/illustrations.ts
//
// Output: dataset/images/*.jpg. Same input, same bytes: no randomness, no
// timestamps, no metadata written.

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'images');

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

const palette = {
  night: '#0f1b2d',
  deep: '#16324f',
  red: '#da1a32',
  teal: '#2ab0a3',
  sand: '#f4efe6',
  ink: '#1d2433',
  muted: '#8fa3bf',
  white: '#ffffff',
} as const;

interface Illustration {
  file: string;
  width: number;
  height: number;
  svg: string;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface TextOptions {
  size: number;
  fill: string;
  weight?: number;
  anchor?: 'start' | 'middle' | 'end';
  spacing?: number;
  opacity?: number;
}

function text(x: number, y: number, content: string, o: TextOptions): string {
  const attrs = [
    `x="${x}"`,
    `y="${y}"`,
    `font-family="${FONT}"`,
    `font-size="${o.size}"`,
    `font-weight="${o.weight ?? 400}"`,
    `fill="${o.fill}"`,
    `text-anchor="${o.anchor ?? 'start'}"`,
  ];
  if (o.spacing !== undefined) attrs.push(`letter-spacing="${o.spacing}"`);
  if (o.opacity !== undefined) attrs.push(`fill-opacity="${o.opacity}"`);
  return `<text ${attrs.join(' ')}>${esc(content)}</text>`;
}

function svgDoc(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

/** Footer strip shared by every card, so no image can pass for a photograph. */
function footer(width: number, height: number, label: string, dark: boolean): string {
  const fill = dark ? palette.muted : '#5b6577';
  const rule = dark ? '#2b4566' : '#d8cfbf';
  const pad = Math.round(width * 0.05);
  const size = Math.max(18, Math.round(width / 64));
  return [
    `<rect x="${pad}" y="${height - pad - size * 1.9}" width="${width - pad * 2}" height="2" fill="${rule}"/>`,
    text(pad, height - pad, label, { size, fill }),
    text(width - pad, height - pad, 'Illustration by Recap · not a photograph', {
      size,
      fill,
      anchor: 'end',
    }),
  ].join('');
}

/** A grid of small squares: a loose nod to racks in a data centre. */
function rackGrid(x: number, y: number, cols: number, rows: number, cell: number, fill: string): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      // Fixed pattern: a cell is dimmed when (r * 7 + c * 3) % 5 === 0.
      const dim = (r * 7 + c * 3) % 5 === 0;
      out.push(
        `<rect x="${x + c * cell * 1.35}" y="${y + r * cell * 1.35}" width="${cell}" height="${cell}" rx="3" fill="${fill}" fill-opacity="${dim ? 0.12 : 0.28}"/>`,
      );
    }
  }
  return out.join('');
}

function chinaTelecomSlide(): Illustration {
  const width = 1600;
  const height = 900;
  const body = [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="${palette.night}"/><stop offset="1" stop-color="${palette.deep}"/>`,
    `</linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    rackGrid(1060, 80, 12, 5, 26, palette.teal),
    `<rect x="80" y="92" width="10" height="64" fill="${palette.red}"/>`,
    text(110, 122, 'OPENSTACK SUMMIT BARCELONA · KEYNOTE', {
      size: 26,
      fill: palette.muted,
      weight: 700,
      spacing: 3,
    }),
    text(110, 156, 'Wednesday 26 October 2016', { size: 26, fill: palette.muted }),
    text(width / 2, 470, '2,000,000 m²', {
      size: 172,
      fill: palette.white,
      weight: 700,
      anchor: 'middle',
    }),
    text(width / 2, 580, 'China Telecom · OpenStack in its data centres', {
      size: 52,
      fill: palette.white,
      anchor: 'middle',
    }),
    `<rect x="${width / 2 - 90}" y="630" width="180" height="6" rx="3" fill="${palette.red}"/>`,
    text(width / 2, 700, 'Deployment announced during the day-2 keynote', {
      size: 30,
      fill: palette.muted,
      anchor: 'middle',
    }),
    footer(width, height, 'Recap · OpenStack Summit Barcelona 2016', true),
  ].join('');
  return { file: 'china-telecom-slide.jpg', width, height, svg: svgDoc(width, height, body) };
}

function statPanel(x: number, y: number, w: number, h: number, figure: string, label: string, accent: string): string {
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="28" fill="${palette.white}"/>`,
    `<rect x="${x}" y="${y}" width="${w}" height="16" rx="8" fill="${accent}"/>`,
    text(x + w / 2, y + h * 0.56, figure, {
      size: 170,
      fill: palette.ink,
      weight: 700,
      anchor: 'middle',
    }),
    text(x + w / 2, y + h * 0.8, label, { size: 50, fill: '#4a5568', anchor: 'middle' }),
  ].join('');
}

function crowdstarCard(): Illustration {
  const width = 1600;
  const height = 1000;
  const body = [
    `<rect width="${width}" height="${height}" fill="${palette.sand}"/>`,
    text(80, 130, 'KEYNOTE SEGMENT · 26 OCTOBER 2016', {
      size: 26,
      fill: '#7a6f5d',
      weight: 700,
      spacing: 3,
    }),
    text(80, 210, 'Crowdstar on Ironic: bare metal with containers', {
      size: 50,
      fill: palette.ink,
      weight: 700,
    }),
    text(80, 268, 'Figures reported by Crowdstar, compared with its previous infrastructure', {
      size: 30,
      fill: '#5b6577',
    }),
    statPanel(80, 330, 680, 500, '60%', 'lower cost', palette.red),
    statPanel(840, 330, 680, 500, '40 ms', 'lower latency', palette.teal),
    footer(width, height, 'Recap · OpenStack Summit Barcelona 2016', false),
  ].join('');
  return { file: 'crowdstar-ironic-card.jpg', width, height, svg: svgDoc(width, height, body) };
}

function unikernelComparison(): Illustration {
  const width = 1200;
  const height = 800;
  const left = 80;
  const barX = 360;
  const full = 740; // pixels for 2 GB
  const vmMb = 2048;
  const uniMb = 56;
  const uniW = Math.max(4, Math.round((full * uniMb) / vmMb));
  const body = [
    `<rect width="${width}" height="${height}" fill="${palette.white}"/>`,
    text(left, 110, 'MIKELANGELO · UNIKERNELS', {
      size: 22,
      fill: '#7a6f5d',
      weight: 700,
      spacing: 3,
    }),
    text(left, 175, 'Same application, two images', { size: 50, fill: palette.ink, weight: 700 }),
    text(left, 222, 'Image size as reported in the talk (bar lengths to scale)', {
      size: 24,
      fill: '#5b6577',
    }),
    // VM image bar
    text(left, 345, 'VM image', { size: 32, fill: palette.ink, weight: 700 }),
    `<rect x="${barX}" y="300" width="${full}" height="70" rx="8" fill="${palette.deep}"/>`,
    text(barX + full - 24, 348, '2 GB', {
      size: 36,
      fill: palette.white,
      weight: 700,
      anchor: 'end',
    }),
    // Unikernel bar
    text(left, 495, 'Unikernel', { size: 32, fill: palette.ink, weight: 700 }),
    `<rect x="${barX}" y="450" width="${uniW}" height="70" rx="4" fill="${palette.red}"/>`,
    text(barX + uniW + 20, 498, '56 MB', { size: 36, fill: palette.red, weight: 700 }),
    // Axis
    `<rect x="${barX}" y="560" width="${full}" height="2" fill="#c7ccd6"/>`,
    text(barX, 598, '0', { size: 20, fill: '#5b6577', anchor: 'middle' }),
    text(barX + full / 2, 598, '1 GB', { size: 20, fill: '#5b6577', anchor: 'middle' }),
    text(barX + full, 598, '2 GB', { size: 20, fill: '#5b6577', anchor: 'middle' }),
    text(left, 660, 'The unikernel needs under 3% of the space taken by the VM image.', {
      size: 26,
      fill: palette.ink,
    }),
    footer(width, height, 'Recap · OpenStack Summit Barcelona 2016', false),
  ].join('');
  return { file: 'unikernel-size-comparison.jpg', width, height, svg: svgDoc(width, height, body) };
}

function omniDiagram(): Illustration {
  const width = 1200;
  const height = 800;
  const box = (x: number, y: number, w: number, h: number, title: string, sub: string, fill: string): string =>
    [
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="20" fill="${fill}"/>`,
      text(x + w / 2, y + h / 2 - 4, title, {
        size: 38,
        fill: palette.white,
        weight: 700,
        anchor: 'middle',
      }),
      text(x + w / 2, y + h / 2 + 40, sub, { size: 24, fill: palette.white, anchor: 'middle', opacity: 0.8 }),
    ].join('');
  const arrow = (x1: number, x2: number, y: number): string =>
    [
      `<rect x="${x1}" y="${y - 3}" width="${x2 - x1 - 18}" height="6" fill="${palette.muted}"/>`,
      `<polygon points="${x2},${y} ${x2 - 24},${y - 16} ${x2 - 24},${y + 16}" fill="${palette.muted}"/>`,
    ].join('');
  const body = [
    `<rect width="${width}" height="${height}" fill="${palette.night}"/>`,
    text(80, 110, 'KEYNOTE DEMO · OPENSTACK OMNI', {
      size: 22,
      fill: palette.muted,
      weight: 700,
      spacing: 3,
    }),
    text(80, 175, 'OpenStack tools, another cloud underneath', {
      size: 40,
      fill: palette.white,
      weight: 700,
    }),
    box(80, 300, 300, 190, 'Horizon', 'dashboard', palette.deep),
    arrow(390, 460, 395),
    box(460, 300, 300, 190, 'OpenStack', 'APIs', palette.red),
    arrow(770, 840, 395),
    box(840, 300, 280, 190, 'AWS', 'resources', '#2d4a6b'),
    text(width / 2, 580, 'Schematic of the demo as we understood it', {
      size: 26,
      fill: palette.muted,
      anchor: 'middle',
    }),
    footer(width, height, 'Recap · OpenStack Summit Barcelona 2016', true),
  ].join('');
  return { file: 'omni-diagram.jpg', width, height, svg: svgDoc(width, height, body) };
}

function hololensCard(): Illustration {
  const size = 1200;
  const cx = size / 2;
  const body = [
    `<defs><radialGradient id="glow" cx="0.5" cy="0.42" r="0.6">`,
    `<stop offset="0" stop-color="#23476e"/><stop offset="1" stop-color="${palette.night}"/>`,
    `</radialGradient></defs>`,
    `<rect width="${size}" height="${size}" fill="url(#glow)"/>`,
    text(cx, 170, 'BOOTH DEMO · 26 OCTOBER 2016', {
      size: 26,
      fill: palette.muted,
      weight: 700,
      spacing: 3,
      anchor: 'middle',
    }),
    // Stylised headset: band, visor, lens shapes.
    `<ellipse cx="${cx}" cy="500" rx="330" ry="120" fill="none" stroke="${palette.muted}" stroke-width="22"/>`,
    `<path d="M ${cx - 300} 500 Q ${cx - 300} 630 ${cx - 160} 650 L ${cx + 160} 650 Q ${cx + 300} 630 ${cx + 300} 500 Z" fill="#1b2a3f" stroke="${palette.teal}" stroke-width="10"/>`,
    `<path d="M ${cx - 250} 530 Q ${cx - 250} 615 ${cx - 140} 622 L ${cx - 20} 622 Q ${cx} 590 ${cx - 10} 530 Z" fill="${palette.teal}" fill-opacity="0.35"/>`,
    `<path d="M ${cx + 250} 530 Q ${cx + 250} 615 ${cx + 140} 622 L ${cx + 20} 622 Q ${cx} 590 ${cx + 10} 530 Z" fill="${palette.teal}" fill-opacity="0.35"/>`,
    // Floating "hologram" squares above the visor.
    `<rect x="${cx - 170}" y="240" width="90" height="90" rx="10" fill="none" stroke="${palette.teal}" stroke-width="6" stroke-opacity="0.7" transform="rotate(-12 ${cx - 125} 285)"/>`,
    `<rect x="${cx - 45}" y="215" width="90" height="90" rx="10" fill="none" stroke="${palette.white}" stroke-width="6" stroke-opacity="0.7"/>`,
    `<rect x="${cx + 80}" y="240" width="90" height="90" rx="10" fill="none" stroke="${palette.red}" stroke-width="6" stroke-opacity="0.8" transform="rotate(12 ${cx + 125} 285)"/>`,
    text(cx, 790, 'HoloLens demo', { size: 84, fill: palette.white, weight: 700, anchor: 'middle' }),
    text(cx, 860, 'Cloudbase Solutions booth', { size: 44, fill: palette.white, anchor: 'middle' }),
    text(cx, 920, 'OpenStack Summit Barcelona 2016', { size: 32, fill: palette.muted, anchor: 'middle' }),
    footer(size, size, 'Recap', true),
  ].join('');
  return { file: 'cloudbase-hololens-card.jpg', width: size, height: size, svg: svgDoc(size, size, body) };
}

const illustrations: Illustration[] = [
  chinaTelecomSlide(),
  crowdstarCard(),
  unikernelComparison(),
  omniDiagram(),
  hololensCard(),
];

await mkdir(outDir, { recursive: true });

for (const item of illustrations) {
  const target = join(outDir, item.file);
  const info = await sharp(Buffer.from(item.svg), { density: 72 })
    .resize(item.width, item.height, { fit: 'fill' })
    .flatten({ background: palette.white })
    .jpeg({ quality: 86, mozjpeg: true, chromaSubsampling: '4:4:4' })
    .toFile(target);
  console.log(`${item.file}  ${info.width}x${info.height}  ${info.size} bytes`);
}
