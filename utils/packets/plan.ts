/**
 * What importing a packet would do, decided before anything is written: per record, new,
 * updated, removed (a newer tombstone), unchanged, or older than what is here (kept as is).
 *
 * Who may write what: a packet adds and changes only its sender's records, and only when it
 * is signed with the key known for that sender (or the first key seen from them). Records by
 * others it carries (a coach's review holds the athlete's replies) count only when they are
 * what is here already; new or changed ones are left out, and the preview says so. A packet
 * that would add or change records in the importing user's name (unless it is their own,
 * signed with their own key), or that reuses an id for another kind of record or another
 * video, is refused as a whole. Pure: the caller reads what is stored.
 */
import { pickWinner } from '../model/merge';
import type { Annotation, Author } from '../model/types';
import { canonicalJson } from './canonical';

export type Category = 'comments' | 'replies' | 'drawings' | 'acknowledgements';
export type Change = 'new' | 'updated' | 'removed' | 'unchanged' | 'older';
export type Counts = Record<Category, Record<Change, number>>;

export interface ImportPlan {
  readonly counts: Counts;
  /** The records to write (each wins over what is stored). */
  readonly writes: readonly Annotation[];
  /** Records someone else wrote that are new or changed here: shown as unread until seen. */
  readonly unread: readonly string[];
  /** What was left out and why, in words (records by others than the sender). */
  readonly leftOut: readonly string[];
  /** Why the packet is refused, or null. */
  readonly problem: string | null;
}

export interface PlanContext {
  /** Who is importing. */
  readonly me: Pick<Author, 'id'>;
  /** Who signed the packet, as it says. */
  readonly sender: Pick<Author, 'id' | 'name'>;
  /** Signed with this installation's own key. */
  readonly own: boolean;
  /** Signed with the key this installation knows for `sender.id` (or the first one seen from them). */
  readonly senderKeyKnown: boolean;
  /** Two video ids are the same video here (a packet video attached to a video here). */
  readonly sameVideo?: (a: string, b: string) => boolean;
}

export const categoryOf = (r: Annotation): Category =>
  r.kind === 'drawing' ? 'drawings' : r.kind === 'ack' ? 'acknowledgements' : r.parentId ? 'replies' : 'comments';

const KIND_WORDS = { comment: 'comment', drawing: 'drawing', ack: 'acknowledgement' } as const;
const zero = (): Record<Change, number> => ({ new: 0, updated: 0, removed: 0, unchanged: 0, older: 0 });
export const emptyCounts = (): Counts => ({ comments: zero(), replies: zero(), drawings: zero(), acknowledgements: zero() });

/** Same record content, wherever each copy came from (and under either id of the same video). */
function sameContent(a: Annotation, b: Annotation): boolean {
  const { source: _a, videoId: _va, ...x } = a;
  const { source: _b, videoId: _vb, ...y } = b;
  return canonicalJson(x) === canonicalJson(y);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * How `record` compares with what is here: new, the same content (unchanged), older (what is
 * here wins), or a change that wins (removed: a newer tombstone; else updated). Packets and
 * backups merge by this rule.
 */
export function changeOf(here: Annotation | undefined, record: Annotation): Change {
  if (!here) return 'new';
  if (sameContent(here, record)) return 'unchanged';
  if (pickWinner(here, record) === here) return 'older';
  return record.deleted && !here.deleted ? 'removed' : 'updated';
}

/** Counts a change; a tombstone of something never seen here hides nothing: kept for later merges, not counted. */
export function countChange(counts: Counts, record: Annotation, change: Change): void {
  if (!(change === 'new' && record.deleted)) counts[categoryOf(record)][change]++;
}

export function planImport(incoming: readonly Annotation[], stored: ReadonlyMap<string, Annotation>, ctx: PlanContext): ImportPlan {
  const { me, sender, own } = ctx;
  const sameVideo = ctx.sameVideo ?? ((a: string, b: string) => a === b);
  if (!ctx.senderKeyKnown) {
    return refuse(
      `This packet says it comes from ${sender.name || 'someone'}, but it is signed with another key than their earlier packets: someone else may have made it. Nothing was imported.`,
    );
  }
  if (sender.id === me.id && !own) return refuse('This packet says it comes from you, but it is not signed with your key. Nothing was imported.');

  const counts = emptyCounts();
  const writes: Annotation[] = [];
  const unread: string[] = [];
  const mineChanged = new Map<string, number>();
  let others = 0;
  for (const record of incoming) {
    const here = stored.get(record.id);
    if (here && (here.kind !== record.kind || !sameVideo(here.videoId, record.videoId))) {
      const what = here.kind !== record.kind ? `a ${KIND_WORDS[here.kind]}` : 'a record on another video';
      return refuse(`This packet reuses the id of ${what} for a ${KIND_WORDS[record.kind]} (${record.id.slice(0, 60)}). Nothing was imported.`);
    }
    if (here && here.author.id !== record.author.id) {
      return refuse(`This packet claims ${record.author.name || 'someone'} wrote a ${KIND_WORDS[record.kind]} that ${here.author.name || 'someone else'} wrote. Nothing was imported.`);
    }
    // (Same video checked above: the id may be a packet video attached here.)
    const change = changeOf(here, record);
    if (change === 'unchanged' || change === 'older') {
      countChange(counts, record, change);
      continue;
    }
    const mine = record.author.id === me.id;
    if (mine && !own) {
      // New or changed records in the importing user's name: only their own packets carry those.
      const word = here ? KIND_WORDS[record.kind] : `new ${KIND_WORDS[record.kind]}`;
      mineChanged.set(word, (mineChanged.get(word) ?? 0) + 1);
      continue;
    }
    if (!mine && record.author.id !== sender.id) {
      // Someone else's record, new or changed: only a packet from its author adds or changes it.
      others++;
      continue;
    }
    writes.push(record);
    countChange(counts, record, change);
    if (!mine && !record.deleted) unread.push(record.id);
  }
  if (mineChanged.size) {
    const list = [...mineChanged].map(([word, n]) => `${n} ${word}${n === 1 ? '' : 's'} in your name`);
    return refuse(`This packet would add or change ${list.join(' and ')}. Only you change what you wrote. Nothing was imported.`);
  }
  const leftOut = others
    ? [`${plural(others, 'record')} written by others than ${sender.name || 'the sender'} left out: only a packet from its author can add or change it`]
    : [];
  return { counts, writes, unread, leftOut, problem: null };

  function refuse(problem: string): ImportPlan {
    return { counts: emptyCounts(), writes: [], unread: [], leftOut: [], problem };
  }
}
