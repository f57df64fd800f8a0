import type { PlayerActions } from '../commands/context';
import { frameAt, type FrameRate } from '../frames/rate';
import type { VideoClock } from '../model/types';
import { loopKeeper } from './ab-loop';
import { nextSpeed, SPEED_LADDER } from '../frames/speed';
import { createStepQueue } from '../frames/step-queue';
import { createStore, type Store } from './store';
import { createVideoSource, type VideoSource } from './video-source';
import { unsteppableReason } from './video-status';

export interface PlayerState {
  /** Media time of the frame on screen (null until one is known). */
  time: number | null;
  rate: FrameRate | null;
  speed: number;
  paused: boolean;
  loopIn: number | null;
  loopOut: number | null;
  /** Steps asked for and not yet on screen. */
  busy: boolean;
  /** `info`: a standing note in the panel; `error`: a toast (from a failed action, it fades). */
  message: { kind: 'info' | 'error'; text: string } | null;
  /** Milliseconds from the last press to its frame on screen. */
  lastStepMs: number | null;
  /** The rate the site's player gives this video, where the page shows it (YouTube rounds it). */
  playerFps: number | null;
}

export interface PlayerSession extends PlayerActions {
  readonly video: HTMLVideoElement;
  /** Pauses and shows the frame presented at `time` (a comment's frame); resolves with what is shown. */
  goTo(time: number): Promise<number | null>;
  /** Pauses (letting queued frames land) and resolves with the frame on screen. */
  hold(): Promise<{ time: number; frame: number | null } | null>;
  /**
   * Counts what has moved the picture so far (steps, jumps, playback, the page's seeks), so
   * an answer from `hold` can be told from a frame gone to after it was asked for.
   */
  moves(): number;
  /** A constant rate known from before (the video's record), until one is measured here. */
  assumeRate(fps: number, clock?: VideoClock): void;
  readonly state: Store<PlayerState>;
  /** Tells the coach why something they asked for did not happen (a toast over the video that fades). */
  tell(text: string): void;
  /**
   * Every presented frame's media time (the HUD's `state.time` is throttled while playing;
   * the drawing layer needs each frame).
   */
  onFrame(listener: (mediaTime: number) => void): () => void;
  dispose(): void;
}

const PLAYING_UI_MS = 100;
const TOAST_MS = 5000;

/** Binds the frame engine to one `<video>`: stepping, speed, A–B loop and the HUD state. */
export interface SessionOptions {
  /** Every frame's time from the video file's own table, when it can be read (null otherwise). */
  frameTable?(video: HTMLVideoElement): Promise<readonly number[] | null>;
  /** The speeds slower/faster step through (the coach's setting). */
  speeds?(): readonly number[];
}

/** Nothing left to play: ended, or within a few milliseconds of the end. */
function atEnd(video: HTMLVideoElement): boolean {
  return video.ended || (Number.isFinite(video.duration) && video.duration - video.currentTime < 0.005);
}

