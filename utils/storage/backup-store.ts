/**
 * The database side of backups: every store read in one transaction, and a backup merged in
 * one transaction (all of it lands, or none of it). The signing key is made into a CryptoKey
 * before the transaction starts: awaiting WebCrypto inside one would let it commit.
 */
import type { Annotation, VideoRecord } from '../model/types';
import type { Signer } from '../packets/crypto';
import type { Backup } from '../backup/format';
import { mergeEntry, mergeSender, mergeVideo, planRecords, type RecordPlan } from '../backup/merge';
import { getMany, writeAnnotations } from './annotations';
import type { KnownSender, PacketEntry, SignerBinding, SignerRecord, VideoAlias } from './packet-records';
import { INDEXES, STORES, type StoreName } from './schema';
import type { Tx } from './transaction';

export type BackupData = Pick<Backup, 'videos' | 'annotations' | 'packets' | 'aliases' | 'senders' | 'signers'>;

export interface BackupStore {
  /** Everything, as it is now, and this installation's signing key record. */
  dumpAll(): Promise<BackupData & { signer: SignerRecord | undefined }>;
  /** What restoring `data` would change; writes nothing. */
  planRestore(data: BackupData): Promise<RecordPlan>;
  /** Merges `data` in; `signer` (a backup's key) replaces this installation's. */
  restoreAll(data: BackupData, signer: Signer | null): Promise<RecordPlan>;
  /** Comments and drawings added or changed after `ms` (the nudge to back up). */
  changedSince(ms: number): Promise<number>;
  /** This author wrote something here, or something was sent from here. */
  hasOwnWork(authorId: string): Promise<boolean>;
}

type Run = <Mode extends IDBTransactionMode, T>(stores: StoreName[], mode: Mode, body: (tx: Tx<StoreName[], Mode>) => Promise<T>) => Promise<T>;

const { annotations: A, videos: V, packets: P, keys: K, senders: S, aliases: L, signers: G } = STORES;
const ALL: StoreName[] = [A, V, P, K, S, L, G];

const storedFor = (tx: Tx<StoreName[], IDBTransactionMode>, records: readonly Annotation[]): Promise<Map<string, Annotation>> =>
  getMany((id) => tx.objectStore(A).get(id), records.map((r) => r.id));

export function backupStore(run: Run, now: () => number): BackupStore {
  return {
    dumpAll: () =>
      run(ALL, 'readonly', async (tx) => {
        const [videos, annotations, packets, aliases, senders, signers, signer] = await Promise.all([
          tx.objectStore(V).getAll(),
          tx.objectStore(A).getAll(),
          tx.objectStore(P).getAll(),
          tx.objectStore(L).getAll(),
          tx.objectStore(S).getAll(),
          tx.objectStore(G).getAll(),
          tx.objectStore(K).get('signer'),
        ]);
        return { videos, annotations, packets, aliases, senders, signers, signer };
      }),

    planRestore: (data) => run([A], 'readonly', async (tx) => planRecords(data.annotations, await storedFor(tx, data.annotations))),

    restoreAll: (data, signer) =>
      run(ALL, 'readwrite', async (tx) => {
        const plan = planRecords(data.annotations, await storedFor(tx, data.annotations));
        const t = now();
        const get = <T>(store: StoreName, key: string) => tx.objectStore(store).get(key) as Promise<T | undefined>;
        // Videos first: writeAnnotations then only bumps their last update.
        await Promise.all(data.videos.map(async (v) => tx.objectStore(V).put(mergeVideo(await get<VideoRecord>(V, v.id), v))));
        await writeAnnotations(tx, plan.writes, t);
        const puts: Promise<unknown>[] = [
          ...data.packets.map(async (e) => tx.objectStore(P).put(mergeEntry(await get<PacketEntry>(P, e.key), e, plan.added))),
          ...data.senders.map(async (s) => tx.objectStore(S).put(mergeSender(await get<KnownSender>(S, s.name), s))),
          // The first key seen from an author, and the first link of a packet's video, stay.
          ...data.signers.map(async (g) => (await get<SignerBinding>(G, g.authorId)) ?? tx.objectStore(G).put(g)),
          ...data.aliases.map(async (a) => (await get<VideoAlias>(L, a.from)) ?? tx.objectStore(L).put(a)),
        ];
        if (signer) puts.push(tx.objectStore(K).put({ id: 'signer', privateKey: signer.privateKey, publicKey: signer.publicKey, createdAt: t }));
        await Promise.all(puts);
        return plan;
      }),

    changedSince: (ms) => run([A], 'readonly', (tx) => tx.objectStore(A).index(INDEXES.byUpdated).count(IDBKeyRange.lowerBound(ms, true))),

    hasOwnWork: (authorId) =>
      run([A, P], 'readonly', async (tx) => {
        for (let cursor = await tx.objectStore(A).openCursor(); cursor; cursor = await cursor.continue()) {
          if (cursor.value.author.id === authorId) return true;
        }
        const entries = await tx.objectStore(P).getAll();
        return entries.some((e) => e.direction === 'sent');
      }),
  };
}
