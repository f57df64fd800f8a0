import { describe, expect, it } from 'vitest';
import { loopKeeper } from '../../utils/player/ab-loop';

/**
 * A playing video on a simulated clock. Playback runs on by itself (as the compositor does);
 * the frame callbacks that tell the keeper where it is arrive `lateMs` after each frame is
 * presented (a busy main thread), and seeks take `seekMs`. Every frame that reaches the
 * screen is recorded with the time it got there.
 */
function world(fps: number, lateMs: number, seekMs = 12) {
  const gap = 1 / fps;
  let clock = 0; // ms
  const events: { at: number; run: () => void }[] = [];
  const at = (ms: number, run: () => void) => events.push({ at: Math.max(ms, clock), run });
  const screen: { frame: number; at: number }[] = [];
  const show = (frame: number) => {
    if (screen.at(-1)?.frame !== frame) screen.push({ frame, at: clock });
  };
  const frameOf = (time: number) => Math.floor(time / gap + 1e-9);

  let paused = true;
  let anchor = { pos: 0, ms: 0 }; // playback position at a wall time
  let epoch = 0; // bumps on every pause/play/seek, so stale frame events are dropped
  const position = () => (paused ? anchor.pos : anchor.pos + ((clock - anchor.ms) / 1000) * video.playbackRate);

  const video = {
    playbackRate: 1,
    get paused() {
      return paused;
    },
    get currentTime() {
      return position();
    },
    pause() {
      if (paused) return;
      anchor = { pos: position(), ms: clock };
      paused = true;
      epoch++;
      show(frameOf(anchor.pos));
    },
    async play() {
      if (!paused) return;
      paused = false;
      anchor = { pos: anchor.pos, ms: clock };
      const mine = ++epoch;
      // Present each frame at its start, and report it `lateMs` later.
      const next = (frame: number) => {
        const due = anchor.ms + (((frame * gap - anchor.pos) / video.playbackRate) * 1000);
        at(due, () => {
          if (mine !== epoch) return;
          show(frame);
          at(clock + lateMs, () => keeper.onFrame(frame * gap));
          next(frame + 1);
        });
      };
      next(frameOf(anchor.pos) + 1);
    },
  };

  const seeks: number[] = [];
  const seekTo = (time: number) =>
    new Promise<void>((resolve) => {
      seeks.push(time);
      epoch++;
      at(clock + seekMs, () => {
        anchor = { pos: time, ms: clock };
        show(frameOf(time));
        resolve();
      });
    });
  const sleep = (ms: number) => new Promise<void>((resolve) => at(clock + ms, resolve));

  let loop: { in: number; out: number } | null = null;
  const keeper = loopKeeper(video as unknown as HTMLVideoElement, () => loop, () => gap, seekTo, sleep, () => clock);

  return {
    gap,
    screen,
    seeks,
    video,
    keeper,
    setLoop(a: number, b: number) {
      loop = { in: a * gap, out: b * gap };
    },
    /** Puts playback at frame `f` (paused). */
    park(f: number) {
      anchor = { pos: f * gap + gap / 2, ms: clock };
      show(f);
    },
    /** Runs the world for `ms` of simulated time. */
    async run(ms: number) {
      const end = clock + ms;
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve)); // let promise chains settle
        events.sort((x, y) => x.at - y.at);
        const ev = events[0];
        if (!ev || ev.at > end) break;
        events.shift();
        clock = ev.at;
        ev.run();
      }
      clock = end;
    },
  };
}

/** Splits the frames shown into passes (a new pass where the frame goes backwards). */
function passes(frames: number[]): number[][] {
  const out: number[][] = [];
  for (const f of frames) {
    const pass = out.at(-1);
    if (!pass || f < pass.at(-1)!) out.push([f]);
    else pass.push(f);
  }
  return out;
}

