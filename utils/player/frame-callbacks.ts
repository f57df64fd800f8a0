/**
 * Frame callbacks for the video source: the browser's requestVideoFrameCallback (rVFC) where it
 * has one, else a stand-in built on what every browser has.
 *
 * rVFC says which frame was presented (its media time). Without it (Firefox before 132, or
 * with `media.rvfc.enabled` off) only the video's position is known: after a seek, a pause, a
 * first frame, and on every animation frame during playback. The stand-in reports that
 * position as the media time, and says so (`native` false): the source then finds the frame
 * the position falls in from the file's frame table or the rate's clock, as it does for
 * Gecko's positions after a seek, and counts nothing it reports as a frame's start.
 */
export type FrameCallback = (now: number, meta: { mediaTime: number }) => void;

export interface FrameCallbacks {
  /** Reports are presented frames' own times (rVFC); false: only the video's position. */
  readonly native: boolean;
  request(callback: FrameCallback): number;
  cancel(id: number): void;
  dispose(): void;
}

type RvfcVideo = HTMLVideoElement & {
  requestVideoFrameCallback(cb: FrameCallback): number;
  cancelVideoFrameCallback(id: number): void;
};

export function hasFrameCallbacks(video: HTMLVideoElement): video is RvfcVideo {
  return typeof (video as Partial<RvfcVideo>).requestVideoFrameCallback === 'function';
}

export function frameCallbacks(video: HTMLVideoElement): FrameCallbacks {
  if (hasFrameCallbacks(video)) {
    return {
      native: true,
      request: (callback) => video.requestVideoFrameCallback(callback),
      cancel: (id) => video.cancelVideoFrameCallback(id),
      dispose: () => undefined,
    };
  }
  return positionCallbacks(video);
}

/** The stand-in: the position, once per change, to the callbacks waiting (each called once, as rVFC does). */
function positionCallbacks(video: HTMLVideoElement): FrameCallbacks {
  const waiting = new Map<number, FrameCallback>();
  let nextId = 1;
  let reported: number | null = null;
  let ticking = 0;
  const abort = new AbortController();
  const report = (always: boolean) => {
    const at = video.currentTime;
    if (waiting.size === 0 || video.readyState < 2 || video.seeking || (!always && at === reported)) return;
    reported = at;
    const now = performance.now();
    const due = [...waiting.values()];
    waiting.clear();
    for (const callback of due) callback(now, { mediaTime: at });
  };
  // Playback moves the position between events: looked at once per animation frame, only while playing.
  const tick = () => {
    ticking = 0;
    if (video.paused || abort.signal.aborted) return;
    report(false);
    ticking = requestAnimationFrame(tick);
  };
  const opts = { signal: abort.signal };
  // A seek's frame is ready at `seeked` (the same frame again included: rVFC may announce it too).
  video.addEventListener('seeked', () => report(true), opts);
  for (const type of ['loadeddata', 'pause', 'timeupdate']) video.addEventListener(type, () => report(false), opts);
  video.addEventListener('playing', () => void (ticking ||= requestAnimationFrame(tick)), opts);
  if (!video.paused) ticking = requestAnimationFrame(tick);
  return {
    native: false,
    request(callback) {
      const id = nextId++;
      waiting.set(id, callback);
      return id;
    },
    cancel: (id) => void waiting.delete(id),
    dispose() {
      abort.abort();
      if (ticking) cancelAnimationFrame(ticking);
      waiting.clear();
    },
  };
}
