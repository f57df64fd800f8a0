/**
 * The file's own frame table: the content script's Range reads of an MP4 header or a small
 * WebM (table-reads.ts), directed by the background (frame-table.ts), which parses them
 * (mp4-frame-table.ts, webm-frame-table.ts), on the committed clips, whose every frame time is
 * known from the clip script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import clipsDoc from '../fixtures/clips/clips.json';
import { mp4FrameTimes } from '../../utils/frames/mp4-frame-table';
import { nextTableStep } from '../../utils/frames/frame-table';
import { fromBase64, readFrameTable, toBase64, type SentPart } from '../../utils/frames/table-reads';
import { webmFrameTimes } from '../../utils/frames/webm-frame-table';
import { detectFrameRate } from '../../utils/frames/rate';

interface Clip {
  file: string;
  fps: number | null;
  frames: number;
  startSec: number;
  frameTimes?: number[];
}
const DIR = join(__dirname, '../fixtures/clips');
const clips = (clipsDoc.clips as Clip[]).filter((c) => c.file.endsWith('.mp4'));
const webms = (clipsDoc.clips as Clip[]).filter((c) => c.file.endsWith('.webm'));
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
const expectedTimes = (c: Clip) => c.frameTimes ?? Array.from({ length: c.frames }, (_, k) => c.startSec + k / c.fps!);

/** Top-level boxes of an MP4: [type, start, size]. */
function boxes(bytes: Uint8Array): [string, number, number][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: [string, number, number][] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    out.push([String.fromCharCode(...bytes.subarray(at + 4, at + 8)), at, size]);
    at += size;
  }
  return out;
}

/** A server over `bytes` that honours Range (or not), counting requests; `exposeSize` false hides Content-Range (CORS without exposing it). */
function server(bytes: Uint8Array, honourRange = true, exposeSize = true) {
  const calls: string[] = [];
  const get = async (_url: string, init: RequestInit) => {
    const range = new Headers(init.headers).get('Range') ?? '';
    calls.push(range);
    const m = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!honourRange || !m) return new Response(bytes.slice(), { status: 200 });
    const from = Number(m[1]);
    if (from >= bytes.length) return new Response(null, { status: 416 });
    const to = Math.min(bytes.length, Number(m[2]) + 1);
    const headers: Record<string, string> = exposeSize ? { 'Content-Range': `bytes ${from}-${to - 1}/${bytes.length}` } : {};
    return new Response(bytes.slice(from, to), { status: 206, headers });
  };
  return { get, calls };
}

describe('mp4FrameTimes', () => {
  it.each(clips.map((c) => [c.file, c] as const))('%s: every frame, at the time the clip script wrote', (_f, clip) => {
    const times = mp4FrameTimes(bytesOf(clip.file));
    expect(times).not.toBeNull();
    expect(times!.length).toBe(clip.frames);
    const expected = expectedTimes(clip);
    times!.forEach((t, k) => expect(Math.abs(t - expected[k]!), `frame ${k}`).toBeLessThan(2e-6));
  });

  it('the tables tell the clips apart: a clock with frames missing, a wobbling one, a variable rate', () => {
    const rate = (file: string) => detectFrameRate(mp4FrameTimes(bytesOf(file))!);
    expect(rate('h264-60-drops.mp4')).toMatchObject({ fps: 60, variable: false, dropped: true });
    expect(rate('h264-phone-30.mp4')).toMatchObject({ fps: 30, variable: false, dropped: true });
    expect(rate('h264-vfr.mp4')).toMatchObject({ variable: true });
    expect(rate('h264-240.mp4')).toMatchObject({ fps: 240, variable: false, dropped: false });
  });

  it('not an MP4, or a broken one: null', () => {
    expect(mp4FrameTimes(bytesOf('vp9-25.webm'))).toBeNull();
    expect(mp4FrameTimes(new Uint8Array(0))).toBeNull();
    const file = bytesOf('h264-60.mp4');
    const [, at, size] = boxes(file).find(([type]) => type === 'moov')!;
    expect(mp4FrameTimes(file.slice(0, at + Math.floor(size / 2)))).toBeNull();
  });
});

/** Offsets of an EBML id in `bytes`. */
function find(bytes: Uint8Array, id: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + id.length <= bytes.length; i++) if (id.every((b, k) => bytes[i + k] === b)) out.push(i);
  return out;
}
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75];
const SEGMENT = [0x18, 0x53, 0x80, 0x67];

describe('webmFrameTimes', () => {
  it.each(webms.map((c) => [c.file, c] as const))('%s: every frame, at the time the clip script wrote (to the millisecond WebM keeps)', (_f, clip) => {
    const times = webmFrameTimes(bytesOf(clip.file));
    expect(times).not.toBeNull();
    expect(times!.length).toBe(clip.frames);
    const expected = expectedTimes(clip);
    times!.forEach((t, k) => expect(Math.abs(t - expected[k]!), `frame ${k}`).toBeLessThanOrEqual(0.0005 + 1e-9));
    expect(detectFrameRate(times!)).toMatchObject({ fps: clip.fps, variable: false });
  });

  it('sizes left unknown, as a live recorder writes them (a MediaRecorder file): the same table', () => {
    const file = bytesOf('vp9-30-offset.webm');
    const live = file.slice();
    const clusters = find(live, CLUSTER);
    expect(clusters.length).toBeGreaterThan(1);
    for (const at of clusters) {
      const length = Math.clz32(live[at + 4]!) - 23;
      live[at + 4] = 0xff >> (length - 1); // the length marker, then all ones
      for (let k = 1; k < length; k++) live[at + 4 + k] = 0xff;
    }
    const [segment] = find(live, SEGMENT);
    live.set([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], segment! + 4);
    expect(webmFrameTimes(live)).toEqual(webmFrameTimes(file));
  });

  it('laced video, a cut-off file, an MP4, nothing: null (no table rather than a wrong one)', () => {
    const file = bytesOf('vp9-25.webm');
    const laced = file.slice();
    const block = find(laced, [0xa3]).find((at) => at > find(laced, CLUSTER)[0]! + 8)!;
    const sizeLength = Math.clz32(laced[block + 1]!) - 23;
    laced[block + 1 + sizeLength + 3]! |= 0x02; // flags after the track number (1 byte) and the 16-bit time
    expect(webmFrameTimes(laced)).toBeNull();
    expect(webmFrameTimes(file.slice(0, Math.floor(file.length * 0.6)))).toBeNull();
    expect(webmFrameTimes(bytesOf('h264-60.mp4'))).toBeNull();
    expect(webmFrameTimes(new Uint8Array(0))).toBeNull();
  });
});

