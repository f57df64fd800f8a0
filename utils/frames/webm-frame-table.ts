/**
 * Every frame's presentation time from a WebM (Matroska) file: the timestamps of its video
 * track's blocks. Unlike an MP4's header, a WebM keeps them next to the frames, spread
 * through the file, so this reads a whole (small) file, which the content script fetched
 * (utils/frames/table-reads.ts, frame-table.ts). Handles the unknown sizes a live recorder
 * writes (a MediaRecorder's segment and clusters). Pure: no DOM.
 */

const ID = {
  ebml: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  cluster: 0x1f43b675,
  clusterTimestamp: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
} as const;
/** Children of a segment: one of them ends a cluster of unknown size. */
const SEGMENT_CHILDREN = new Set([0x114d9b74, ID.info, ID.tracks, ID.cluster, 0x1c53bb6b, 0x1043a770, 0x1254c367, 0x1941a469]);
const VIDEO_TRACK = 1;
/** Frames a table may hold (about nine hours at 30 fps), as for MP4. */
const MAX_FRAMES = 1_000_000;

interface Element {
  readonly id: number;
  /** Where its data starts and ends (for a segment of unknown size, the end of the bytes). */
  readonly start: number;
  end: number;
  readonly unknownSize: boolean;
}

class Broken extends Error {}

/** A variable-length integer at `at`: its value (with the length marker kept for ids) and length. */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; allOnes: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new Broken();
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx … 8 for 0b00000001
  if (at + length > bytes.length) throw new Broken();
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value, length, allOnes };
}

function header(bytes: Uint8Array, at: number, limit: number): Element {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const start = at + id.length + size.length;
  const end = size.allOnes ? limit : start + size.value;
  if (end > limit && !size.allOnes) throw new Broken();
  return { id: id.value, start, end: Math.min(end, limit), unknownSize: size.allOnes };
}

function uint(bytes: Uint8Array, e: Element): number {
  let value = 0;
  for (let i = e.start; i < e.end; i++) value = value * 256 + bytes[i]!;
  return value;
}

/** The elements from `from` to `to`. Only a segment or a cluster may have an unknown size (a live recording's). */
function* children(bytes: Uint8Array, from: number, to: number): Generator<Element> {
  for (let at = from; at < to; ) {
    const e = header(bytes, at, to);
    if (e.unknownSize && e.id === ID.cluster) e.end = clusterEnd(bytes, e.start, to);
    else if (e.unknownSize && e.id !== ID.segment) throw new Broken();
    yield e;
    at = e.end;
  }
}

/** A cluster of unknown size ends where the next element of the segment's level starts. */
function clusterEnd(bytes: Uint8Array, from: number, to: number): number {
  for (let at = from; at < to; ) {
    const e = header(bytes, at, to);
    if (SEGMENT_CHILDREN.has(e.id) || e.id === ID.ebml) return at;
    if (e.unknownSize) throw new Broken();
    at = e.end;
  }
  return to;
}

/**
 * The presentation times (seconds, sorted, to the microsecond as the browser reports them)
 * of the first video track's frames, or null when the bytes are not a whole WebM file with
 * one, or hold something this reader does not follow (laced video blocks, two frames at one
 * time): no table is better than a wrong one.
 */
export function webmFrameTimes(bytes: Uint8Array): number[] | null {
  try {
    const top = [...children(bytes, 0, bytes.length)];
    if (top[0]?.id !== ID.ebml) return null;
    const segment = top.find((e) => e.id === ID.segment);
    if (!segment) return null;
    let scale = 1_000_000; // nanoseconds per timestamp unit
    let videoTrack: number | null = null;
    /** Block times (in timestamp units) by track number. */
    const times = new Map<number, number[]>();
    const laced = new Set<number>();
    const block = (e: Element, clusterTime: number) => {
      const track = vint(bytes, e.start, false);
      const at = e.start + track.length;
      if (at + 3 > e.end) throw new Broken();
      const relative = ((bytes[at]! << 24) >> 16) | bytes[at + 1]!; // signed 16 bits
      if (bytes[at + 2]! & 0x06) laced.add(track.value); // several frames in one block: their times are not written
      const list = times.get(track.value) ?? [];
      list.push(clusterTime + relative);
      times.set(track.value, list);
    };
    for (const e of children(bytes, segment.start, segment.end)) {
      if (e.id === ID.info) {
        for (const c of children(bytes, e.start, e.end)) if (c.id === ID.timestampScale) scale = uint(bytes, c);
      } else if (e.id === ID.tracks) {
        for (const entry of children(bytes, e.start, e.end)) {
          if (entry.id !== ID.trackEntry) continue;
          let number: number | null = null;
          let type: number | null = null;
          for (const c of children(bytes, entry.start, entry.end)) {
            if (c.id === ID.trackNumber) number = uint(bytes, c);
            if (c.id === ID.trackType) type = uint(bytes, c);
          }
          if (type === VIDEO_TRACK && number !== null && videoTrack === null) videoTrack = number;
        }
      } else if (e.id === ID.cluster) {
        let clusterTime = 0;
        for (const c of children(bytes, e.start, e.end)) {
          if (c.id === ID.clusterTimestamp) clusterTime = uint(bytes, c);
          else if (c.id === ID.simpleBlock) block(c, clusterTime);
          else if (c.id === ID.blockGroup) for (const b of children(bytes, c.start, c.end)) if (b.id === ID.block) block(b, clusterTime);
        }
      }
    }
    const units = videoTrack === null ? undefined : times.get(videoTrack);
    if (!units?.length || units.length > MAX_FRAMES || !(scale > 0) || laced.has(videoTrack!)) return null;
    const seconds = units.map((u) => Math.round((u * scale) / 1000) / 1e6).sort((a, b) => a - b);
    for (let i = 1; i < seconds.length; i++) if (seconds[i] === seconds[i - 1]) return null;
    return seconds;
  } catch (error) {
    if (error instanceof Broken) return null;
    throw error;
  }
}
