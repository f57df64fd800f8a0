/**
 * The database side of packets: this installation's signing key, import planned and applied
 * in one transaction (records, inbox entry, sender's key; all or nothing), the outbox that
 * gives re-exports their revision, and what is unread.
 */
import { trustedAddress } from '../identity/video-id';
import type { Annotation, Author } from '../model/types';
import { fingerprint, newSigner, type Signer } from '../packets/crypto';
import { planImport, type ImportPlan } from '../packets/plan';
import type { ReadPacket } from '../packets/read';
import { writeAnnotations } from './annotations';
import type { ImportCounts, PacketEntry, SenderStatus } from './packet-records';
import { INDEXES, STORES, type StoreName } from './schema';
import type { Tx } from './transaction';

export interface PlannedImport {
  readonly plan: ImportPlan;
  readonly senderStatus: SenderStatus;
  /** The inbox entry the import writes (or wrote). */
  readonly entry: PacketEntry;
  /** The user has this video here already (its own records or an earlier packet). */
  readonly videoKnown: boolean;
  /** The sender's key is the first seen from them: the import binds it to their id. */
  readonly bindSigner: boolean;
}

export interface PacketStore {
  /** This installation's signing key, made on first use. */
  signer(): Promise<Signer>;
  /** What importing `read` would do; writes nothing. */
  planPacket(read: ReadPacket, me: Author): Promise<PlannedImport>;
  /** Plans again and, when nothing is wrong (plan.problem null), writes everything in one transaction. */
  importPacket(read: ReadPacket, me: Author): Promise<PlannedImport>;
  /** Inbox and outbox, most recent first. */
  packets(): Promise<PacketEntry[]>;
  packetsFor(videoId: string): Promise<PacketEntry[]>;
  getPacket(key: string): Promise<PacketEntry | undefined>;
  putSent(entry: PacketEntry): Promise<void>;
  /** Record ids on this video brought by packets and not seen yet. */
  unreadFor(videoId: string): Promise<string[]>;
  /** Marks those records seen (all of the video's when `ids` is omitted). */
  markSeen(videoId: string, ids?: readonly string[]): Promise<void>;
  /** The packet videos attached to `videoId` here (their records show on it). */
  aliasesOf(videoId: string): Promise<string[]>;
  /** The video here a packet's video is attached to, if any. */
  aliasFor(packetVideoId: string): Promise<string | undefined>;
  /** Attaches a packet's video to a video here (a page opened from another address). */
  putAlias(packetVideoId: string, videoId: string): Promise<void>;
}

type Run = <Mode extends IDBTransactionMode, T>(stores: StoreName[], mode: Mode, body: (tx: Tx<StoreName[], Mode>) => Promise<T>) => Promise<T>;

const { annotations: A, videos: V, packets: P, keys: K, senders: S, aliases: L, signers: G } = STORES;
const senderKey = (name: string) => name.trim().toLowerCase();
/** An inbox entry per sender and packet: another sender reusing a packet's id gets an entry of its own. */
const entryKey = (packet: Pick<ReadPacket['packet'], 'id' | 'sender'>) => `received:${packet.sender.id}:${packet.id}`;

function importCounts(plan: ImportPlan): ImportCounts {
  const changed = (c: keyof ImportPlan['counts']) => plan.counts[c].new + plan.counts[c].updated;
  const removed = Object.values(plan.counts).reduce((n, c) => n + c.removed, 0);
  return { comments: changed('comments'), replies: changed('replies'), drawings: changed('drawings'), acknowledgements: changed('acknowledgements'), removed };
}

