/**
 * The file's own frame table, read a piece at a time: the content script fetches byte ranges
 * of the file as the page (utils/frames/table-reads.ts) and this side, in the background,
 * says what to read next, or reads the table from what it has. An MP4 keeps its frame table
 * in its header (`ftyp` and `moov`, found by hopping over the top-level boxes, wherever the
 * muxer put `moov`); a WebM keeps frame times beside the frames, so a small one is read
 * whole. Stateless: each answer rests on the parts sent with the question.
 */
import { mp4FrameTimes } from './mp4-frame-table';
import { FIRST_READ, type TableStep } from './table-reads';
import { webmFrameTimes } from './webm-frame-table';

export type { TableStep };
/** A larger `moov` (hours of video) is not worth the download for stepping. */
const MAX_MOOV = 16 * 1024 * 1024;
/** A WebM is read whole when it is this small at most (a few seconds of phone video). */
export const MAX_WEBM = 8 * 1024 * 1024;
/** Top-level boxes looked at before giving up on finding `moov`. */
const MAX_BOXES = 16;

/** Bytes of the file from offset `at`. */
export interface Part {
  at: number;
  bytes: Uint8Array;
}

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/** `length` bytes from `from`, when one part holds them all. */
function slice(parts: readonly Part[], from: number, length: number): { part: Part; bytes: Uint8Array } | null {
  for (const part of parts) {
    if (from >= part.at && from + length <= part.at + part.bytes.length) {
      return { part, bytes: part.bytes.subarray(from - part.at, from - part.at + length) };
    }
  }
  return null;
}

/** `size`: the file's length, when the server said it. */
export function nextTableStep(parts: readonly Part[], size: number | null): TableStep {
  const first = parts.find((p) => p.at === 0);
  if (!first) return { read: { from: 0, length: FIRST_READ }, keep: [] };
  if (EBML_MAGIC.every((b, i) => first.bytes[i] === b)) return webmStep(parts, size);
  return mp4Step(parts);
}

/** A WebM: the first read, then the rest of the file in one more. */
function webmStep(parts: readonly Part[], size: number | null): TableStep {
  if (size === null || size > MAX_WEBM) return null;
  const first = parts.find((p) => p.at === 0)!;
  if (first.bytes.length >= size) return found(webmFrameTimes(first.bytes.subarray(0, size)));
  const rest = slice(parts, first.bytes.length, size - first.bytes.length);
  if (rest) return found(webmFrameTimes(join(first.bytes, rest.bytes)));
  return { read: { from: first.bytes.length, length: size - first.bytes.length }, keep: [0] };
}

/** Where the parts to join begin: the `ftyp` box, then `moov`. */
function mp4Step(parts: readonly Part[]): TableStep {
  let ftyp: { part: Part; bytes: Uint8Array } | null = null;
  for (let offset = 0, box = 0; box < MAX_BOXES; box++) {
    const head = slice(parts, offset, 16) ?? slice(parts, offset, 8);
    if (!head) return { read: { from: offset, length: FIRST_READ }, keep: ftyp ? [ftyp.part.at] : [] };
    const view = new DataView(head.bytes.buffer, head.bytes.byteOffset, head.bytes.byteLength);
    const type = String.fromCharCode(...head.bytes.subarray(4, 8));
    let size = view.getUint32(0);
    if (size === 1 && head.bytes.length === 16) size = Number(view.getBigUint64(8));
    if (size < 8) return null; // 0 (to the end of the file) or broken: no `moov` after it
    if (box === 0 && type !== 'ftyp') return null;
    if (type === 'ftyp' || type === 'moov') {
      if (size > MAX_MOOV) return null;
      const whole = slice(parts, offset, size);
      if (!whole) return { read: { from: offset, length: size }, keep: ftyp ? [ftyp.part.at] : [] };
      if (type === 'ftyp') ftyp = whole;
      else return ftyp ? found(mp4FrameTimes(join(ftyp.bytes, whole.bytes))) : null;
    }
    offset += size;
  }
  return null;
}

const found = (times: number[] | null): TableStep => (times ? { times } : null);

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
