/** Pure views of a comment list for the UI. */
import type { CommentAnnotation } from '../model/types';

/** How long a comment shows over the picture during playback, in media seconds. */
export const TOAST_SECONDS = 1.5;

/** Case-insensitive match on text and author; replies match with their thread. */
export function filterComments(list: readonly CommentAnnotation[], query: string): CommentAnnotation[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  const hit = (c: CommentAnnotation) => c.text.toLowerCase().includes(q) || c.author.name.toLowerCase().includes(q);
  const threadsHit = new Set(list.filter(hit).map((c) => c.parentId ?? c.id));
  return list.filter((c) => threadsHit.has(c.parentId ?? c.id));
}

/** Top-level comments in time order, each with its replies in creation order. */
export function threads(
  shown: readonly CommentAnnotation[],
  all: readonly CommentAnnotation[],
): { comment: CommentAnnotation; replies: CommentAnnotation[] }[] {
  const ids = new Set(all.map((c) => c.id));
  const replies = new Map<string, CommentAnnotation[]>();
  for (const c of shown) {
    if (c.parentId && ids.has(c.parentId)) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c]);
  }
  return shown
    .filter((c) => !c.parentId || !ids.has(c.parentId))
    .map((comment) => ({
      comment,
      replies: (replies.get(comment.id) ?? []).sort((a, b) => a.createdAt - b.createdAt),
    }));
}

/** The comment the video is at: the last top-level one at or before `time`. */
export function currentComment(list: readonly CommentAnnotation[], time: number | null): CommentAnnotation | null {
  if (time === null) return null;
  let best: CommentAnnotation | null = null;
  for (const c of list) {
    if (c.parentId || c.deleted || c.time > time + 1e-4) continue;
    if (!best || c.time >= best.time) best = c;
  }
  return best;
}

/** The comment to show over the picture at `time` during playback, if any. */
export function playingComment(list: readonly CommentAnnotation[], time: number | null): CommentAnnotation | null {
  if (time === null) return null;
  const c = currentComment(list, time);
  if (!c) return null;
  const until = Math.max(c.endTime ?? c.time, c.time) + TOAST_SECONDS;
  return time < until ? c : null;
}
