/*
 * Draws the Teams app icons: a shield with a phone handset. Shapes are tests on points of the
 * unit square, sampled several times per pixel so the edges come out anti-aliased.
 * Run with `npm run icons`; the PNGs land in appPackage/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];
type Layers = ReadonlyArray<[Shape, Rgb]>;

/** Navy of the colour icon; the manifest's accentColor is the same. */
export const ACCENT: Rgb = [0x1b, 0x3a, 0x6b];

const WHITE: Rgb = [0xff, 0xff, 0xff];
const SHIELD_TOP = 0.1;
const SHIELD_SHOULDER = 0.5;
const SHIELD_BOTTOM = 0.92;

/** Half-width of a shield whose straight sides curve in to a point at the bottom. */
function shieldHalfWidth(y: number, width: number): number {
  if (y < SHIELD_TOP || y > SHIELD_BOTTOM) {
    return -1;
  }

  if (y <= SHIELD_SHOULDER) {
    return width;
  }

  const t = (y - SHIELD_SHOULDER) / (SHIELD_BOTTOM - SHIELD_SHOULDER);
  return width * (1 - t * t);
}

function shield(width: number): Shape {
  return (x, y) => Math.abs(x - 0.5) <= shieldHalfWidth(y, width);
}

/** The shield less a copy shrunk by `stroke`: a border of roughly even thickness. */
function shieldBorder(width: number, stroke: number): Shape {
  const outer = shield(width);
  return (x, y) => {
    if (!outer(x, y)) {
      return false;
    }

    const inner = Math.abs(x - 0.5) <= shieldHalfWidth(y - stroke * 0.4, width) - stroke;
    return !(inner && y >= SHIELD_TOP + stroke && y <= SHIELD_BOTTOM - stroke * 2.2);
  };
}

/** Inside a rectangle whose corners are rounded with radius r. */
function inRoundRect(x: number, y: number, box: readonly number[], r: number): boolean {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
  const qx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const qy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(qx, qy) <= r;
}

/** A handset: a curved grip with an ear piece and a mouth piece, opening to the top right. */
function handset(cx: number, cy: number, size: number): Shape {
  const cos = Math.cos(-Math.PI / 4);
  const sin = Math.sin(-Math.PI / 4);
  const radius = 0.34 * size;
  const grip = 0.2 * size;
  const padBox = [-0.06 * size, -radius - grip / 2, 0.24 * size, -radius + 0.2 * size];
  return (px, py) => {
    const dx = px - cx;
    const dy = py - cy;
    const x = dx * cos + dy * sin + 0.08 * size;
    const y = Math.abs(-dx * sin + dy * cos);
    const onGrip = x <= 0 && Math.abs(Math.hypot(x, y) - radius) <= grip / 2;
    return onGrip || inRoundRect(x, -y, padBox, 0.07 * size);
  };
}

/** One pixel: the average of samples x samples points; the first shape hit gives the colour. */
function pixel(px: number, py: number, size: number, layers: Layers, background?: Rgb): number[] {
  const samples = size < 64 ? 8 : 4;
  const sum = [0, 0, 0];
  let hits = 0;
  for (let s = 0; s < samples * samples; s++) {
    const x = (px + ((s % samples) + 0.5) / samples) / size;
    const y = (py + (Math.floor(s / samples) + 0.5) / samples) / size;
    const colour = layers.find(([shape]) => shape(x, y))?.[1] ?? background;
    if (colour === undefined) {
      continue;
    }

    colour.forEach((c, i) => (sum[i] = (sum[i] ?? 0) + c));
    hits += 1;
  }

  if (hits === 0) {
    return [0, 0, 0, 0];
  }

  return [...sum.map((c) => c / hits), (255 * hits) / samples ** 2].map(Math.round);
}

function paint(size: number, layers: Layers, background?: Rgb): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      png.data.set(pixel(px, py, size, layers, background), (py * size + px) * 4);
    }
  }

  return png;
}

/** The 192x192 full-colour icon: white shield and navy handset on navy. */
export function drawColorIcon(): PNG {
  const phone = handset(0.53, 0.45, 0.5);
  return paint(
    192,
    [
      [phone, ACCENT],
      [shield(0.3), WHITE],
    ],
    ACCENT,
  );
}

/** The 32x32 outline icon: white only, on transparent. */
export function drawOutlineIcon(): PNG {
  const phone = handset(0.53, 0.45, 0.5);
  return paint(32, [
    [phone, WHITE],
    [shieldBorder(0.36, 0.075), WHITE],
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, '..', '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  console.log(`icons written to ${dir}`);
}