describe('A–B loop keeper', () => {
  const A = 10;
  const B = 25;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  for (const lateMs of [0, 20, 45, 110]) {
    it(`shows every frame from A to B and never past B, with frame reports ${lateMs} ms late (30 fps)`, async () => {
      const w = world(30, lateMs);
      w.setLoop(A, B);
      w.park(A);
      await w.video.play();
      await w.run(3000);
      const shown = w.screen.map((s) => s.frame);
      expect(Math.max(...shown), shown.join(',')).toBe(B);
      expect(Math.min(...shown), shown.join(',')).toBe(A);
      const all = passes(shown);
      // Every pass but the one cut off by the end of the run goes A, A+1, ..., B.
      const whole = all.slice(1, -1);
      expect(whole.length).toBeGreaterThanOrEqual(3);
      for (const pass of whole) expect(pass).toEqual(range(A, B));
      expect(w.keeper.wrapping() || !w.video.paused).toBe(true);
    });
  }

  it('holds B for about its own duration before the jump back (no rushing the last frame)', async () => {
    const w = world(30, 45);
    w.setLoop(A, B);
    w.park(A);
    await w.video.play();
    await w.run(2500);
    const gapMs = 1000 / 30;
    expect(w.screen.filter((s) => s.frame === B).length).toBeGreaterThanOrEqual(2);
    for (let n = 0; n + 1 < w.screen.length; n++) {
      if (w.screen[n]!.frame !== B) continue;
      const held = w.screen[n + 1]!.at - w.screen[n]!.at;
      expect(held).toBeGreaterThanOrEqual(gapMs - 1);
    }
  });

  it('at 2x the last frames are shown at 2x pace too', async () => {
    const w = world(30, 20);
    w.video.playbackRate = 2;
    w.setLoop(A, B);
    w.park(A);
    await w.video.play();
    await w.run(1500);
    const passTimes = passes(w.screen.map((s) => s.frame));
    expect(passTimes.slice(1, -1).every((p) => p.join() === range(A, B).join())).toBe(true);
    // 16 frames at 60 frames a second, plus a seek back: well under the 1x time (533 ms).
    const starts = w.screen.filter((s, n) => s.frame === A && (n === 0 || w.screen[n - 1]!.frame !== A)).map((s) => s.at);
    const period = (starts.at(-1)! - starts[1]!) / (starts.length - 2);
    expect(period).toBeLessThan(400);
  });

  it('playback from outside the loop jumps straight to A', async () => {
    const w = world(30, 0);
    w.setLoop(A, B);
    w.park(40);
    await w.video.play();
    await w.run(200);
    expect(w.seeks[0]).toBeCloseTo(A / 30 + 1 / 60, 6);
    expect(w.screen.some((s) => s.frame > 41 && s.frame !== A)).toBe(false);
  });

  it('cancel() stops a wrap in progress: nothing seeks or plays after it', async () => {
    const w = world(30, 0, 40);
    w.setLoop(A, B);
    w.park(B - 2);
    await w.video.play();
    await w.run(20); // the first frame is reported; the approach to B begins
    expect(w.keeper.wrapping()).toBe(true);
    w.keeper.cancel();
    const seeksBefore = w.seeks.length;
    await w.run(1000);
    expect(w.video.paused).toBe(true);
    expect(w.seeks.length).toBeLessThanOrEqual(seeksBefore + 1); // the seek already under way
    expect(w.screen.at(-1)!.frame).toBeLessThanOrEqual(B);
  });

  it('a wrap cancelled (pause) and a new one started (play near B): the old one never wakes to seek or play', async () => {
    const w = world(30, 0, 40);
    w.setLoop(A, B);
    w.park(B - 2);
    await w.video.play();
    await w.run(20); // the approach to B begins: wrap 1 sleeps or seeks
    expect(w.keeper.wrapping()).toBe(true);
    w.keeper.cancel(); // the coach pauses…
    w.video.pause();
    w.park(B - 2); // …and plays again from near B
    const seeksBefore = w.seeks.length;
    await w.video.play();
    await w.run(300); // one wrap: the last frames, B, then A
    // Exactly one seek back to A, and each of B-1, B once: the cancelled wrap did nothing more.
    const after = w.seeks.slice(seeksBefore).map((t) => Math.round(t * 30 - 0.5));
    expect(after.filter((f) => f === A)).toHaveLength(1);
    expect(after.filter((f) => f === B)).toHaveLength(1);
    await w.run(1700);
    const shown = w.screen.map((s) => s.frame);
    // One wrap at a time: every pass after the restart runs A..B in order, none interleaved.
    const all = passes(shown.slice(shown.lastIndexOf(B - 2)));
    for (const pass of all.slice(1, -1)) expect(pass).toEqual(range(A, B));
    expect(Math.max(...shown)).toBe(B);
  });
});
