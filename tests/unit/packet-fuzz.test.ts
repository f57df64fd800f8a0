/**
 * Thousands of malformed and hostile packets against the real importer (the background's
 * handlers over fake IndexedDB): none is accepted wrongly, and after every rejection the
 * database dump is byte-identical to before.
 *
 * - Damaged files (not re-signed): cut anywhere, characters flipped, values swapped for
 *   hostile ones. Only a change that leaves the content as it was (whitespace) may pass.
 * - Hostile senders (re-hashed and signed with their own key, so only the content can
 *   stop them): NaN-like and huge numbers, negative and absurd times, megabyte strings,
 *   deep nesting, __proto__ and constructor keys, duplicate ids, ids of the athlete's own
 *   records, markup and script in every text field. Whatever passes must be stored exactly
 *   as valid records, and the prototype of Object stays clean.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { newComment } from '../../utils/model/create';
import { canonicalJson } from '../../utils/packets/canonical';
import { hashBody, newSigner, sign, type Signer } from '../../utils/packets/crypto';
import { annotationProblem } from '../../utils/storage/validate';
import { VIDEO, athlete, coach, coachRecords } from './packet-fixtures';
import { dump, installation, type Installation } from './packet-service-fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const facts = { frameUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', src: '', title: 'Stride', duration: 12.5, fps: 25 };

let valid: string;
let athleteSide: Installation;
let attacker: Signer;
const MINE = 'athlete-own-comment';

beforeAll(async () => {
  const c = installation(coach);
  await c.handlers['video.open'](facts, { tabUrl: facts.frameUrl });
  for (const r of coachRecords()) await c.handlers['annotation.save']({ annotation: r }, {});
  valid = (await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam', message: 'Hi' }, {})).text;
  athleteSide = installation(athlete);
  // The athlete has the packet already, and a comment of their own.
  const first = await athleteSide.handlers['packet.import']({ text: valid }, {});
  expect(first.ok).toBe(true);
  await athleteSide.handlers['annotation.save']({ annotation: newComment({ videoId: VIDEO, time: 2, frame: 50, text: 'mine', author: athlete, id: MINE }) }, {});
  attacker = await newSigner();
}, 30_000);

const hostileString = fc.oneof(
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '=HYPERLINK("http://x")', '\u202e', '\0', '</script>', '{{constructor.constructor("alert(1)")()}}'),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 10_001, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
);
const hostileNumber = fc.constantFrom(-1, -0.0001, 1e308, 1e21, 9_007_199_254_740_993, 0.5, 604_801, -1e308, 2 ** 31, 1.5);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [1, 2], { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }),
  fc.integer({ min: 40, max: 3_000 }).map((depth) => {
    let deep: unknown = 1;
    for (let i = 0; i < depth; i++) deep = [deep];
    return deep;
  }),
);

type Json = Record<string, unknown>;
const paths = (value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] => {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...prefix, key]);
      paths(v, [...prefix, key], out);
    }
  }
  return out;
};
function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Json;
  for (const key of path.slice(0, -1)) node = node[key as string] as Json;
  Object.defineProperty(node, path[path.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
}

/** A damage to the file's text: cut, a flipped character, a value swapped, a key added. */
const damage = fc.oneof(
  fc.nat().map((n) => (text: string) => text.slice(0, n % text.length)),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 0xffff })).map(([n, code]) => (text: string) => {
    const i = n % text.length;
    return text.slice(0, i) + String.fromCharCode(code) + text.slice(i + 1);
  }),
  fc.tuple(fc.nat(), hostileValue).map(([n, value]) => (text: string) => {
    const packet = JSON.parse(text) as unknown;
    const all = paths(packet);
    setAt(packet, all[n % all.length]!, value);
    return JSON.stringify(packet);
  }),
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra'), hostileValue).map(([key, value]) => (text: string) =>
    text.replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},`),
  ),
);

/** What a hostile sender changes before signing with their own key. */
const hostileEdit = fc.oneof(
  // A hostile value anywhere in the records or the envelope.
  fc.tuple(fc.nat(), hostileValue).map(([n, value]) => (packet: Json) => {
    const all = paths(packet).filter((p) => p[0] !== 'hash' && p[0] !== 'signature');
    setAt(packet, all[n % all.length]!, value);
  }),
  // Markup in every text field: allowed, and must be stored as text.
  hostileString.map((s) => (packet: Json) => {
    packet.message = s.slice(0, 2_000);
    for (const r of packet.annotations as Json[]) if (typeof r.text === 'string') r.text = s.slice(0, 10_000);
  }),
  // Duplicate ids.
  fc.nat().map((n) => (packet: Json) => {
    const list = packet.annotations as Json[];
    list.push({ ...list[n % list.length]! });
  }),
  // The id of the athlete's own comment, with a higher version.
  fc.nat().map((n) => (packet: Json) => {
    const list = packet.annotations as Json[];
    const r = list[n % list.length]!;
    Object.assign(r, { id: MINE, version: 99 });
  }),
  // The athlete's own comment, rewritten under the athlete's name.
  fc.constant((packet: Json) => {
    (packet.annotations as Json[]).push({
      ...newComment({ videoId: VIDEO, time: 2, frame: 50, text: 'I quit', author: athlete, id: MINE }),
      source: undefined,
      version: 50,
      updatedAt: Date.now() + 1e6,
    });
  }),
);

async function signed(edit: (packet: Json) => void): Promise<string> {
  const packet = JSON.parse(valid) as Json;
  edit(packet);
  const { hash: _h, signature: _s, ...body } = packet;
  try {
    packet.hash = await hashBody(body);
  } catch {
    return JSON.stringify(packet).replace(/"hash":"[^"]*"/, '"hash":"sha256:0"'); // Infinity: cannot be hashed
  }
  packet.signature = await sign(attacker, packet.hash as string);
  return JSON.stringify(packet);
}

describe('the importer under fire', () => {
  it(`refuses ${RUNS} damaged files, leaving the database byte-identical (or reads the very same content)`, async () => {
    const original = canonicalJson(JSON.parse(valid));
    await fc.assert(
      fc.asyncProperty(damage, async (damageIt) => {
        const text = damageIt(valid);
        const before = await dump(athleteSide.factory);
        const answer = await athleteSide.handlers['packet.import']({ text }, {});
        const after = await dump(athleteSide.factory);
        if (answer.ok) {
          // Only a change that keeps the content may pass; re-importing it changes nothing.
          expect(canonicalJson(JSON.parse(text))).toBe(original);
        } else {
          expect(answer.problem).toMatch(/\w/);
        }
        expect(after).toBe(before);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it(`stores only valid records from ${Math.round(RUNS / 2)} hostile (signed) packets, and nothing at all from refused ones`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileEdit, async (edit) => {
        const text = await signed(edit);
        const before = await dump(athleteSide.factory);
        const answer = await athleteSide.handlers['packet.import']({ text }, {});
        if (!answer.ok) {
          expect(await dump(athleteSide.factory)).toBe(before);
          return;
        }
        const stored = await athleteSide.handlers['annotations.list']({ videoId: VIDEO }, {});
        for (const r of stored) expect(annotationProblem(r)).toBeNull();
        // The athlete's own comment is never changed by someone else's packet.
        expect(stored.find((r) => r.id === MINE)).toMatchObject({ text: 'mine', author: athlete, version: 1 });
        expect(new Set(stored.map((r) => r.id)).size).toBe(stored.length);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
  }, 300_000);
});
