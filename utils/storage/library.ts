/**
 * The library's view of the database: per video, how many comments, drawings, replies and
 * open (unresolved) comments it has and when it was last edited; and a search over every
 * comment. Built in one pass over the records (summarize), so it never holds them all.
 */
import type { Annotation, VideoRecord } from '../model/types';

export interface VideoSummary {
  readonly videoId: string;
  comments: number;
  replies: number;
  drawings: number;
  unresolved: number;
  acknowledgements: number;
  /** Everything that is not deleted. */
  total: number;
  lastEdited: number;
  /** Distinct authors' names (other than the counts, who wrote here). */
  authors: string[];
}

export interface SearchHit {
  readonly videoId: string;
  readonly id: string;
  readonly time: number;
  readonly frame: number | null;
  readonly author: string;
  readonly text: string;
}

export interface LibraryView {
  readonly videos: (VideoSummary & { video: VideoRecord })[];
  readonly hits: SearchHit[];
}

const MAX_HITS = 200;

export const emptySummary = (videoId: string): VideoSummary => ({
  videoId, comments: 0, replies: 0, drawings: 0, unresolved: 0, acknowledgements: 0, total: 0, lastEdited: 0, authors: [],
});

/** Adds one record to the per-video counts, and to `hits` when it is a comment matching `query`. */
export function summarize(record: Annotation, summaries: Map<string, VideoSummary>, hits: SearchHit[], query?: string): void {
  if (record.deleted) return;
  let s = summaries.get(record.videoId);
  if (!s) summaries.set(record.videoId, (s = emptySummary(record.videoId)));
  s.total++;
  s.lastEdited = Math.max(s.lastEdited, record.updatedAt);
  if (!s.authors.includes(record.author.name)) s.authors.push(record.author.name);
  switch (record.kind) {
    case 'comment':
      if (record.parentId) s.replies++;
      else {
        s.comments++;
        if (!record.resolved) s.unresolved++;
      }
      break;
    case 'drawing':
      s.drawings++;
      break;
    case 'ack':
      s.acknowledgements++;
      break;
  }
  const q = query?.trim().toLowerCase();
  if (q && record.kind === 'comment' && hits.length < MAX_HITS && (record.text.toLowerCase().includes(q) || record.author.name.toLowerCase().includes(q))) {
    hits.push({ videoId: record.videoId, id: record.id, time: record.time, frame: record.frame, author: record.author.name, text: record.text });
  }
}