describe('readFrameTable: the content script reads, the background says what', () => {
  const url = 'https://club.example/clips/stride.mp4';
  /** The background's side, through base64 as the message carries it; records the sizes it was told. */
  const background = () => {
    const told: (number | null)[] = [];
    const ask = async (parts: SentPart[], size: number | null) => {
      told.push(size);
      return nextTableStep(parts.map((p) => ({ at: p.at, bytes: fromBase64(p.data) })), size);
    };
    return { ask, told };
  };

  it('a fast-start file: one read of 64 KB holds ftyp and moov; the table is the whole file’s', async () => {
    const file = bytesOf('h264-phone-30.mp4');
    const { get, calls } = server(file);
    expect(await readFrameTable(url, background().ask, get)).toEqual(mp4FrameTimes(file));
    expect(calls).toEqual(['bytes=0-65535']);
  });

  it('moov at the end (after mdat): found by hopping over the boxes, a few small reads', async () => {
    const file = bytesOf('h264-vfr.mp4');
    const parts = boxes(file);
    const pick = (type: string) => parts.filter(([t]) => t === type).map(([, at, size]) => file.subarray(at, at + size));
    const reordered = new Uint8Array(file.length);
    let at = 0;
    for (const part of [...pick('ftyp'), ...parts.filter(([t]) => t !== 'ftyp' && t !== 'moov').map(([, a, s]) => file.subarray(a, a + s)), ...pick('moov')]) {
      reordered.set(part, at);
      at += part.length;
    }
    // Make mdat large, as in a real file, so moov is beyond the first read.
    const padded = new Uint8Array(reordered.length + 200_000);
    const mdat = boxes(reordered).find(([t]) => t === 'mdat')!;
    padded.set(reordered.subarray(0, mdat[1] + mdat[2]));
    new DataView(padded.buffer).setUint32(mdat[1], mdat[2] + 200_000);
    padded.set(reordered.subarray(mdat[1] + mdat[2]), mdat[1] + mdat[2] + 200_000);
    const { get, calls } = server(padded);
    expect(await readFrameTable(url, background().ask, get)).toEqual(mp4FrameTimes(file));
    expect(calls.length).toBeLessThanOrEqual(4);
  });

  it('a WebM: read whole, in two reads when it is longer than the first', async () => {
    const file = bytesOf('vp9-59.94.webm');
    expect(file.length).toBeGreaterThan(64 * 1024);
    const { get, calls } = server(file);
    expect(await readFrameTable(url, background().ask, get)).toEqual(webmFrameTimes(file));
    expect(calls).toEqual(['bytes=0-65535', `bytes=65536-${file.length - 1}`]);
  });

  it('a WebM too big to read whole, or whose size the server does not tell: null after the first read', async () => {
    const big = new Uint8Array(9 * 1024 * 1024);
    big.set(bytesOf('vp9-25.webm'));
    const tooBig = server(big);
    expect(await readFrameTable(url, background().ask, tooBig.get)).toBeNull();
    expect(tooBig.calls).toHaveLength(1);
    const unsized = server(bytesOf('vp9-59.94.webm'), true, false);
    expect(await readFrameTable(url, background().ask, unsized.get)).toBeNull();
    expect(unsized.calls).toHaveLength(1);
    // Shorter than the first read: that read was all of it, told or not.
    const small = bytesOf('vp9-25.webm').slice(0, 40_000);
    const b = background();
    await readFrameTable(url, b.ask, server(small, true, false).get);
    expect(b.told).toEqual([40_000]);
  });

  it('a server that ignores Range, a blob: or data: address, a network error, a file that is neither: null', async () => {
    expect(await readFrameTable(url, background().ask, server(bytesOf('h264-60.mp4'), false).get)).toBeNull();
    expect(await readFrameTable(url, background().ask, server(bytesOf('vp9-25.webm'), false).get)).toBeNull();
    const never = async (): Promise<Response> => {
      throw new Error('not to be called');
    };
    expect(await readFrameTable('blob:https://club.example/1234', background().ask, never)).toBeNull();
    expect(await readFrameTable('data:video/mp4;base64,AAAA', background().ask, never)).toBeNull();
    expect(await readFrameTable(url, background().ask, async () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
    const text = new TextEncoder().encode('<!doctype html><title>Not found</title>'.repeat(100));
    expect(await readFrameTable(url, background().ask, server(text).get)).toBeNull();
  });

  it('a background that keeps asking for more: it stops after 20 reads', async () => {
    const { get, calls } = server(bytesOf('h264-60.mp4'));
    const endless = async () => ({ read: { from: 0, length: 16 }, keep: [] });
    expect(await readFrameTable(url, endless, get)).toBeNull();
    expect(calls).toHaveLength(20);
  });

  it('base64 both ways, for the message to the background', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
