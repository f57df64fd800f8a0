/**
 * The one owner, on the page side, of "the annotations of the video on screen": every kind
 * (comments, drawings, acknowledgements), other tabs' changes and imported packets merged by
 * version, saves with a fallback to what the database confirmed, and who may change what.
 * Comments, drawings and layers read from it; none keeps a copy of its own.
 */
import type { Call } from '../messaging/client';
import type { PacketEntry } from '../storage/packet-records';
import { pickWinner } from '../model/merge';
import type { Annotation, Author } from '../model/types';
import { createStore, type Store } from '../player/store';
import { readOnlyReason } from './ownership';

export interface AnnotationsState {
  videoId: string | null;
  loading: boolean;
  /** Every record of the video, tombstones included, in the order they arrived (edits keep their place). */
  records: readonly Annotation[];
  /** Who this installation writes as (null until the settings are read). */
  me: Author | null;
  /** Why the annotations could not be loaded. */
  error: string | null;
  /** Milliseconds the last load took: to the first page, and to all of them. */
  timing: { openMs: number | null; allMs: number | null };
  /** Records brought by packets that were not seen before this page showed them ("New"). */
  unread: ReadonlySet<string>;
  /** Packets received for this video: whose layers the others' records are. */
  packets: readonly PacketEntry[];
  /** Authors whose layer is hidden: their records are left out of `shown`. */
  hidden: ReadonlySet<string>;
  /** Packet videos attached to this one (made on a page at another address): their records are here too. */
  aliases: ReadonlySet<string>;
  /** Received packets that may be for this video (same length, another address): offered to attach. */
  candidates: readonly PacketEntry[];
}

const EMPTY: ReadonlySet<string> = new Set();

/** Who sent the latest review of this video (the athlete's coach), if a review came. */
export const reviewerOf = (packets: readonly PacketEntry[]) =>
  [...packets].filter((p) => p.kind === 'review' && p.direction === 'received').sort((a, b) => b.createdAt - a.createdAt)[0]?.sender ?? null;

/** The records on show: all of them but the hidden layers' (the same array while nothing changes). */
export const shownRecords = (() => {
  let last: { records: readonly Annotation[]; hidden: ReadonlySet<string>; shown: readonly Annotation[] } | null = null;
  return (s: Pick<AnnotationsState, 'records' | 'hidden'>): readonly Annotation[] => {
    if (!s.hidden.size) return s.records;
    if (last?.records !== s.records || last.hidden !== s.hidden) {
      last = { records: s.records, hidden: s.hidden, shown: s.records.filter((r) => !s.hidden.has(r.author.id)) };
    }
    return last.shown;
  };
})();

/** How a save ended: stored; refused for a newer version (shown instead); failed; not ours to change. */
export type Written = 'ok' | 'stale' | 'failed' | 'refused';

export interface SaveOutcome {
  readonly result: Written;
  /** What the database holds now (after ok or stale). */
  readonly stored?: Annotation;
  /** Why it failed or was refused, in words for the coach. */
  readonly error?: string;
}

export interface SaveOptions {
  /** Show the record at once, before it is durable; a failure puts back the confirmed version. Default true. */
  optimistic?: boolean;
}

