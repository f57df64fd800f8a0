/**
 * A backup: everything FrameCoach keeps, in one JSON file (docs/backup.md). Reading one is
 * as strict as reading a packet: the whole file is refused, with one message in plain words
 * naming the record, at the first problem, and what comes out is safe to store. Pure: no
 * database, no browser.
 */
import * as v from 'valibot';
import type { Annotation, VideoRecord } from '../model/types';
import type { KnownSender, PacketEntry, SignerBinding, VideoAlias } from '../storage/packet-records';
import type { Settings } from '../messaging/contract';
import { KIND_NAMES, RECORD_SCHEMAS, tooDeep, where } from '../packets/read';
import { author, base64url, epochMs, id, packetVideoSchema, publicKeySchema, senderSchema, text, whole } from '../packets/schema';
import { LIMITS } from '../packets/format';
import { videoProblem } from '../storage/validate';

export const BACKUP_TYPE = 'framecoach-backup';
export const BACKUP_FORMAT = 1;
/** Characters of a backup file: a coach's whole library (about 2 KB a comment). */
export const MAX_BACKUP_CHARS = 200_000_000;

/** The signing key as a JWK pair (Ed25519): whoever holds it can sign packets as this installation. */
export interface BackupKey {
  readonly publicKey: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /** The private part (JWK `d`). */
  readonly d: string;
  readonly createdAt: number;
}

export interface Backup {
  readonly type: typeof BACKUP_TYPE;
  readonly format: typeof BACKUP_FORMAT;
  readonly createdAt: number;
  /** Who made it (this installation's author then). */
  readonly author: { id: string; name: string };
  /** The settings then (the author among them). */
  readonly settings: Omit<Settings, 'author'>;
  readonly videos: readonly VideoRecord[];
  /** Every record, tombstones included (merges need them). */
  readonly annotations: readonly Annotation[];
  readonly packets: readonly PacketEntry[];
  readonly aliases: readonly VideoAlias[];
  readonly senders: readonly KnownSender[];
  readonly signers: readonly SignerBinding[];
  /** Null when the key can't be read out (made before backups existed: it can only sign). */
  readonly signingKey: BackupKey | null;
}

export type BackupRead = { readonly ok: true; readonly backup: Backup } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): BackupRead => ({ ok: false, problem });
const damaged = (what: string) => fail(`This backup is damaged: ${what}.`);
const list = (what: string) => v.array(v.unknown(), `${what} must be a list`);
const counts = v.object({
  comments: whole('a count', 0, 1e9),
  replies: whole('a count', 0, 1e9),
  drawings: whole('a count', 0, 1e9),
  acknowledgements: whole('a count', 0, 1e9),
  removed: whole('a count', 0, 1e9),
});
const hash = v.pipe(v.string('the hash must be text'), v.maxLength(100, 'the hash is too long'));

const entrySchema = v.object({
  key: id('the key'),
  direction: v.picklist(['received', 'sent'], 'the direction must be received or sent'),
  packetId: id('the packet id'),
  revision: whole('the revision', 1, LIMITS.maxVersion),
  kind: v.picklist(['review', 'reply'], 'the packet kind must be review or reply'),
  inReplyTo: v.nullable(id('inReplyTo')),
  sender: senderSchema,
  recipient: v.nullable(text(LIMITS.nameChars, 'the recipient')),
  message: text(LIMITS.messageChars, 'the message'),
  videoId: id('the video id'),
  video: packetVideoSchema,
  createdAt: epochMs('createdAt'),
  updatedAt: epochMs('updatedAt'),
  hash,
  fingerprint: text(100, 'the fingerprint'),
  senderStatus: v.picklist(['own', 'first', 'same', 'different'], 'the sender status is not one FrameCoach knows'),
  counts,
  unread: v.array(id('an unread record'), 'unread must be a list'),
  contentHash: v.nullable(hash),
});

const aliasSchema = v.object({ from: id('from'), to: id('to'), createdAt: epochMs('createdAt') });
const senderRecordSchema = v.object({
  name: text(LIMITS.nameChars, 'the name'),
  displayName: text(LIMITS.nameChars, 'the name'),
  fingerprints: v.array(text(100, 'a fingerprint'), 'fingerprints must be a list'),
  firstSeen: epochMs('firstSeen'),
});
const signerSchema = v.object({ authorId: id('the author id'), fingerprint: text(100, 'the fingerprint'), name: text(LIMITS.nameChars, 'the name'), firstSeen: epochMs('firstSeen') });
const keySchema = v.object({ publicKey: publicKeySchema, d: base64url('the private key', 43), createdAt: epochMs('createdAt') });
const sourceSchema = v.variant('kind', [v.object({ kind: v.literal('local') }), v.object({ kind: v.literal('packet'), packetId: id('the packet id') })], 'the source must be local or a packet');
const videoTimes = v.object({ createdAt: epochMs('createdAt'), updatedAt: epochMs('updatedAt') });

const headSchema = v.object({
  createdAt: epochMs('createdAt'),
  author,
  settings: v.looseObject({}, 'the settings must be an object'),
  videos: list('videos'),
  annotations: list('annotations'),
  packets: list('packets'),
  aliases: list('aliases'),
  senders: list('senders'),
  signers: list('signers'),
  signingKey: v.nullable(keySchema),
});

const LISTS = {
  packets: 'Packet',
  aliases: 'Video link',
  senders: 'Sender',
  signers: 'Signer',
} as const;
const LIST_SCHEMAS = { packets: entrySchema, aliases: aliasSchema, senders: senderRecordSchema, signers: signerSchema } as const;

