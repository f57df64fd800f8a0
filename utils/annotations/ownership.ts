/**
 * Who may change what: a record belongs to the person who wrote it. A coach's comments and
 * drawings arrive on the athlete's machine in a packet and stay the coach's: the athlete
 * replies to them and acknowledges them, never edits, moves or deletes them (and the same
 * for the athlete's replies on the coach's machine). Shared by the page (which hides what
 * can't be done and says why) and the background (which refuses such writes whatever asks).
 */
import type { Annotation, Author } from '../model/types';

/** Null when `me` may write `record`; otherwise why not, in words for the user. */
export function readOnlyReason(record: Pick<Annotation, 'author'>, me: Pick<Author, 'id'> | null): string | null {
  // Until the settings are read, the background is the guard.
  if (!me || record.author.id === me.id) return null;
  return `This was written by ${record.author.name || 'someone else'}: you can reply to it or acknowledge it, not change it.`;
}
