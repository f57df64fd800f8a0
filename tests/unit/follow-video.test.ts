// @vitest-environment happy-dom
/**
 * The video's record keeps the rate measured here with its clock (frame 0, missing frames,
 * jitter), and hands both back on the next visit, so frame numbers and steps are right before
 * any playback.
 */
import { describe, expect, it, vi } from 'vitest';
import { followVideo } from '../../utils/annotations/follow-video';
import { createVideoAnnotations } from '../../utils/annotations/video-annotations';
import { clockFacts, storedRate, type FrameRate } from '../../utils/frames/rate';
import type { Call } from '../../utils/messaging/client';
import type { VideoFacts } from '../../utils/messaging/contract';
import type { VideoClock, VideoRecord } from '../../utils/model/types';

function setup(record: Partial<VideoRecord>, idFor: (facts: VideoFacts) => string = () => 'url:v') {
  const updates: VideoFacts[] = [];
  const opens: VideoFacts[] = [];
  let frameUrl = 'https://x/';
  const call = vi.fn(async (type: string, payload: unknown) => {
    if (type === 'video.open') {
      opens.push(payload as VideoFacts);
      return {
        video: { id: idFor(payload as VideoFacts), title: '', pageUrl: '', duration: 10, fps: null, width: null, height: null, createdAt: 1, updatedAt: 1, ...record },
        annotations: [], complete: true, unread: [], packets: [], seekTo: null, aliases: [], candidates: [],
      };
    }
    if (type === 'video.update') {
      updates.push(payload as VideoFacts);
      return null;
    }
    throw new Error(`not here: ${type}`);
  }) as unknown as Call;
  const assumed: [number, VideoClock | undefined][] = [];
  const video = document.createElement('video');
  const annotations = createVideoAnnotations(call);
  const followed = followVideo(video, annotations, {
    call,
    onChange: () => () => undefined,
    facts: () => ({ frameUrl, src: 'https://x/v.mp4', title: '', duration: 10, fps: null }),
    assumeRate: (fps, clock) => void assumed.push([fps, clock]),
  });
  video.dispatchEvent(new Event('loadedmetadata'));
  return {
    followed,
    updates,
    assumed,
    opens,
    annotations,
    video,
    goTo: (url: string) => void (frameUrl = url),
    opened: () => vi.waitFor(() => expect(annotations.state.get().videoId).toBe('url:v')),
  };
}

const measured = (over: Partial<FrameRate>): FrameRate => ({ fps: 60, minGap: 1 / 60, variable: false, samples: 40, ...over });

describe('the rate and its clock on the video record', () => {
  it('are handed back on the next visit', async () => {
    const clock = { origin: 0.41, dropped: true, jitter: 0.004 };
    const { assumed, opened } = setup({ fps: 30, clock });
    await opened();
    expect(assumed).toEqual([[30, clock]]);
    // What the content side builds from them: the same clock facts.
    expect(clockFacts(storedRate(30, clock))).toEqual(clock);
  });

  it('are kept when measured, again only when they change, never for a variable rate', async () => {
    const { followed, updates, opened } = setup({});
    await opened();
    followed.rememberRate(measured({ dropped: true, jitter: 0.00312 }));
    followed.rememberRate(measured({ dropped: true, jitter: 0.0035 })); // the same to the millisecond
    followed.rememberRate(measured({ fps: 50, minGap: 0.02, variable: true }));
    followed.rememberRate(measured({ dropped: true, jitter: 0.0035, origin: 0.5 }));
    await vi.waitFor(() => expect(updates).toHaveLength(2));
    expect(updates.map((u) => [u.fps, u.clock])).toEqual([
      [60, { origin: 0, dropped: true, jitter: 0.0032 }],
      [60, { origin: 0.5, dropped: true, jitter: 0.0035 }],
    ]);
  });

  it('the record as stored is not written again', async () => {
    const { followed, updates, opened } = setup({ fps: 60, clock: { origin: 0, dropped: true, jitter: 0.003 } });
    await opened();
    followed.rememberRate(measured({ dropped: true, jitter: 0.0027 }));
    await new Promise((r) => setTimeout(r, 10));
    expect(updates).toEqual([]);
    // A record made before clocks were kept: a measured plain clock says nothing new.
    const old = setup({ fps: 25 });
    await old.opened();
    old.followed.rememberRate(measured({ fps: 25, minGap: 0.04 }));
    await new Promise((r) => setTimeout(r, 10));
    expect(old.updates).toEqual([]);
  });
});

describe('the video followed through a single-page site', () => {
  it('a new address is looked at as the video plays: another video is loaded, the same one is left as it is', async () => {
    const s = setup({}, (facts) => (facts.frameUrl.includes('next') ? 'url:next' : 'url:v'));
    await s.opened();
    const states: boolean[] = [];
    s.annotations.state.subscribe((st) => void states.push(st.loading));
    // The same video under a new address (a time in it): asked once, nothing reloaded.
    s.goTo('https://x/#t=12');
    s.video.dispatchEvent(new Event('timeupdate'));
    s.video.dispatchEvent(new Event('timeupdate'));
    await vi.waitFor(() => expect(s.opens).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 10));
    expect(states).not.toContain(true);
    expect(s.annotations.state.get().videoId).toBe('url:v');
    // Another video: loaded.
    s.goTo('https://x/next');
    s.video.dispatchEvent(new Event('play'));
    await vi.waitFor(() => expect(s.annotations.state.get().videoId).toBe('url:next'));
    expect(s.opens).toHaveLength(3);
  });
});
