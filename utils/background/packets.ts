/**
 * The background's packet handlers: export (a review, or a reply with only what this
 * installation wrote), preview and import (strict, all or nothing), the inbox and outbox,
 * and the library's view. Packet code runs here and on the extension's pages, never in the
 * content script.
 */
import { newId as randomId } from '../model/new-id';
import type { Broadcast, ExportResult, ImportAnswer, Settings } from '../messaging/contract';
import type { Handlers } from '../messaging/server';
import type { Annotation } from '../model/types';
import { hashBody } from '../packets/crypto';
import type { Packet, PacketVideo } from '../packets/format';
import { openUrlAt, providerOf } from '../packets/open-url';
import { readPacket } from '../packets/read';
import { packetBody, writePacket, type PacketDraft } from '../packets/write';
import type { PlannedImport } from '../storage/packet-store';
import type { FrameCoachStore } from '../storage/store';
import { packetFilename, shareText } from './packet-names';

type PacketHandlers = Pick<
  Handlers,
  'packet.export' | 'packet.preview' | 'packet.import' | 'packets.list' | 'packets.markSeen' | 'library.view' | 'video.delete'
>;

export interface PacketDeps {
  withStore<T>(work: (db: FrameCoachStore) => Promise<T>): Promise<T>;
  settings(): Promise<Settings>;
  broadcast(message: Broadcast): Promise<void>;
  now?: () => number;
  newId?: () => string;
}

const visible = (records: readonly Annotation[]) => records.filter((r) => !r.deleted);

export interface MadePacket {
  readonly result: ExportResult;
  readonly packet: Packet;
  readonly records: readonly Annotation[];
}

