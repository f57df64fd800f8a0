/**
 * The decoder's count of frames against media time during playback (for rate.ts): the rate it
 * gives and how far off it may be. Pure: no DOM.
 */

import { mean, median } from './clock';

/** A rate counted from decoded frames, and how far off it may be. */
export interface DecodedCount {
  /** Frames per second: the least-squares slope of the count against media time. */
  rate: number;
  /**
   * Frames per second the rate may be off by: the most the decoder's lead moved in one reading,
   * against the reading's usual step (the median), plus one frame of reading, over the span. A
   * rate twice as high shows in every reading; a decoder starved as playback starts on a busy
   * machine, then catching up at once, in one (over a third of a second of a 29.97 fps clip,
   * the count read 50).
   */
  spread: number;
}

/**
 * The rate from decoded-frame counts (getVideoPlaybackQuality().totalVideoFrames, which counts
 * every frame decoded even when the display skips it) against media time, as pairs taken
 * during one stretch of playback: the least-squares slope, when the stretch covers at least
 * `minSpan` seconds. A 60 Hz display presents at most ~60 frames a second, so on 120 and 240 fps
 * clips only this sees the real rate.
 */
export function decodedCount(all: readonly { media: number; frames: number }[], minSpan = 0.15): DecodedCount | null {
  // The decoder runs ahead (and drops a few) as playback starts: the first quarter is left out.
  const pairs = all.slice(Math.floor(all.length / 4));
  const first = pairs[0];
  const last = pairs[pairs.length - 1];
  if (!first || !last || pairs.length < 3 || last.media - first.media < minSpan) return null;
  const mx = mean(pairs.map((p) => p.media));
  const my = mean(pairs.map((p) => p.frames));
  let sxy = 0;
  let sxx = 0;
  for (const p of pairs) {
    sxy += (p.media - mx) * (p.frames - my);
    sxx += (p.media - mx) ** 2;
  }
  if (!(sxx > 0)) return null;
  const steps = pairs.slice(1).map((p, i) => ({ media: p.media - pairs[i]!.media, frames: p.frames - pairs[i]!.frames }));
  const usual = median(steps.filter((s) => s.media > 0).map((s) => s.frames / s.media));
  const jump = Math.max(...steps.map((s) => Math.abs(s.frames - usual * s.media)));
  return { rate: sxy / sxx, spread: (jump + 1) / (last.media - first.media) };
}

/** The rate from decoded-frame counts alone (see decodedCount), or null. */
export function decodedRate(all: readonly { media: number; frames: number }[], minSpan = 0.15): number | null {
  return decodedCount(all, minSpan)?.rate ?? null;
}
