/**
 * How a backup merges into what is here, record by record, so restoring an old backup never
 * undoes newer work: comments and drawings by id and version (the packet rule, pickWinner),
 * videos by their last update with known facts kept, packet entries by revision, and the keys
 * seen from senders joined. Pure: the store reads and writes.
 */
import type { Annotation, VideoRecord } from '../model/types';
import { changeOf, countChange, emptyCounts, type Counts } from '../packets/plan';
import type { KnownSender, PacketEntry } from '../storage/packet-records';

export interface RecordPlan {
  readonly counts: Counts;
  /** The records that win over what is here (or are new). */
  readonly writes: readonly Annotation[];
  /** Ids new here. */
  readonly added: ReadonlySet<string>;
}

export function planRecords(incoming: readonly Annotation[], stored: ReadonlyMap<string, Annotation>): RecordPlan {
  const counts = emptyCounts();
  const writes: Annotation[] = [];
  const added = new Set<string>();
  for (const record of incoming) {
    const change = changeOf(stored.get(record.id), record);
    if (change === 'new' || change === 'updated' || change === 'removed') writes.push(record);
    if (change === 'new') added.add(record.id);
    countChange(counts, record, change);
  }
  return { counts, writes, added };
}

/** The later-updated record, with what only the other knows (a measured rate, a size) kept. */
export function mergeVideo(here: VideoRecord | undefined, incoming: VideoRecord): VideoRecord {
  if (!here) return incoming;
  const [newer, older] = incoming.updatedAt > here.updatedAt ? [incoming, here] : [here, incoming];
  const fps = newer.fps ?? older.fps;
  const clock = newer.fps !== null ? newer.clock : older.clock;
  return {
    id: here.id,
    title: newer.title || older.title,
    pageUrl: newer.pageUrl || older.pageUrl,
    duration: newer.duration ?? older.duration,
    fps,
    ...(clock && fps !== null ? { clock } : {}),
    width: newer.width ?? older.width,
    height: newer.height ?? older.height,
    createdAt: Math.min(here.createdAt, incoming.createdAt),
    updatedAt: newer.updatedAt,
  };
}

/**
 * The entry of the newer revision (an outbox entry keeps counting up from it). What is
 * unread here stays so; of the backup's unread, only records new here become unread.
 */
export function mergeEntry(here: PacketEntry | undefined, incoming: PacketEntry, added: ReadonlySet<string>): PacketEntry {
  if (!here) return incoming;
  const newer = incoming.revision > here.revision || (incoming.revision === here.revision && incoming.updatedAt > here.updatedAt) ? incoming : here;
  return { ...newer, unread: [...new Set([...here.unread, ...incoming.unread.filter((id) => added.has(id))])] };
}

/** Every key seen with a sender's name, here or in the backup. */
export function mergeSender(here: KnownSender | undefined, incoming: KnownSender): KnownSender {
  if (!here) return incoming;
  return { ...here, fingerprints: [...new Set([...here.fingerprints, ...incoming.fingerprints])], firstSeen: Math.min(here.firstSeen, incoming.firstSeen) };
}
