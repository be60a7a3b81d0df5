// Draws Loupe's icon (an indigo magnifying glass) as PNGs, so the brand needs no image editor.
// Run with `npx tsx scripts/make-icons.ts` after changing the drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function icon(size: number): Buffer {
  const rows: Buffer[] = [];
  const cx = size * 0.42,
    cy = size * 0.42,
    r = size * 0.3,
    ring = Math.max(1.5, size * 0.09);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const px = x + 0.5,
        py = y + 0.5;
      const d = Math.hypot(px - cx, py - cy);
      // handle: a thick segment from the ring towards the bottom-right corner
      const t = Math.max(0, Math.min(1, (px - cx + (py - cy)) / (2 * size * 0.5)));
      const hx = cx + t * size * 0.5,
        hy = cy + t * size * 0.5;
      const onHandle = d > r && Math.hypot(px - hx, py - hy) < ring * 0.9 && px < size * 0.94 && py < size * 0.94;
      const onRing = Math.abs(d - r) < ring / 2;
      const inLens = d < r - ring / 2;
      const o = 1 + x * 4;
      if (onRing || onHandle) row.set([0x4b, 0x3f, 0xd1, 255], o);
      else if (inLens) row.set([0xe4, 0xe1, 0xff, 255], o);
      else row.set([0, 0, 0, 0], o);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../public/icons/${size}.png`, import.meta.url), icon(size));
