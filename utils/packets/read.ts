/**
 * Reading a packet someone sent: the whole file is refused, with one message in plain words,
 * at the first problem (not JSON, cut short, not a packet, a newer format, damaged, a bad
 * signature, a record that is malformed or belongs elsewhere). What is returned is safe to
 * store: validated records, stamped with the packet they came from. Nothing here writes.
 */
import * as v from 'valibot';
import { ackId } from '../model/create';
import type { AckAnnotation, Annotation } from '../model/types';
import { hashBody, fingerprint, verify } from './crypto';
import { LIMITS, PACKET_FORMAT, PACKET_TYPE, type Packet } from './format';
import { extractFromHtml } from './html-carrier';
import { ackSchema, commentSchema, drawingSchema, envelopeSchema } from './schema';

export interface ReadPacket {
  readonly packet: Omit<Packet, 'annotations' | 'acknowledgements'>;
  /** Every record (comments, drawings, acknowledgements), stamped with `source: packet`. */
  readonly records: readonly Annotation[];
  /** Records skipped because FrameCoach does not know their kind (a newer sender), in words. */
  readonly skipped: readonly string[];
  /** The signing key's fingerprint (who sent it, as far as keys can tell). */
  readonly fingerprint: string;
}

export type ReadResult = { readonly ok: true; readonly value: ReadPacket } | { readonly ok: false; readonly problem: string };

const fail = (problem: string): ReadResult => ({ ok: false, problem });
const MAX_DEPTH = 32;
const mb = (chars: number) => `${(chars / 1_000_000).toFixed(1)} MB`;

/** Deeper than `max` levels of arrays and objects? Checked without recursion (a hostile file could be a million deep). */
export function tooDeep(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of (JSON )?(input|data)|Unterminated/i.test(message)) {
    return 'The file ends too early: it was probably cut off while it was downloaded or copied. Ask for it again.';
  }
  return `This file is not a FrameCoach packet: it is not valid JSON (${message}).`;
}

export function where(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return keys.length ? ` (at ${keys.join('.')})` : '';
}

export const KIND_NAMES = { comment: 'Comment', drawing: 'Drawing', ack: 'Acknowledgement' } as const;
export const RECORD_SCHEMAS = { comment: commentSchema, drawing: drawingSchema, ack: ackSchema } as const;

export async function readPacket(input: unknown): Promise<ReadResult> {
  if (typeof input !== 'string') return fail('This is not a file FrameCoach can read.');
  if (input.length > LIMITS.htmlChars) return fail(`The file is too big for a packet (${mb(input.length)}; at most ${mb(LIMITS.htmlChars)}).`);
  const carried = extractFromHtml(input);
  if (carried === 'none') return fail('This web page carries no FrameCoach packet (a FrameCoach report carries one; other pages do not).');
  const text = carried ?? input;
  if (text.length > LIMITS.fileChars) return fail(`The packet is too big (${mb(text.length)}; at most ${mb(LIMITS.fileChars)}).`);
  if (!text.trim()) return fail('The file is empty.');

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) return fail('This packet is damaged: it is nested far deeper than any packet FrameCoach writes.');
    return fail(jsonProblem(error));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('This file is not a FrameCoach packet.');
  const obj = raw as Record<string, unknown>;
  if (obj.type === 'framecoach-backup') return fail('This is a FrameCoach backup, not a packet: restore it with “Restore a backup…” in the library.');
  if (obj.type !== PACKET_TYPE) return fail('This file is not a FrameCoach packet.');
  if (typeof obj.format === 'number' && obj.format > PACKET_FORMAT) {
    return fail(`This packet was made by a newer FrameCoach (format ${obj.format}): update FrameCoach to open it.`);
  }
  if (tooDeep(raw, MAX_DEPTH)) return fail('This packet is damaged: it is nested far deeper than any packet FrameCoach writes.');

  const envelope = v.safeParse(envelopeSchema, raw);
  if (!envelope.success) {
    const issue = envelope.issues[0];
    return fail(`This packet is damaged: ${issue.message}${where(issue)}.`);
  }
  const { hash, signature, annotations, acknowledgements, ...rest } = envelope.output;
  const body = { ...rest, annotations, acknowledgements };
  // Over the parsed file (unknown record fields included): any change to the content shows.
  const { hash: _hash, signature: _signature, ...rawBody } = obj;
  let actual: string;
  try {
    actual = await hashBody(rawBody);
  } catch {
    // 1e999 reads as Infinity, which no packet can hold (and canonical JSON cannot write).
    return fail('This packet is damaged: it holds a number too large to be real.');
  }
  if (actual !== hash) {
    return fail('This packet is damaged: its content does not match its checksum (it was changed or cut after it was made).');
  }
  if (!(await verify(signature, hash))) {
    return fail("This packet's signature does not match its content: it was altered after it was signed.");
  }

  const source = { kind: 'packet', packetId: body.id } as const;
  const records: Annotation[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const lists: [unknown[], readonly string[], string][] = [
    [annotations, ['comment', 'drawing'], 'annotations'],
    [acknowledgements, ['ack'], 'acknowledgements'],
  ];
  for (const [list, kinds, listName] of lists) {
    for (const [i, item] of list.entries()) {
      const kind = typeof item === 'object' && item !== null ? (item as { kind?: unknown }).kind : undefined;
      const label = `${listName} item ${i + 1}`;
      if (typeof kind !== 'string' || !Object.hasOwn(RECORD_SCHEMAS, kind)) {
        if (typeof kind === 'string' && kind.length <= 40) skipped.push(`${label}: a “${kind}”, which this FrameCoach does not know`);
        else return fail(`This packet is damaged: ${label} has no kind.`);
        continue;
      }
      if (!kinds.includes(kind)) return fail(`This packet is damaged: ${label} is a ${kind}, which does not belong in ${listName}.`);
      const known = kind as keyof typeof RECORD_SCHEMAS;
      const parsed = v.safeParse(RECORD_SCHEMAS[known], item);
      const id = typeof (item as { id?: unknown }).id === 'string' ? ` ${JSON.stringify(((item as { id: string }).id).slice(0, 60))}` : '';
      if (!parsed.success) {
        const issue = parsed.issues[0];
        return fail(`This packet is damaged: ${KIND_NAMES[known]} ${i + 1}${id}: ${issue.message}${where(issue)}.`);
      }
      const record = { ...parsed.output, source } as Annotation;
      if (record.videoId !== body.video.id) {
        return fail(`This packet is damaged: ${KIND_NAMES[known]} ${i + 1}${id} is about another video than the packet.`);
      }
      if (seen.has(record.id)) return fail(`This packet is damaged: it lists the record${id} twice.`);
      // One acknowledgement per reader and comment: its id says whose and of what.
      if (record.kind === 'ack' && record.id !== ackId(record.targetId, record.author.id)) {
        return fail(`This packet is damaged: Acknowledgement ${i + 1}${id} does not match the comment and the reader it names.`);
      }
      seen.add(record.id);
      records.push(record as Annotation | AckAnnotation);
    }
  }
  const { annotations: _a, acknowledgements: _k, ...packet } = body;
  return { ok: true, value: { packet: { ...packet, hash, signature }, records, skipped, fingerprint: await fingerprint(signature.publicKey) } };
}
