/**
 * What the overlay gets when it opens a video: its annotations (and those of the packet
 * videos attached to it: a packet made on a page at another address), what is unread, whose
 * packets they are, and the received packets that may be for this video (same length,
 * another address) to offer attaching.
 */
import type { VideoFacts } from '../messaging/contract';
import type { Annotation } from '../model/types';
import { compareByTime } from '../storage/annotations';
import type { PacketEntry } from '../storage/packet-records';
import type { FrameCoachStore } from '../storage/store';

export interface VideoView {
  annotations: Annotation[];
  complete: boolean;
  unread: string[];
  packets: PacketEntry[];
  /** Packet videos attached here. */
  aliases: string[];
  /** Received packets for another address whose video is as long as this one. */
  candidates: PacketEntry[];
}

/** Seconds two recordings of the same clip may differ by (container rounding). */
const SAME_LENGTH = 0.25;

export async function videoView(db: FrameCoachStore, videoId: string, facts: Pick<VideoFacts, 'duration'> | null, limit?: number): Promise<VideoView> {
  const aliases = await db.aliasesOf(videoId);
  const ids = [videoId, ...aliases];
  const [lists, unread, packets, all] = await Promise.all([
    Promise.all(ids.map((id) => db.listAnnotations(id, { includeDeleted: true, limit }))),
    Promise.all(ids.map((id) => db.unreadFor(id))),
    Promise.all(ids.map((id) => db.packetsFor(id))),
    facts ? db.packets() : Promise.resolve([]),
  ]);
  const complete = limit === undefined || lists.every((list) => list.length < limit);
  const merged = lists.flat().sort(compareByTime);
  const duration = facts?.duration ?? null;
  const candidates: PacketEntry[] = [];
  for (const entry of all) {
    if (entry.direction !== 'received' || ids.includes(entry.videoId) || entry.video.duration === null || duration === null) continue;
    if (Math.abs(entry.video.duration - duration) > SAME_LENGTH) continue;
    if ((await db.aliasFor(entry.videoId)) !== undefined) continue;
    candidates.push(entry);
  }
  return {
    annotations: complete || limit === undefined ? merged : merged.slice(0, limit),
    complete,
    unread: [...new Set(unread.flat())],
    packets: packets.flat().filter((p) => p.direction === 'received'),
    aliases,
    candidates,
  };
}
