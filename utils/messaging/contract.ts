/**
 * The one contract between content scripts (and pages) and the background, which owns the
 * database. Both sides import these types; nothing else crosses the boundary.
 */
import type { Annotation, Author, VideoRecord } from '../model/types';

/** The settings the content side needs (a settings page comes later). */
export interface Settings {
  author: Author;
  /** What new drawings start with: the coach's last colour, width and playback hold. */
  drawing: DrawingDefaults;
}

export interface DrawingDefaults {
  color: string;
  /** CSS px at a 640 px-wide picture. */
  width: number;
  /** Seconds a drawing stays during playback before it fades. */
  holdSeconds: number;
}

/** What a content script knows about the video it is on. */
export interface VideoFacts {
  frameUrl: string;
  src: string;
  title: string;
  duration: number | null;
  fps: number | null;
}

/** Request name → [argument, result]. */
export interface Api {
  /**
   * Identifies the video (the background knows the tab's URL) and records it. Answers with
   * the first page of its annotations; `complete: false` means ask `annotations.list` for
   * the rest (thousands of comments take a while to read; the panel shows before that).
   */
  'video.open': [VideoFacts, { video: VideoRecord; annotations: Annotation[]; complete: boolean }];
  'annotations.list': [{ videoId: string }, Annotation[]];
  /** Resolves once the write is durable. `accepted: false` when a newer version was kept. */
  'annotation.save': [{ annotation: Annotation }, { stored: Annotation; accepted: boolean }];
  'videos.recent': [{ limit?: number }, VideoRecord[]];
  'settings.get': [Record<string, never>, Settings];
  'settings.setAuthorName': [{ name: string }, Settings];
  'settings.setDrawingDefaults': [Partial<DrawingDefaults>, Settings];
}

export type RequestType = keyof Api;
export type Args<K extends RequestType> = Api[K][0];
export type Result<K extends RequestType> = Api[K][1];

export interface RequestMessage<K extends RequestType = RequestType> {
  readonly framecoach: 1;
  readonly type: K;
  readonly args: Args<K>;
}

export type Reply<K extends RequestType = RequestType> =
  | { readonly ok: true; readonly value: Result<K> }
  | { readonly ok: false; readonly error: string; readonly code?: string };

/** Sent by the background to every tab after a change, so other tabs refresh. */
export interface ChangeMessage {
  readonly framecoach: 1;
  readonly type: 'annotations.changed';
  readonly videoId: string;
  readonly annotations: Annotation[];
}

export const isRequest = (message: unknown): message is RequestMessage =>
  typeof message === 'object' && message !== null && (message as RequestMessage).framecoach === 1 &&
  typeof (message as RequestMessage).type === 'string' && 'args' in (message as object);

export const isChange = (message: unknown): message is ChangeMessage =>
  typeof message === 'object' && message !== null && (message as ChangeMessage).framecoach === 1 &&
  (message as ChangeMessage).type === 'annotations.changed';