/** A record's id, for a message that names it. */
const named = (item: unknown): string => {
  const key = typeof item === 'object' && item !== null ? ((item as { id?: unknown; key?: unknown }).id ?? (item as { key?: unknown }).key) : undefined;
  return typeof key === 'string' ? ` ${JSON.stringify(key.slice(0, 60))}` : '';
};

function readVideo(item: unknown, i: number): VideoRecord | string {
  const label = `Video ${i + 1}${named(item)}`;
  if (typeof item !== 'object' || item === null) return `${label} is not an object`;
  const problem = videoProblem(item as VideoRecord);
  if (problem) return `${label}: ${problem}`;
  const times = v.safeParse(videoTimes, item);
  if (!times.success) return `${label}: ${times.issues[0].message}`;
  const r = item as VideoRecord;
  if (r.title.length > LIMITS.titleChars || r.pageUrl.length > LIMITS.urlChars) return `${label}: its title or address is too long`;
  return {
    id: r.id,
    title: r.title,
    pageUrl: r.pageUrl,
    duration: r.duration,
    fps: r.fps,
    ...(r.clock ? { clock: { origin: r.clock.origin, dropped: r.clock.dropped, jitter: r.clock.jitter } } : {}),
    width: r.width ?? null,
    height: r.height ?? null,
    createdAt: times.output.createdAt,
    updatedAt: times.output.updatedAt,
  };
}

function readRecord(item: unknown, i: number): Annotation | string {
  const kind = typeof item === 'object' && item !== null ? (item as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !Object.hasOwn(RECORD_SCHEMAS, kind)) return `record ${i + 1}${named(item)} is of no kind this FrameCoach knows (${String(kind).slice(0, 40)})`;
  const known = kind as keyof typeof RECORD_SCHEMAS;
  const label = `${KIND_NAMES[known]} ${i + 1}${named(item)}`;
  const parsed = v.safeParse(RECORD_SCHEMAS[known], item);
  if (!parsed.success) return `${label}: ${parsed.issues[0].message}${where(parsed.issues[0])}`;
  const source = v.safeParse(sourceSchema, (item as { source?: unknown }).source);
  if (!source.success) return `${label}: ${source.issues[0].message}`;
  return { ...parsed.output, source: source.output } as Annotation;
}

/** Reads a backup file's text: the backup, or why it is refused. */
export function readBackup(input: unknown): BackupRead {
  if (typeof input !== 'string') return fail('This is not a file FrameCoach can read.');
  if (input.length > MAX_BACKUP_CHARS) return fail(`The file is too big for a backup (${(input.length / 1e6).toFixed(0)} MB).`);
  if (!input.trim()) return fail('The file is empty.');
  let raw: unknown;
  try {
    raw = JSON.parse(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/end of (JSON )?(input|data)|Unterminated/i.test(message)) return fail('The backup ends too early: it was probably cut off while it was saved or copied.');
    return fail(`This file is not a FrameCoach backup: it is not valid JSON (${message}).`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('This file is not a FrameCoach backup.');
  const obj = raw as Record<string, unknown>;
  if (obj.type !== BACKUP_TYPE) {
    return fail(obj.type === 'framecoach-packet' ? 'This is a feedback packet, not a backup: import it with “Import a packet”.' : 'This file is not a FrameCoach backup.');
  }
  if (typeof obj.format === 'number' && obj.format > BACKUP_FORMAT) return fail(`This backup was made by a newer FrameCoach (format ${obj.format}): update FrameCoach to restore it.`);
  if (obj.format !== BACKUP_FORMAT) return damaged('its format is missing');
  if (tooDeep(raw, 32)) return damaged('it is nested far deeper than any backup FrameCoach writes');
  const head = v.safeParse(headSchema, raw);
  if (!head.success) return damaged(`${head.issues[0].message}${where(head.issues[0])}`);
  const h = head.output;

  const videos: VideoRecord[] = [];
  for (const [i, item] of h.videos.entries()) {
    const video = readVideo(item, i);
    if (typeof video === 'string') return damaged(video);
    videos.push(video);
  }
  const annotations: Annotation[] = [];
  const seen = new Set<string>();
  for (const [i, item] of h.annotations.entries()) {
    const record = readRecord(item, i);
    if (typeof record === 'string') return damaged(record);
    if (seen.has(record.id)) return damaged(`it lists the record ${JSON.stringify(record.id.slice(0, 60))} twice`);
    seen.add(record.id);
    annotations.push(record);
  }
  const rest: Record<keyof typeof LIST_SCHEMAS, unknown[]> = { packets: [], aliases: [], senders: [], signers: [] };
  for (const name of Object.keys(LIST_SCHEMAS) as (keyof typeof LIST_SCHEMAS)[]) {
    for (const [i, item] of h[name].entries()) {
      const parsed = v.safeParse(LIST_SCHEMAS[name], item);
      if (!parsed.success) return damaged(`${LISTS[name]} ${i + 1}${named(item)}: ${parsed.issues[0].message}${where(parsed.issues[0])}`);
      rest[name].push(parsed.output);
    }
  }
  return {
    ok: true,
    backup: {
      type: BACKUP_TYPE,
      format: BACKUP_FORMAT,
      createdAt: h.createdAt,
      author: h.author,
      // Each setting is checked where it is applied (the service's cleaners), like stored settings.
      settings: h.settings as Backup['settings'],
      videos,
      annotations,
      packets: rest.packets as PacketEntry[],
      aliases: rest.aliases as VideoAlias[],
      senders: rest.senders as KnownSender[],
      signers: rest.signers as SignerBinding[],
      signingKey: h.signingKey as BackupKey | null,
    },
  };
}

/** The file's text: plain JSON. */
export function writeBackup(backup: Backup): string {
  return JSON.stringify(backup);
}

/** `framecoach-backup-2026-12-02.json` (the local date). */
export function backupFilename(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `framecoach-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

