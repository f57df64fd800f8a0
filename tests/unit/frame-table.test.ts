/**
 * The file's own frame table: the content script's Range reads of an MP4 header
 * (movie-head.ts) and the background's parse of it (mp4-frame-table.ts), on the committed
 * clips, whose every frame time is known from the clip script.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import clipsDoc from '../fixtures/clips/clips.json';
import { mp4FrameTimes } from '../../utils/frames/mp4-frame-table';
import { fromBase64, readMovieHead, toBase64 } from '../../utils/frames/movie-head';
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

/** A server over `bytes` that honours Range (or not), counting requests. */
function server(bytes: Uint8Array, honourRange = true) {
  const calls: string[] = [];
  const get = async (_url: string, init: RequestInit) => {
    const range = new Headers(init.headers).get('Range') ?? '';
    calls.push(range);
    const m = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!honourRange || !m) return new Response(bytes.slice(), { status: 200 });
    const from = Number(m[1]);
    if (from >= bytes.length) return new Response(null, { status: 416 });
    return new Response(bytes.slice(from, Math.min(bytes.length, Number(m[2]) + 1)), { status: 206 });
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

describe('readMovieHead', () => {
  const url = 'https://club.example/clips/stride.mp4';

  it('a fast-start file: one read of 64 KB holds ftyp and moov; the table is the whole file’s', async () => {
    const file = bytesOf('h264-phone-30.mp4');
    const { get, calls } = server(file);
    const head = await readMovieHead(url, get);
    expect(calls).toEqual(['bytes=0-65535']);
    expect(mp4FrameTimes(head!)).toEqual(mp4FrameTimes(file));
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
    const head = await readMovieHead(url, get);
    expect(calls.length).toBeLessThanOrEqual(4);
    expect(mp4FrameTimes(head!)).toEqual(mp4FrameTimes(file));
  });

  it('a server that ignores Range, a WebM, a blob: or data: address, a network error: null', async () => {
    expect(await readMovieHead(url, server(bytesOf('h264-60.mp4'), false).get)).toBeNull();
    expect(await readMovieHead(url, server(bytesOf('vp9-25.webm')).get)).toBeNull();
    const never = async (): Promise<Response> => {
      throw new Error('not to be called');
    };
    expect(await readMovieHead('blob:https://club.example/1234', never)).toBeNull();
    expect(await readMovieHead('data:video/mp4;base64,AAAA', never)).toBeNull();
    expect(await readMovieHead(url, async () => Promise.reject(new TypeError('Failed to fetch')))).toBeNull();
  });

  it('base64 both ways, for the message to the background', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
