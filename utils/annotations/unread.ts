/**
 * "New" marks: records a packet brought that were not seen. Once the comments panel shows
 * the video, the background is told they were seen (so the inbox stops counting them); the
 * marks stay on this page until it is reloaded, so the reader sees what was new.
 */
import type { Call } from '../messaging/client';
import type { VideoAnnotations } from './video-annotations';

export function markSeenWhenShown(
  annotations: VideoAnnotations,
  panelOpen: () => boolean,
  onViewChange: (listener: () => void) => () => void,
  call: Call,
): () => void {
  const told = new Set<string>();
  const check = () => {
    const { videoId, unread } = annotations.state.get();
    if (!videoId || !panelOpen()) return;
    const fresh = [...unread].filter((id) => !told.has(id));
    if (!fresh.length) return;
    for (const id of fresh) told.add(id);
    void call('packets.markSeen', { videoId, ids: fresh }).catch(() => {
      for (const id of fresh) told.delete(id); // try again next time
    });
  };
  const offView = onViewChange(check);
  const offAnnotations = annotations.state.subscribe(check);
  return () => {
    offView();
    offAnnotations();
  };
}
