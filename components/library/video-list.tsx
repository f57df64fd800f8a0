import { useState } from 'preact/hooks';
import { keyText, type BoundKeys } from '../../utils/commands/keys';
import type { LibraryView } from '../../utils/storage/library';
import { when } from './import-preview';

export interface VideoActions {
  open(videoId: string): void;
  send(videoId: string): void;
  remove(videoId: string): Promise<number>;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const site = (id: string) => (id.startsWith('youtube:') ? 'YouTube' : id.startsWith('drive:') ? 'Google Drive' : id.startsWith('vimeo:') ? 'Vimeo' : 'Web');

/** One row per video: what it holds, when it was last edited, open / send / delete. */
export function VideoList({ videos, actions, keys }: {
  videos: LibraryView['videos'];
  actions: VideoActions;
  /** The user's keys (page-keys.ts): the empty list names the one that comments. */
  keys: BoundKeys;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  if (videos.length === 0) {
    return <p class="lib-empty">No annotated videos yet. Open a page with a video, pause on a frame and comment with {keyText(keys, 'comment.add')}, or import a packet someone sent you.</p>;
  }
  return (
    <>
      {removed && <p class="lib-dim" role="status">{removed}</p>}
      <ul class="lib-videos">
        {videos.map((v) => (
          <li key={v.videoId} class="lib-video" data-video-id={v.videoId}>
            <div class="lib-video-main">
              <button type="button" class="lib-title" onClick={() => actions.open(v.videoId)} title="Open the video">
                {v.video.title || v.video.pageUrl || v.videoId}
              </button>
              <span class="lib-badge">{site(v.videoId)}</span>
              <div class="lib-dim">
                {[
                  plural(v.comments, 'comment'),
                  v.replies && plural(v.replies, 'reply', 'replies'),
                  plural(v.drawings, 'drawing'),
                  v.acknowledgements && plural(v.acknowledgements, 'acknowledgement'),
                ].filter(Boolean).join(' · ')}
                {' · '}
                <span class={v.unresolved ? 'lib-open' : ''}>{v.unresolved} open</span>
                {' · edited '}
                {when(v.lastEdited)}
                {v.authors.length > 1 && ` · by ${v.authors.join(', ')}`}
              </div>
            </div>
            {confirming === v.videoId ? (
              <div class="lib-confirm" role="alertdialog" aria-label="Delete this video's annotations?">
                <span>Delete the {plural(v.total, 'comment or drawing', 'comments and drawings')} on this video? This can't be undone; received packets stay in the inbox.</span>
                <button
                  type="button"
                  class="lib-btn lib-danger"
                  onClick={async () => {
                    const n = await actions.remove(v.videoId);
                    setConfirming(null);
                    setRemoved(`Deleted ${plural(n, 'record')} from “${v.video.title || v.videoId}”.`);
                  }}
                >
                  Delete
                </button>
                <button type="button" class="lib-btn" onClick={() => setConfirming(null)} ref={(el) => el?.focus()}>
                  Keep
                </button>
              </div>
            ) : (
              <div class="lib-actions">
                <button type="button" class="lib-btn" onClick={() => actions.open(v.videoId)}>Open</button>
                <button type="button" class="lib-btn" onClick={() => actions.send(v.videoId)}>Send…</button>
                <button type="button" class="lib-btn lib-danger-outline" onClick={() => setConfirming(v.videoId)}>Delete…</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
