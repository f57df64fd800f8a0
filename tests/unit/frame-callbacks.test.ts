/**
 * Without requestVideoFrameCallback: the stand-in reports the video's position once per change
 * (each waiting callback once, as rVFC does), and the rate comes from decoded-frame counts as
 * an estimate.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameCallbacks } from '../../utils/player/frame-callbacks';
import { clockFacts, countedRate, exactNumbers, pickByGap } from '../../utils/frames/rate';

/** A video element as far as the stand-in looks: its position and state, and its events. */
function fakeVideo(extra: Record<string, unknown> = {}) {
  const target = new EventTarget();
  return Object.assign(target, { currentTime: 0, paused: true, seeking: false, readyState: 4, ...extra }) as unknown as Omit<HTMLVideoElement, 'paused' | 'seeking' | 'readyState'> &
    HTMLVideoElement & { paused: boolean; seeking: boolean; readyState: number };
}

describe('frame callbacks without rVFC', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());
  const nextAnimationFrame = () => frames.splice(0).forEach((cb) => cb(0));

  it("uses the browser's own where it has one", () => {
    const request = vi.fn(() => 7);
    const cancel = vi.fn();
    const video = fakeVideo({ requestVideoFrameCallback: request, cancelVideoFrameCallback: cancel });
    const callbacks = frameCallbacks(video);
    expect(callbacks.native).toBe(true);
    const cb = () => undefined;
    expect(callbacks.request(cb)).toBe(7);
    callbacks.cancel(7);
    expect(request).toHaveBeenCalledWith(cb);
    expect(cancel).toHaveBeenCalledWith(7);
  });

  it("reports a seek's position once to each callback waiting, and a cancelled one never", () => {
    const video = fakeVideo();
    const callbacks = frameCallbacks(video);
    expect(callbacks.native).toBe(false);
    const seen: number[] = [];
    const cancelled = vi.fn();
    callbacks.request((_now, meta) => seen.push(meta.mediaTime));
    callbacks.cancel(callbacks.request(cancelled));
    video.currentTime = 1.3;
    video.dispatchEvent(new Event('seeked'));
    video.dispatchEvent(new Event('seeked'));
    expect(seen).toEqual([1.3]);
    // A new request after a seek to the same place hears of it: the seek's frame is there again.
    callbacks.request((_now, meta) => seen.push(meta.mediaTime));
    video.dispatchEvent(new Event('seeked'));
    expect(seen).toEqual([1.3, 1.3]);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('reports playback once per change of position, and nothing while seeking or before a frame', () => {
    const video = fakeVideo({ readyState: 1 });
    const callbacks = frameCallbacks(video);
    const seen: number[] = [];
    const listen = () => callbacks.request((_now, meta) => (seen.push(meta.mediaTime), listen()));
    listen();
    video.dispatchEvent(new Event('timeupdate'));
    expect(seen).toEqual([]); // no frame yet
    video.readyState = 4;
    video.paused = false;
    video.dispatchEvent(new Event('playing'));
    video.currentTime = 0.1;
    nextAnimationFrame();
    nextAnimationFrame(); // the same position: nothing new
    video.currentTime = 0.12;
    video.seeking = true;
    nextAnimationFrame();
    video.seeking = false;
    nextAnimationFrame();
    video.paused = true;
    video.currentTime = 0.13;
    nextAnimationFrame(); // paused: the loop stops
    expect(frames).toHaveLength(0);
    video.dispatchEvent(new Event('pause'));
    expect(seen).toEqual([0.1, 0.12, 0.13]);
    callbacks.dispose();
    video.currentTime = 2;
    video.dispatchEvent(new Event('seeked'));
    expect(seen).toEqual([0.1, 0.12, 0.13]);
  });
});

/** Decoded-frame counts during playback at `fps`, read every `every` seconds, with the decoder's bursts. */
const counts = (fps: number, seconds: number, every = 1 / 60, burst = 2) =>
  Array.from({ length: Math.round(seconds / every) }, (_, i) => {
    const media = i * every;
    return { media, frames: Math.floor(media * fps) + (i % 7 === 0 ? burst : 0) };
  });

describe('the rate counted from decoded frames alone', () => {
  it.each([
    [25, 25],
    [30000 / 1001, 30], // a count can't tell 29.97 from 30; phones film 30
    [50, 50],
    [60, 60],
    [120, 120],
    [240, 240],
  ])('%d fps counts as %d, an estimate', (fps, expected) => {
    const rate = countedRate(counts(fps, 1.2));
    expect(rate).toMatchObject({ fps: expected, minGap: 1 / expected, variable: false, estimated: true });
    expect(exactNumbers(rate)).toBe(false);
    expect(clockFacts(rate!)).toBeNull(); // not kept on the video's record
  });

  it('a count near no usual rate is the count itself', () => {
    expect(countedRate(counts(37, 1.2))?.fps).toBeCloseTo(37, 0);
  });

  it('a stretch too short to count says nothing', () => {
    expect(countedRate(counts(25, 0.5))).toBeNull();
  });
});

describe("the count's estimate checked by one frame's length", () => {
  const estimate = (counted: number) => countedRate(counts(counted, 1.2, 1 / 60, 0))!;

  it.each([
    [24.4, 0.04, 25], // counted a frame short: the length says 25
    [24.6, 1 / 24, 24],
    [53, 1 / 50, 50], // a count 6 % off
    [56.5, 1 / 60, 60],
    [118, 1 / 120, 120],
  ])('counted %d, a frame %f s long: %d fps', (counted, gap, fps) => {
    const rate = pickByGap(estimate(counted), gap);
    expect(rate.fps).toBe(fps);
    expect(rate.minGap).toBeCloseTo(1 / fps, 9);
    expect(rate.estimated).toBe(true);
  });

  // A busy machine's count runs ahead: 26.3 for a 23.976 fps clip is 25 by the count alone, and
  // 24 is more than COUNT_NEAR away. The length (41.7 ms) still says 24.
  it('a count 9 % high: the length decides among the rates a wider window allows', () => {
    const rate = pickByGap(estimate(26.3), 1001 / 24000);
    expect(rate).toMatchObject({ fps: 24, estimated: true, frameLength: 1001 / 24000 });
  });

  // 40.9 ms fits both 25 (2.3 % off, and nearer the count) and 24 (1.8 % off): the better fit wins.
  it('a length both neighbours fit within GAP_FIT goes to the one it fits best', () => {
    expect(pickByGap(estimate(24.8), 0.0408).fps).toBe(25);
    expect(pickByGap(estimate(24.8), 0.0409).fps).toBe(24);
  });

  it('a length of two frames (a frame missing there) never halves the rate', () => {
    expect(pickByGap(estimate(60), 2 / 60).fps).toBe(60);
    expect(pickByGap(estimate(48), 2 / 48).fps).toBe(48);
  });

  it('a length that fits none of the rates the count allows (two frames: one missing there) keeps the count', () => {
    const rate = estimate(24.4);
    expect(pickByGap(rate, 0.08)).toEqual({ ...rate, frameLength: 0.08 });
  });
});
