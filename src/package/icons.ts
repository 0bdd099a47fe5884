import { encodePng } from './png.js';

type Point = readonly [number, number];

/**
 * The Planpiloten mark, a paper plane, in a unit square: the upper wing and the lower
 * wing, split along the fold. Drawn from code so the icons can be regenerated and checked
 * in tests rather than kept as opaque binaries.
 */
const UPPER_WING: Point[] = [
  [0.14, 0.47],
  [0.86, 0.18],
  [0.42, 0.6],
];
const LOWER_WING: Point[] = [
  [0.47, 0.62],
  [0.86, 0.22],
  [0.58, 0.84],
];
const TAIL: Point[] = [
  [0.42, 0.64],
  [0.5, 0.68],
  [0.4, 0.8],
];

/** Teams' accent colour for the app, also in appPackage/manifest.json. */
export const ACCENT = [0x00, 0x5c, 0x9d] as const;

function inside(polygon: Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] ?? [0, 0];
    const [xj, yj] = polygon[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Share of the pixel covered by the polygons, sampled 4×4 for smooth edges. */
function coverage(polygons: Point[][], px: number, py: number, size: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4) / size;
      const y = (py + (sy + 0.5) / 4) / size;
      if (polygons.some((p) => inside(p, x, y))) hits++;
    }
  }
  return hits / 16;
}

/** The 192×192 colour icon: the plane in white and light blue on the accent colour, opaque. */
export function colorIcon(size = 192): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const light = [0xc7, 0xdc, 0xee];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const upper = coverage([UPPER_WING], x, y, size);
      const lower = coverage([LOWER_WING, TAIL], x, y, size);
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        const base = ACCENT[c] ?? 0;
        rgba[o + c] = Math.round(base * (1 - upper - lower) + 255 * upper + (light[c] ?? 0) * lower);
      }
      rgba[o + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

/** The 32×32 outline icon: the plane in white on transparent, as Teams requires. */
export function outlineIcon(size = 32): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      const alpha = Math.round(255 * coverage([UPPER_WING, LOWER_WING, TAIL], x, y, size));
      if (alpha === 0) continue;
      rgba.set([255, 255, 255, alpha], o);
    }
  }
  return encodePng(size, size, rgba);
}
