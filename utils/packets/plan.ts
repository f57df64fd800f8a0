/**
 * What importing a packet would do, decided before anything is written: per record, new,
 * updated, removed (a newer tombstone), unchanged, or older than what is here (kept as is).
 * A packet that would change something the importing user wrote, or that reuses an id for
 * another kind of record, is refused as a whole. Pure: the caller reads what is stored.
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
  /** Why the packet is refused, or null. */
  readonly problem: string | null;
}

export const categoryOf = (r: Annotation): Category =>
  r.kind === 'drawing' ? 'drawings' : r.kind === 'ack' ? 'acknowledgements' : r.parentId ? 'replies' : 'comments';

const KIND_WORDS = { comment: 'comment', drawing: 'drawing', ack: 'acknowledgement' } as const;
const zero = (): Record<Change, number> => ({ new: 0, updated: 0, removed: 0, unchanged: 0, older: 0 });
export const emptyCounts = (): Counts => ({ comments: zero(), replies: zero(), drawings: zero(), acknowledgements: zero() });

/** Same record content, wherever each copy came from. */
function sameContent(a: Annotation, b: Annotation): boolean {
  const { source: _a, ...x } = a;
  const { source: _b, ...y } = b;
  return canonicalJson(x) === canonicalJson(y);
}


export function planImport(incoming: readonly Annotation[], stored: ReadonlyMap<string, Annotation>, me: Pick<Author, 'id'>): ImportPlan {
  const counts = emptyCounts();
  const writes: Annotation[] = [];
  const unread: string[] = [];
  const mineChanged = new Map<string, number>();
  for (const record of incoming) {
    const here = stored.get(record.id);
    if (here && (here.kind !== record.kind || here.videoId !== record.videoId)) {
      const what = here.videoId !== record.videoId ? 'a record on another video' : `a ${KIND_WORDS[here.kind]}`;
      return refuse(`This packet reuses the id of ${what} for a ${KIND_WORDS[record.kind]} (${record.id.slice(0, 60)}). Nothing was imported.`);
    }
    if (here && here.author.id !== record.author.id) {
      return refuse(`This packet claims ${record.author.name || 'someone'} wrote a ${KIND_WORDS[record.kind]} that ${here.author.name || 'someone else'} wrote. Nothing was imported.`);
    }
    const category = categoryOf(record);
    if (here && sameContent(here, record)) {
      counts[category].unchanged++;
      continue;
    }
    if (here && pickWinner(here, record) === here) {
      counts[category].older++;
      continue;
    }
    if (here && here.author.id === me.id) {
      mineChanged.set(KIND_WORDS[record.kind], (mineChanged.get(KIND_WORDS[record.kind]) ?? 0) + 1);
      continue;
    }
    writes.push(record);
    const change: Change = !here ? 'new' : record.deleted && !here.deleted ? 'removed' : 'updated';
    // A tombstone of something never seen here hides nothing: kept for later merges, not counted.
    if (!(change === 'new' && record.deleted)) counts[category][change]++;
    if (record.author.id !== me.id && !record.deleted) unread.push(record.id);
  }
  if (mineChanged.size) {
    const list = [...mineChanged].map(([word, n]) => `${n} of your own ${word}${n === 1 ? '' : 's'}`);
    return refuse(`This packet would change ${list.join(' and ')}. Only you change what you wrote. Nothing was imported.`);
  }
  return { counts, writes, unread, problem: null };

  function refuse(problem: string): ImportPlan {
    return { counts: emptyCounts(), writes: [], unread: [], problem };
  }
}
