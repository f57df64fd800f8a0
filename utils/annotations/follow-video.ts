/**
 * Keeps the owner (video-annotations.ts) loaded for the video an element plays: opens it
 * with the background (the first page at once, the rest after), follows other tabs'
 * changes, and reads who we are from the settings. A new source in the same element, or a new
 * page address (YouTube's next video, whichever changes first), may be another video.
 */
import type { Call } from '../messaging/client';
import type { ChangeMessage, Settings, VideoFacts } from '../messaging/contract';
import type { VideoAnnotations } from './video-annotations';
import { clockFacts, type FrameRate } from '../frames/rate';
import type { VideoClock } from '../model/types';

/**
 * A rate and its clock as one comparable string: fps to a millionth (29.97 is 30000/1001),
 * jitter to the millisecond (each measurement of a phone's clock says a slightly different one).
 */
const rateKey = (fps: number, clock?: VideoClock) =>
  [fps.toFixed(6), clock?.origin ?? 0, clock?.dropped ?? false, Math.ceil((clock?.jitter ?? 0) * 1000)].join('|');

export interface FollowDeps {
  call: Call;
  /** Subscribes to change broadcasts from the background. */
  onChange(listener: (message: ChangeMessage) => void): () => void;
  facts(): VideoFacts;
  /** Settings as loaded (drawings take their defaults from them). */
  onSettings?(settings: Settings): void;
  /** The library opened this tab at a moment: go there. */
  seekTo?(time: number): void;
  /** The video's constant rate and its clock as known from before (its record): frame numbers before any playback. */
  assumeRate?(fps: number, clock?: VideoClock): void;
}

export interface Followed {
  /** Shows a packet made for another address on this video from now on (then reloads it). */
  attach(packetVideoId: string): Promise<void>;
  /** Not this video: the offer goes away (for this page). */
  dismiss(packetVideoId: string): void;
  /** A constant rate measured here: kept on the video's record with its clock, so frame numbers survive a reload. */
  rememberRate(rate: FrameRate | null): void;
  dispose(): void;
}

/** A failed open is tried again after this long, doubling up to the max. */
const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

export function followVideo(video: HTMLVideoElement, annotations: VideoAnnotations, deps: FollowDeps): Followed {
  const abort = new AbortController();
  const { state } = annotations;
  /** The source and page address opened: either changing is (maybe) another video. */
  let opened: string | null = null;
  const dismissed = new Set<string>();
  /** The rate and clock the video's record holds, as `rateKey` says them. */
  let stored: string | null = null;

  /** After a failed open (the database could not be opened): when to look again, backing off. */
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = RETRY_FIRST_MS;
  const LOAD_ERROR = 'Comments and drawings are unavailable: ';

  async function open(force = false) {
    const facts = deps.facts();
    const key = `${facts.src}\n${facts.frameUrl}`;
    if (!force && opened === key && state.get().videoId) return;
    // A look after the source or the address changed: most often still the same video.
    const again = !force && state.get().videoId !== null;
    opened = key;
    if (!again) state.set({ loading: true });
    const started = performance.now();
    try {
      const { video: record, annotations: first, complete, unread, packets, seekTo, aliases, candidates } = await deps.call('video.open', facts);
      // A new source (a new quality, the content after an ad) measures afresh from the record's rate.
      if (record.fps) deps.assumeRate?.(record.fps, record.clock);
      // The same video (a hash or a time in the address, another source for it): nothing to reload.
      if (again && record.id === state.get().videoId) return;
      // The attached packet videos first: their records are taken as this video's.
      state.set({ aliases: new Set(aliases) });
      annotations.take(record.id, first, true);
      state.set({ candidates: candidates.filter((c) => !dismissed.has(c.videoId)) });
      stored = record.fps ? rateKey(record.fps, record.clock) : null;
      if (seekTo !== null && seekTo !== undefined) deps.seekTo?.(seekTo);
      state.set({ timing: { openMs: performance.now() - started, allMs: null }, unread: new Set(unread), packets });
      // Recovered (the cause is gone): the message goes, and the next failure starts the wait afresh.
      retryMs = RETRY_FIRST_MS;
      if (state.get().error?.startsWith(LOAD_ERROR)) state.set({ error: null });
      // Thousands of comments: the first page is on screen; the rest follows.
      if (!complete) annotations.take(record.id, await deps.call('annotations.list', { videoId: record.id }), false);
      state.set({ timing: { ...state.get().timing, allMs: performance.now() - started } });
    } catch (error) {
      state.set({ loading: false, error: `${LOAD_ERROR}${error instanceof Error ? error.message : String(error)}` });
      // Nothing else may come to try again (a paused video fires no events): look again later.
      if (abort.signal.aborted || state.get().videoId) return;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void open(), retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  }

  video.addEventListener('loadedmetadata', () => void open(), { signal: abort.signal });
  // A single-page site may change its address after (or without) a new source in the element
  // (YouTube's next video): checked as the video plays, pauses and seeks (two string compares).
  for (const type of ['play', 'pause', 'seeked', 'timeupdate']) video.addEventListener(type, () => void open(), { signal: abort.signal });
  const offChange = deps.onChange((message) => {
    const { videoId, aliases } = state.get();
    if (!videoId || (message.videoId !== videoId && !aliases.has(message.videoId))) return;
    annotations.take(videoId, message.annotations, false);
    const entry = message.imported;
    if (entry) {
      const { unread, packets } = state.get();
      state.set({
        unread: new Set([...unread, ...entry.unread]),
        packets: [...packets.filter((p) => p.key !== entry.key), entry],
      });
    }
  });
  deps
    .call('settings.get', {})
    .then((settings) => {
      annotations.setMe(settings.author);
      deps.onSettings?.(settings);
    })
    .catch(() => undefined);
  if (video.readyState >= 1) void open();
  return {
    async attach(packetVideoId) {
      const videoId = state.get().videoId;
      if (!videoId) return;
      try {
        await deps.call('packet.attach', { packetVideoId, videoId });
        await open(true);
      } catch (error) {
        state.set({ error: `Could not show the packet on this video: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
    rememberRate(rate) {
      const clock = rate && clockFacts(rate);
      if (!rate || !clock || !state.get().videoId) return;
      const key = rateKey(rate.fps, clock);
      if (key === stored) return;
      stored = key;
      void deps.call('video.update', { ...deps.facts(), fps: rate.fps, clock }).catch(() => {
        stored = null; // try again with the next measurement
      });
    },
    dismiss(packetVideoId) {
      dismissed.add(packetVideoId);
      state.set({ candidates: state.get().candidates.filter((c) => c.videoId !== packetVideoId) });
    },
    dispose() {
      abort.abort();
      clearTimeout(retryTimer);
      offChange();
    },
  };
}
