/**
 * A link that opens a packet's video at a moment, where the site allows it: YouTube's `t=`
 * (whole seconds), a direct video file's `#t=` media fragment; otherwise the page address
 * (FrameCoach then seeks to the exact frame when a comment is clicked).
 */
import type { PacketVideo } from './format';

const VIDEO_FILE = /\.(mp4|m4v|webm|mov|ogv|ogg|mkv)$/i;

export const providerOf = (videoId: string): string => {
  const prefix = videoId.slice(0, videoId.indexOf(':'));
  return ['youtube', 'drive', 'vimeo'].includes(prefix) ? prefix : 'web';
};

/** The video's address at `time` seconds (null: its start); the page address when nothing better is known; '' when it has no http(s) address. */
export function openUrlAt(video: Pick<PacketVideo, 'id' | 'pageUrl'>, time: number | null): string {
  let url: URL;
  try {
    url = new URL(video.pageUrl);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  if (time === null || !Number.isFinite(time) || time <= 0) return url.toString();
  if (providerOf(video.id) === 'youtube') {
    if (Math.floor(time) > 0) url.searchParams.set('t', `${Math.floor(time)}s`);
    return url.toString();
  }
  if (VIDEO_FILE.test(url.pathname)) {
    url.hash = `t=${Number(time.toFixed(3))}`;
    return url.toString();
  }
  return url.toString();
}