export interface VideoAnnotations {
  readonly state: Store<AnnotationsState>;
  /** `replace`: a fresh load of `videoId`. Otherwise a merge by version (ignored when about another video). */
  take(videoId: string, annotations: readonly Annotation[], replace: boolean): void;
  find(id: string | null): Annotation | undefined;
  /** False for records another person wrote (a coach's packet on the athlete's machine, a reply on the coach's). */
  canEdit(record: Pick<Annotation, 'author'>): boolean;
  save(record: Annotation, options?: SaveOptions): Promise<SaveOutcome>;
  /**
   * A save of record `id` is on its way to the database. Another write of it made now could
   * land first (the background handles messages side by side), and the earlier one would then
   * be refused as stale: a writer that is not the coach's own action waits for it.
   */
  saving(id: string): boolean;
  /** Saves on their way to the database, all records (0: everything shown is stored). */
  writing(): number;
  setMe(me: Author): void;
  /** Shows or hides an author's layer (their comments, drawings and acknowledgements). */
  toggleLayer(authorId: string): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createVideoAnnotations(call: Call): VideoAnnotations {
  const state = createStore<AnnotationsState>({
    videoId: null,
    loading: true,
    records: [],
    me: null,
    error: null,
    timing: { openMs: null, allMs: null },
    unread: EMPTY,
    packets: [],
    hidden: EMPTY,
    aliases: EMPTY,
    candidates: [],
  });
  /** This video's records: its own id, or a packet video attached to it. */
  const here = (videoId: string, current = state.get().videoId) => videoId === current || state.get().aliases.has(videoId);
  /** The last version the database confirmed, per record: what a failed save falls back to. */
  const confirmed = new Map<string, Annotation>();
  /** Saves on their way to the database, per record. */
  const inFlight = new Map<string, number>();
  const landed = (id: string) => {
    const n = (inFlight.get(id) ?? 1) - 1;
    if (n > 0) inFlight.set(id, n);
    else inFlight.delete(id);
  };

  const find = (id: string | null) => (id === null ? undefined : state.get().records.find((r) => r.id === id));

  /** Shows `record` in place of the one with its id (same place in the order), or takes it away. */
  function put(id: string, record: Annotation | null) {
    const list = state.get().records;
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) {
      if (record) state.set({ records: [...list, record] });
      return;
    }
    state.set({ records: record ? list.map((r, k) => (k === i ? record : r)) : list.filter((_, k) => k !== i) });
  }

  function take(videoId: string, annotations: readonly Annotation[], replace: boolean) {
    const previous = state.get().videoId;
    // A late answer about a video no longer shown (the page moved on) changes nothing.
    if (!replace && previous !== null && !here(videoId)) return;
    if (replace) {
      confirmed.clear();
      if (videoId !== previous) state.set({ unread: EMPTY, packets: [], hidden: EMPTY });
    }
    const byId = new Map((replace ? [] : state.get().records).map((r) => [r.id, r]));
    let changed = replace;
    for (const incoming of annotations) {
      if (!here(incoming.videoId, videoId)) continue;
      const known = byId.get(incoming.id);
      const winner = known && known.kind === incoming.kind ? pickWinner(known, incoming) : incoming;
      if (winner !== known) {
        byId.set(incoming.id, winner);
        changed = true;
      }
      const seen = confirmed.get(incoming.id);
      confirmed.set(incoming.id, seen && seen.kind === incoming.kind ? pickWinner(seen, incoming) : incoming);
    }
    if (changed) state.set({ videoId, records: [...byId.values()], loading: false, error: null });
    else state.set({ videoId, loading: false });
  }

  function canEdit(record: Pick<Annotation, 'author'>): boolean {
    return readOnlyReason(record, state.get().me) === null;
  }

  async function save(record: Annotation, { optimistic = true }: SaveOptions = {}): Promise<SaveOutcome> {
    const refusal = readOnlyReason(record, state.get().me);
    if (refusal) return { result: 'refused', error: refusal };
    const shown = () => here(record.videoId);
    inFlight.set(record.id, (inFlight.get(record.id) ?? 0) + 1);
    if (optimistic && shown()) put(record.id, record);
    try {
      // Landed (or failed) before what it shows is published: a writer waiting for it sees that change.
      const { stored, accepted } = await call('annotation.save', { annotation: record }).finally(() => landed(record.id));
      confirmed.set(stored.id, stored);
      if (shown()) {
        if (!optimistic) take(state.get().videoId!, [stored], false);
        // Shown unless a later change is on screen already (a newer save in flight).
        else if (!accepted || find(record.id) === record) put(stored.id, stored);
      }
      return { result: accepted ? 'ok' : 'stale', stored };
    } catch (error) {
      // Back to what the database has, unless a later change is already shown.
      if (optimistic && shown() && find(record.id) === record) put(record.id, confirmed.get(record.id) ?? null);
      return { result: 'failed', error: errorText(error) };
    }
  }

  return {
    state,
    take,
    find,
    canEdit,
    save,
    saving: (id) => inFlight.has(id),
    writing: () => [...inFlight.values()].reduce((sum, n) => sum + n, 0),
    setMe: (me) => state.set({ me }),
    toggleLayer(authorId) {
      const hidden = new Set(state.get().hidden);
      if (!hidden.delete(authorId)) hidden.add(authorId);
      state.set({ hidden });
    },
  };
}