export function createSession(video: HTMLVideoElement, options: SessionOptions = {}): PlayerSession {
  const state = createStore<PlayerState>({
    time: null,
    rate: null,
    speed: video.playbackRate,
    paused: video.paused,
    loopIn: null,
    loopOut: null,
    busy: false,
    message: null,
    lastStepMs: null,
    playerFps: null,
  });
  const abort = new AbortController();
  const source: VideoSource = createVideoSource(video);
  let requestedAt: number | null = null;
  /** The file's frame table, read once per source; until it comes, the rate is measured. */
  const loadTable = () => {
    const src = video.currentSrc;
    if (!options.frameTable || !src) return;
    void options
      .frameTable(video)
      .then((times) => {
        if (!times || video.currentSrc !== src) return;
        source.useTable(times);
        // The frame on screen as the table has it (Firefox: found from the position anew).
        state.set({ rate: source.knownRate(), time: source.presented() ?? state.get().time });
      })
      .catch(() => undefined);
  };
  if (video.readyState >= 1) loadTable();
  video.addEventListener('loadedmetadata', loadTable, { signal: abort.signal });
  /** Steps running; the frame on screen after a pause being confirmed. Either shows as busy. */
  let stepping = false;
  let settling = false;
  let lastUi = 0;
  /** Steps, jumps and playback the coach asked for (the page's seeks are counted by the source). */
  let ownMoves = 0;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  /** Tells the user why what they just asked for did not happen; fades after a while. */
  const flash = (text: string) => {
    const message = { kind: 'error' as const, text };
    state.set({ message });
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      if (state.get().message !== message) return;
      state.set({ message: null });
      refreshStatus();
    }, TOAST_MS);
  };

  /**
   * The video has shown a frame of its current source (FrameCoach may have come after it: the
   * overlay is loaded once the video is found, and a paused video announces no frame).
   */
  let hadFrame = video.readyState >= 2;
  const status = () =>
    unsteppableReason({
      error: video.error,
      duration: video.duration,
      // A seek in flight drops readyState for a moment: a frame already shown still counts.
      readyState: hadFrame || source.presented() !== null ? Math.max(video.readyState, 2) : video.readyState,
    });
  let lastReason: string | null = null;
  const refreshStatus = () => {
    const reason = status();
    const current = state.get().message;
    if (reason) {
      if (current?.text !== reason) state.set({ message: { kind: video.error ? 'error' : 'info', text: reason } });
    } else if (current && (current.kind === 'info' || current.text === lastReason)) {
      // The condition is over (the frame arrived): its note or toast goes too.
      state.set({ message: null });
    }
    lastReason = reason;
  };

  const queue = createStepQueue(source, {
    async timing() {
      const rate = await source.rate();
      state.set({ rate });
      return rate && { minGap: rate.minGap, variable: rate.variable, dropped: rate.dropped, complete: !!rate.frames, known: source.timeline };
    },
    onStep(result) {
      const done = queue.pending() === 0;
      state.set({
        time: result.time,
        lastStepMs: done && requestedAt !== null ? performance.now() - requestedAt : state.get().lastStepMs,
      });
      if (done) requestedAt = null;
    },
    onError: flash,
    onBusy: (busy) => {
      stepping = busy;
      state.set({ busy: stepping || settling });
    },
  });

  const keepLoop = loopKeeper(
    video,
    () => {
      const { loopIn, loopOut } = state.get();
      return loopIn !== null && loopOut !== null ? { in: loopIn, out: loopOut } : null;
    },
    () => source.knownRate()?.minGap ?? 1 / 30,
    (time) => source.seek(time),
  );
  /** Shows the frame on screen now (the last one presented), and the rate as known. */
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const showPresented = () => {
    clearTimeout(trailing);
    trailing = undefined;
    lastUi = performance.now();
    const time = source.presented();
    if (time !== null) state.set({ time, rate: source.knownRate() ?? state.get().rate });
  };
  source.onFrame((mediaTime) => {
    keepLoop.onFrame(mediaTime);
    // While playing, the HUD needs no more than ten updates a second; a frame skipped by
    // that throttle is shown when it ends, so the HUD always ends on the frame on screen
    // (the last frames before a pause used to fall in the throttle and stay unshown).
    const since = performance.now() - lastUi;
    if (video.paused || since >= PLAYING_UI_MS) showPresented();
    else trailing ??= setTimeout(showPresented, PLAYING_UI_MS - since);
  });

  const opts = { signal: abort.signal };
  // A loop's wrap pauses for a moment: the HUD keeps showing "playing" through it.
  const syncPlayback = () => {
    state.set({ paused: video.paused && !keepLoop.wrapping(), speed: video.playbackRate });
    if (!video.paused) return;
    showPresented();
    if (keepLoop.wrapping()) return;
    void source.settle();
  };
  // The check after a pause, or of a frame painted late: busy meanwhile, then the frame it found.
  source.onChecking((checking) => {
    settling = checking;
    state.set({ busy: stepping || settling });
    if (!checking && video.paused) showPresented();
  });
  for (const type of ['play', 'pause', 'ratechange', 'ended']) video.addEventListener(type, syncPlayback, opts);
  // Before the status is looked at again on these events.
  video.addEventListener('loadeddata', () => void (hadFrame = true), opts);
  video.addEventListener('emptied', () => void (hadFrame = false), opts);
  for (const type of ['error', 'loadeddata', 'durationchange', 'emptied', 'canplay']) {
    video.addEventListener(type, refreshStatus, opts);
  }
  video.addEventListener('emptied', () => state.set({ time: null, rate: null, loopIn: null, loopOut: null }), opts);
  refreshStatus();

  const presentedTime = () => source.presented() ?? video.currentTime;

  return {
    video,
    state,
    step(frames) {
      const reason = status();
      if (reason) {
        flash(reason);
        return;
      }
      if (state.get().message?.kind === 'error') state.set({ message: null });
      // A loop wrap in progress would resume playback under the coach's step.
      if (keepLoop.wrapping()) keepLoop.cancel();
      requestedAt ??= performance.now();
      ownMoves++;
      queue.push(frames);
    },
    togglePlay() {
      if (keepLoop.wrapping()) {
        keepLoop.cancel();
        state.set({ paused: true });
        return;
      }
      if (!video.paused) {
        video.pause();
        return;
      }
      const { loopIn, loopOut } = state.get();
      if (loopIn !== null && loopOut !== null && (video.currentTime < loopIn || video.currentTime > loopOut)) {
        video.currentTime = loopIn;
      } else if (atEnd(video)) {
        // A play at the end starts over, as in any player. (Chromium's own restart can miss:
        // shown ended at 1.9958 of 2 s, its play ran to the end at once and `k` seemed dead.)
        video.currentTime = loopIn ?? 0;
      }
      ownMoves++;
      video.play().catch((error: unknown) => {
        flash(`The video refused to play: ${String(error)}`);
      });
    },
    changeSpeed(direction) {
      video.playbackRate = nextSpeed(video.playbackRate, direction, options.speeds?.());
    },
    resetSpeed() {
      video.playbackRate = 1;
    },
    speeds: () => options.speeds?.() ?? SPEED_LADDER,
    setSpeed(rate) {
      // The element throws outside 1/16–16x; a value from anywhere else says so instead.
      if (!(rate >= 0.0625 && rate <= 16)) throw new Error(`${rate}x is not a playback speed`);
      video.playbackRate = rate;
    },
    setLoopIn() {
      const t = presentedTime();
      const out = state.get().loopOut;
      state.set(out !== null && out < t ? { loopIn: out, loopOut: t } : { loopIn: t });
    },
    setLoopOut() {
      const t = presentedTime();
      const start = state.get().loopIn;
      state.set(start !== null && start > t ? { loopIn: t, loopOut: start } : { loopOut: t });
    },
    async goTo(time) {
      ownMoves++;
      if (keepLoop.wrapping()) keepLoop.cancel();
      await queue.idle();
      await source.pause();
      const rate = source.knownRate();
      const gap = rate?.minGap ?? 1 / 30;
      // The middle of the frame on a constant rate; just inside its start on a variable one.
      const target = rate && !rate.variable ? time + gap / 2 : time + Math.min(0.002, gap * 0.1);
      const shown = await source.seek(target);
      state.set({ time: shown });
      return shown;
    },
    async hold() {
      const held = async () => {
        await source.pause();
        const time = source.presented() ?? (await source.sync());
        if (time === null) return null;
        const rate = source.knownRate();
        state.set({ time, paused: true });
        return { time, frame: frameAt(time, rate) };
      };
      return queue.hold(held);
    },
    moves: () => ownMoves + source.pageSeeks(),
    clearLoop() {
      state.set({ loopIn: null, loopOut: null });
    },
    assumeRate(fps, clock) {
      if (source.knownRate()) return;
      source.assume(fps, clock);
      state.set({ rate: source.knownRate() });
    },
    tell: flash,
    onFrame: (listener) => source.onFrame(listener),
    dispose() {
      clearTimeout(toastTimer);
      clearTimeout(trailing);
      abort.abort();
      source.dispose();
    },
  };
}
