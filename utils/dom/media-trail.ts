/**
 * Test builds only: the video's last events and frame announcements, kept on the overlay host
 * (`data-trail`) so a test that finds the HUD on a frame other than the one on screen can say
 * what led there. A rare miss on a busy machine is then explained by one run, not guessed at.
 *
 * Entries, oldest first, each `<what><video position>@<ms since load>`: `f<reported>` a frame
 * callback's own media time (the browser's, before FrameCoach reads it), `a<time>` the frame
 * FrameCoach took it as, `P` pause, `p` play, `S` seeking, `D` seeked, `B1`/`B0` FrameCoach busy
 * (a step, a check of the frame on screen) or not.
 */
const KEEP = 40;

export function keepMediaTrail(
  video: HTMLVideoElement,
  host: HTMLElement,
  announced: (listener: (time: number) => void) => () => void,
  busy: (listener: (busy: boolean) => void) => () => void,
): () => void {
  const trail: string[] = [];
  const round = (t: number) => t.toFixed(4);
  const note = (what: string) => {
    trail.push(`${what}/${round(video.currentTime)}${video.paused ? '' : '>'}@${Math.round(performance.now())}`);
    if (trail.length > KEEP) trail.shift();
    host.dataset.trail = trail.join(' ');
  };
  const abort = new AbortController();
  const events: Array<[string, string]> = [
    ['pause', 'P'],
    ['play', 'p'],
    ['seeking', 'S'],
    ['seeked', 'D'],
  ];
  for (const [type, mark] of events) video.addEventListener(type, () => note(mark), { signal: abort.signal });
  type Rvfc = HTMLVideoElement & { requestVideoFrameCallback?(cb: (now: number, meta: { mediaTime: number }) => void): number; cancelVideoFrameCallback?(id: number): void };
  const rvfc = video as Rvfc;
  let id = 0;
  const onFrame = (_now: number, meta: { mediaTime: number }) => {
    if (abort.signal.aborted) return;
    note(`f${round(meta.mediaTime)}`);
    id = rvfc.requestVideoFrameCallback!(onFrame);
  };
  if (rvfc.requestVideoFrameCallback) id = rvfc.requestVideoFrameCallback(onFrame);
  const offs = [announced((time) => note(`a${round(time)}`)), busy((now) => note(now ? 'B1' : 'B0'))];
  return () => {
    abort.abort();
    offs.forEach((off) => off());
    if (id) rvfc.cancelVideoFrameCallback?.(id);
  };
}