export function packetStore(run: Run, now: () => number): PacketStore {
  async function ownSigner(tx: Tx<StoreName[], IDBTransactionMode>): Promise<Signer | undefined> {
    const record = await tx.objectStore(K).get('signer');
    return record && { privateKey: record.privateKey, publicKey: record.publicKey };
  }

  /** The fingerprint of this installation's key, if it has one. Read before a transaction: WebCrypto inside one would let it commit. */
  async function ownFingerprint(): Promise<string | null> {
    const own = await run([K], 'readonly', ownSigner);
    return own ? fingerprint(own.publicKey) : null;
  }

  /** Reads only from IndexedDB (awaiting anything else would let the transaction commit). */
  async function plan(tx: Tx<StoreName[], IDBTransactionMode>, read: ReadPacket, me: Author, ownPrint: string | null): Promise<PlannedImport> {
    const { packet, records } = read;
    const key = entryKey(packet);
    const [storedList, known, existing, videoRecord, binding, alias] = await Promise.all([
      Promise.all(records.map((r) => tx.objectStore(A).get(r.id))),
      tx.objectStore(S).get(senderKey(packet.sender.name)),
      tx.objectStore(P).get(key),
      tx.objectStore(V).get(packet.video.id),
      tx.objectStore(G).get(packet.sender.id),
      tx.objectStore(L).get(packet.video.id),
    ]);
    const stored = new Map<string, Annotation>();
    for (const r of storedList) if (r) stored.set(r.id, r);
    const own = ownPrint === read.fingerprint;
    const attached = alias?.to;
    const result = planImport(records, stored, {
      me,
      sender: packet.sender,
      own,
      // The first key seen from an author is theirs; only it adds or changes their records.
      senderKeyKnown: own || !binding || binding.fingerprint === read.fingerprint,
      // A packet video attached to a video here: records may sit under either id.
      sameVideo: (a, b) => a === b || (attached !== undefined && ((a === packet.video.id && b === attached) || (a === attached && b === packet.video.id))),
    });
    const senderStatus: SenderStatus =
      own
        ? 'own'
        : !known
          ? 'first'
          : known.fingerprints.includes(read.fingerprint)
            ? 'same'
            : 'different';
    const seenBefore = new Set(existing?.unread ?? []);
    const entry: PacketEntry = {
      key,
      direction: 'received',
      packetId: packet.id,
      // Revisions may arrive in any order: the entry describes the newest seen.
      ...(existing && existing.revision > packet.revision ? pickEnvelope(existing) : pickEnvelope({ ...packet, videoId: packet.video.id })),
      updatedAt: now(),
      fingerprint: read.fingerprint,
      senderStatus,
      counts: importCounts(result),
      unread: [...new Set([...seenBefore, ...result.unread])],
      contentHash: null,
    };
    return { plan: result, senderStatus, entry, videoKnown: videoRecord !== undefined || attached !== undefined, bindSigner: !binding && !own };
  }

  return {
    async signer() {
      const found = await run([K], 'readonly', ownSigner);
      if (found) return found;
      // Made outside any transaction: waiting on WebCrypto inside one would let it commit.
      const fresh = await newSigner();
      return run([K], 'readwrite', async (tx) => {
        const raced = await ownSigner(tx);
        if (raced) return raced;
        await tx.objectStore(K).put({ id: 'signer', privateKey: fresh.privateKey, publicKey: fresh.publicKey, createdAt: now() });
        return fresh;
      });
    },

    async planPacket(read, me) {
      const ownPrint = await ownFingerprint();
      return run([A, V, P, S, G, L], 'readonly', (tx) => plan(tx, read, me, ownPrint));
    },

    importPacket: async (read, me) => {
      const ownPrint = await ownFingerprint();
      return run([A, V, P, S, G, L], 'readwrite', async (tx) => {
        const planned = await plan(tx, read, me, ownPrint);
        // Refused: nothing is written, so the transaction commits nothing.
        if (planned.plan.problem) return planned;
        const t = now();
        const existing = await tx.objectStore(P).get(planned.entry.key);
        // The same packet again: nothing to write, not even the date it was last seen.
        if (!planned.plan.writes.length && existing && existing.hash === read.packet.hash && planned.senderStatus !== 'different') return planned;
        await writeAnnotations(tx, planned.plan.writes, t);
        const video = await tx.objectStore(V).get(read.packet.video.id);
        const v = read.packet.video;
        // What the packet says fills only what is not known here; its address only when it
        // names this very video (a packet can't send the library to another site).
        await tx.objectStore(V).put({
          id: v.id,
          title: video?.title || v.title,
          pageUrl: video?.pageUrl || trustedAddress(v.id, v.pageUrl),
          duration: video?.duration ?? v.duration,
          fps: video?.fps ?? v.fps,
          ...(video?.clock ? { clock: video.clock } : {}),
          width: video?.width ?? v.width,
          height: video?.height ?? v.height,
          createdAt: video?.createdAt ?? t,
          updatedAt: Math.max(video?.updatedAt ?? t, t),
        });
        // One's own packet coming back (restoring after a lost profile) is not something received.
        if (planned.senderStatus === 'own') return planned;
        await tx.objectStore(P).put(planned.entry);
        const { sender } = read.packet;
        if (planned.bindSigner) await tx.objectStore(G).put({ authorId: sender.id, fingerprint: read.fingerprint, name: sender.name, firstSeen: t });
        // A key that differs from earlier ones with this name is not learned: the warning stays.
        if (planned.senderStatus !== 'different') {
          const name = senderKey(sender.name);
          const known = await tx.objectStore(S).get(name);
          const fingerprints = [...new Set([...(known?.fingerprints ?? []), read.fingerprint])];
          await tx.objectStore(S).put({ name, displayName: sender.name, fingerprints, firstSeen: known?.firstSeen ?? t });
        }
        return planned;
      });
    },

    packets: () =>
      run([P], 'readonly', async (tx) => {
        const all = await tx.objectStore(P).index(INDEXES.byUpdated).getAll();
        return all.reverse();
      }),

    packetsFor: (videoId) => run([P], 'readonly', (tx) => tx.objectStore(P).index(INDEXES.byVideo).getAll(videoId)),

    getPacket: (key) => run([P], 'readonly', (tx) => tx.objectStore(P).get(key)),

    putSent: (entry) => run([P], 'readwrite', async (tx) => void (await tx.objectStore(P).put(entry))),

    unreadFor: (videoId) =>
      run([P], 'readonly', async (tx) => {
        const entries = await tx.objectStore(P).index(INDEXES.byVideo).getAll(videoId);
        return [...new Set(entries.flatMap((e) => e.unread))];
      }),

    aliasesOf: (videoId) =>
      run([L], 'readonly', async (tx) => (await tx.objectStore(L).index(INDEXES.byTarget).getAll(videoId)).map((a) => a.from)),

    aliasFor: (packetVideoId) => run([L], 'readonly', async (tx) => (await tx.objectStore(L).get(packetVideoId))?.to),

    putAlias: (packetVideoId, videoId) =>
      run([L], 'readwrite', async (tx) => void (await tx.objectStore(L).put({ from: packetVideoId, to: videoId, createdAt: now() }))),

    markSeen: (videoId, ids) =>
      run([P], 'readwrite', async (tx) => {
        const store = tx.objectStore(P);
        const seen = ids && new Set(ids);
        const entries = await store.index(INDEXES.byVideo).getAll(videoId);
        await Promise.all(
          entries
            .filter((e) => e.unread.length > 0)
            .map((e) => store.put({ ...e, unread: seen ? e.unread.filter((id) => !seen.has(id)) : [] })),
        );
      }),
  };
}

/** The envelope fields an entry keeps from a packet (or from the entry of a newer revision). */
function pickEnvelope(p: Pick<PacketEntry, 'revision' | 'kind' | 'inReplyTo' | 'sender' | 'recipient' | 'message' | 'video' | 'createdAt' | 'hash' | 'videoId'>) {
  return {
    revision: p.revision, kind: p.kind, inReplyTo: p.inReplyTo, sender: p.sender, recipient: p.recipient, message: p.message,
    videoId: p.videoId, video: p.video, createdAt: p.createdAt, hash: p.hash,
  };
}