export function packetHandlers({ withStore, settings, broadcast, now = Date.now, newId = randomId }: PacketDeps): PacketHandlers & {
  makePacket(args: Parameters<PacketHandlers['packet.export']>[0]): Promise<MadePacket>;
} {
  async function exportPacket(args: Parameters<PacketHandlers['packet.export']>[0]): Promise<ExportResult> {
    return (await makePacket(args)).result;
  }

  /** Writes the packet (and records the export); its records are what the packet holds. */
  async function makePacket(args: Parameters<PacketHandlers['packet.export']>[0]): Promise<MadePacket> {
    const kind = args.kind ?? 'review';
    const { author } = await settings();
    const { videoId } = args;
    // A reply also gathers what was written on the packet videos attached here (acknowledgements
    // of their comments); a review is this video's own records.
    const aliases = kind === 'reply' ? await withStore((db) => db.aliasesOf(videoId)) : [];
    const ids = [videoId, ...aliases];
    const [video, lists, sent, receivedLists, signer] = await withStore((db) =>
      Promise.all([
        db.getVideo(videoId),
        Promise.all(ids.map((id) => db.listAnnotations(id, { includeDeleted: true }))),
        db.getPacket(`sent:${kind}:${videoId}`),
        Promise.all(ids.map((id) => db.packetsFor(id))),
        db.signer(),
      ]),
    );
    if (!video) throw new Error('FrameCoach has nothing about this video yet: open it and add a comment or a drawing first.');
    const all = lists.flat();
    const received = receivedLists.flat();
    const review = received.filter((e) => e.direction === 'received' && e.kind === 'review').sort((a, b) => b.createdAt - a.createdAt)[0];
    // Answering a packet made at another address: the reply is about the coach's video, as they know it.
    const target = review && review.videoId !== videoId ? review.video : null;
    // A reply holds only what this installation wrote: replies, acknowledgements, own annotations.
    const mine = kind === 'reply' ? all.filter((r) => r.author.id === author.id) : all;
    const records = target ? mine.map((r) => ({ ...r, videoId: target.id })) : mine;
    if (visible(records).length === 0) {
      throw new Error(
        kind === 'reply'
          ? 'Nothing to send back yet: acknowledge a comment (Got it), reply to one, or add your own first.'
          : 'Nothing to send yet: add a comment or a drawing to this video first.',
      );
    }
    const inReplyTo = kind === 'reply' ? review?.packetId ?? null : null;
    const packetVideo: PacketVideo = target ?? {
      id: video.id,
      pageUrl: video.pageUrl,
      provider: providerOf(video.id),
      title: video.title,
      duration: video.duration,
      fps: video.fps,
      width: video.width,
      height: video.height,
    };
    const base: PacketDraft = {
      id: sent?.packetId ?? newId(),
      revision: 0,
      kind,
      inReplyTo,
      createdAt: 0,
      // An athlete (someone sent them a review of this video) writes as one, whatever they send.
      sender: { id: author.id, name: author.name, role: args.role ?? (kind === 'reply' || review ? 'athlete' : 'coach') },
      // Not given (a report carries the packet): the last export's, so nothing changes by itself.
      recipient: (args.recipient === undefined ? sent?.recipient : args.recipient?.trim().slice(0, 200)) || null,
      message: (args.message ?? sent?.message ?? '').trim().slice(0, 2_000),
      video: packetVideo,
      records,
    };
    // What the packet says, apart from its revision and date: unchanged means the same file again.
    const contentHash = await hashBody(packetBody(base));
    const unchanged = sent !== undefined && sent.contentHash === contentHash;
    const draft: PacketDraft = {
      ...base,
      revision: unchanged ? sent.revision : (sent?.revision ?? 0) + 1,
      createdAt: unchanged ? sent.createdAt : now(),
    };
    const { packet, text } = await writePacket(draft, signer);
    const counts = {
      comments: visible(records).filter((r) => r.kind === 'comment' && !r.parentId).length,
      replies: visible(records).filter((r) => r.kind === 'comment' && r.parentId).length,
      drawings: visible(records).filter((r) => r.kind === 'drawing').length,
      acknowledgements: visible(records).filter((r) => r.kind === 'ack').length,
    };
    await withStore((db) =>
      db.putSent({
        key: `sent:${kind}:${videoId}`,
        direction: 'sent',
        packetId: packet.id,
        revision: packet.revision,
        kind,
        inReplyTo,
        sender: packet.sender,
        recipient: packet.recipient,
        message: packet.message,
        videoId,
        video: packet.video,
        createdAt: packet.createdAt,
        updatedAt: now(),
        hash: packet.hash,
        fingerprint: '',
        senderStatus: 'own',
        counts: { ...counts, removed: 0 },
        unread: [],
        contentHash,
      }),
    );
    const result = {
      filename: packetFilename(packet),
      text,
      packetId: packet.id,
      revision: packet.revision,
      unchanged,
      shareText: shareText(packet, counts),
      counts,
    };
    return { result, packet, records };
  }

  /** Reads and plans (preview) or applies (import) a packet; nothing is written unless it is all fine. */
  async function take(text: unknown, apply: boolean): Promise<ImportAnswer> {
    const read = await readPacket(text);
    if (!read.ok) return { ok: false, problem: read.problem };
    const { author } = await settings();
    const planned: PlannedImport = await withStore((db) => (apply ? db.importPacket(read.value, author) : db.planPacket(read.value, author)));
    if (planned.plan.problem) return { ok: false, problem: planned.plan.problem };
    const { packet, records } = read.value;
    if (apply && planned.plan.writes.length) {
      void broadcast({
        framecoach: 1,
        type: 'annotations.changed',
        videoId: packet.video.id,
        annotations: [...planned.plan.writes],
        imported: planned.entry,
      }).catch(() => undefined);
    }
    const first = visible(records).filter((r) => r.kind === 'comment').sort((a, b) => a.time - b.time)[0];
    return {
      ok: true,
      packetId: packet.id,
      revision: packet.revision,
      kind: packet.kind,
      createdAt: packet.createdAt,
      sender: packet.sender,
      senderStatus: planned.senderStatus,
      fingerprint: read.value.fingerprint,
      recipient: packet.recipient,
      message: packet.message,
      video: packet.video,
      videoKnown: planned.videoKnown,
      counts: planned.plan.counts,
      skipped: [...read.value.skipped, ...planned.plan.leftOut],
      openUrl: openUrlAt(packet.video, first?.time ?? null),
      firstTime: first?.time ?? null,
    };
  }

  return {
    makePacket,
    'packet.export': exportPacket,
    'packet.preview': ({ text }) => take(text, false),
    'packet.import': ({ text }) => take(text, true),
    'packets.list': () => withStore((db) => db.packets()),
    'packets.markSeen': async ({ videoId, ids }) => {
      await withStore(async (db) => {
        for (const id of [videoId, ...(await db.aliasesOf(videoId))]) await db.markSeen(id, ids);
      });
      return null;
    },
    'library.view': ({ query }) => withStore((db) => db.library(typeof query === 'string' ? query.slice(0, 200) : undefined)),
    'video.delete': async ({ videoId }) => ({ removed: await withStore((db) => db.deleteVideo(videoId)) }),
  };
}
