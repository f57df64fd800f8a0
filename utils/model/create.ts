import { newId } from './new-id';
import type { AckAnnotation, Author, CommentAnnotation, DrawingAnnotation, DrawingStyle, DrawingTiming, RecordSource, Shape } from './types';

export interface NewComment {
  videoId: string;
  time: number;
  frame: number | null;
  text: string;
  author: Author;
  endTime?: number | null;
  endFrame?: number | null;
  parentId?: string | null;
  source?: RecordSource;
  /** For tests; a random UUID otherwise (`newId`). */
  id?: string;
  now?: number;
}

/** A new comment at version 1. */
export function newComment(input: NewComment): CommentAnnotation {
  const now = input.now ?? Date.now();
  return {
    kind: 'comment',
    id: input.id ?? newId(),
    videoId: input.videoId,
    time: input.time,
    frame: input.frame,
    endTime: input.endTime ?? null,
    endFrame: input.endFrame ?? null,
    text: input.text,
    author: input.author,
    createdAt: now,
    updatedAt: now,
    version: 1,
    deleted: false,
    resolved: false,
    parentId: input.parentId ?? null,
    source: input.source ?? { kind: 'local' },
  };
}

/** Time order for lists: by time, then creation, then id (stable everywhere). */
export function byTime(a: CommentAnnotation, b: CommentAnnotation): number {
  return a.time - b.time || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** High contrast on most footage, and readable on a phone-sized picture. */
export const DEFAULT_STYLE: DrawingStyle = { color: '#ffcf3f', width: 3 };
/** Kinovea-style: a drawing stays about a second during playback, then fades. */
export const DEFAULT_TIMING: DrawingTiming = { holdSeconds: 1, fadeSeconds: 0.5, endTime: null };

export interface NewDrawing {
  videoId: string;
  time: number;
  frame: number | null;
  shape: Shape;
  author: Author;
  style?: DrawingStyle;
  timing?: DrawingTiming;
  id?: string;
  now?: number;
}

/** A new drawing at version 1, on the frame at `time`. */
export function newDrawing(input: NewDrawing): DrawingAnnotation {
  const now = input.now ?? Date.now();
  return {
    kind: 'drawing',
    id: input.id ?? newId(),
    videoId: input.videoId,
    time: input.time,
    frame: input.frame,
    shape: input.shape,
    style: input.style ?? DEFAULT_STYLE,
    timing: input.timing ?? DEFAULT_TIMING,
    commentId: null,
    author: input.author,
    createdAt: now,
    updatedAt: now,
    version: 1,
    deleted: false,
    source: { kind: 'local' },
  };
}

/** The id of `author`'s acknowledgement of comment `targetId`: one per reader and comment. */
export const ackId = (targetId: string, authorId: string) => `ack:${targetId}:${authorId}`;

/** "Got it" on `target` by `author`, at version 1. */
export function newAck(target: Pick<CommentAnnotation, 'id' | 'videoId' | 'time' | 'frame'>, author: Author, now = Date.now()): AckAnnotation {
  return {
    kind: 'ack',
    id: ackId(target.id, author.id),
    videoId: target.videoId,
    time: target.time,
    frame: target.frame,
    targetId: target.id,
    author,
    createdAt: now,
    updatedAt: now,
    version: 1,
    deleted: false,
    source: { kind: 'local' },
  };
}
