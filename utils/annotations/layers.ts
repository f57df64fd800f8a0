/**
 * Layers: the records of the video grouped by who wrote them. "Mine" first, then each other
 * author (a coach whose packet was imported, an athlete whose reply was), with the date of
 * their latest packet, so the panel can show and hide each one.
 */
import type { Annotation, Author } from '../model/types';
import type { PacketEntry } from '../storage/packet-records';

export interface Layer {
  readonly authorId: string;
  readonly name: string;
  readonly mine: boolean;
  readonly hidden: boolean;
  /** Records on the video by this author (not deleted). */
  readonly count: number;
  /** When their latest packet for this video was made, if one came. */
  readonly packetDate: number | null;
}

export function layersOf(
  records: readonly Annotation[],
  me: Pick<Author, 'id'> | null,
  packets: readonly Pick<PacketEntry, 'sender' | 'createdAt'>[],
  hidden: ReadonlySet<string>,
): Layer[] {
  const byAuthor = new Map<string, { name: string; count: number }>();
  for (const r of records) {
    if (r.deleted) continue;
    const entry = byAuthor.get(r.author.id) ?? { name: r.author.name, count: 0 };
    entry.count++;
    byAuthor.set(r.author.id, entry);
  }
  const latest = new Map<string, number>();
  for (const p of packets) latest.set(p.sender.id, Math.max(latest.get(p.sender.id) ?? 0, p.createdAt));
  const layers = [...byAuthor].map(([authorId, { name, count }]) => ({
    authorId,
    name,
    mine: authorId === me?.id,
    hidden: hidden.has(authorId),
    count,
    packetDate: latest.get(authorId) ?? null,
  }));
  return layers.sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name) || a.authorId.localeCompare(b.authorId));
}

/** A layer's label: "Mine", or the author with their packet's date ("Coach Ana · 1 Dec"). */
export function layerLabel(layer: Layer, locale?: string): string {
  if (layer.mine) return 'Mine';
  if (layer.packetDate === null) return layer.name || 'Someone';
  const date = new Date(layer.packetDate).toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  return `${layer.name || 'Someone'} · ${date}`;
}

/** Whether a record of another author (a packet's layer) is on show: not deleted, its layer not hidden. */
export function otherLayerShown(state: { records: readonly Annotation[]; me: Pick<Author, 'id'> | null; hidden: ReadonlySet<string> }): boolean {
  return state.records.some((r) => !r.deleted && r.author.id !== state.me?.id && !state.hidden.has(r.author.id));
}
