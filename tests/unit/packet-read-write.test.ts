import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../utils/packets/canonical';
import { hashBody, newSigner, sign } from '../../utils/packets/crypto';
import { carrierBlock } from '../../utils/packets/html-carrier';
import { readPacket, type ReadResult } from '../../utils/packets/read';
import { writePacket } from '../../utils/packets/write';
import { VIDEO, coachRecords, draft, signer } from './packet-fixtures';

const problem = (r: ReadResult) => (r.ok ? null : r.problem);

/** A packet object edited after signing, then hashed and signed again by `resign` (or left as is). */
async function edited(edit: (packet: Record<string, unknown>) => void, resign = true): Promise<string> {
  const { text } = await writePacket(draft(), await signer());
  const packet = JSON.parse(text) as Record<string, unknown>;
  edit(packet);
  if (resign) {
    const { hash: _h, signature: _s, ...body } = packet;
    packet.hash = await hashBody(body);
    packet.signature = await sign(await signer(), packet.hash as string);
  }
  return JSON.stringify(packet);
}

describe('write then read', () => {
  it('gives back every record as it was, stamped with the packet as its source', async () => {
    const records = coachRecords();
    const { text, packet } = await writePacket(draft(records), await signer());
    const read = await readPacket(text);
    if (!read.ok) throw new Error(read.problem);
    expect(read.value.records).toHaveLength(records.length);
    const byId = new Map(read.value.records.map((r) => [r.id, r]));
    for (const r of records) expect(byId.get(r.id)).toEqual({ ...r, source: { kind: 'packet', packetId: 'packet-1' } });
    expect(read.value.packet).toMatchObject({ id: 'packet-1', revision: 1, sender: { name: 'Coach Ana', role: 'coach' }, hash: packet.hash });
    expect(read.value.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(read.value.skipped).toEqual([]);
  });

  it('the same data gives the same bytes, whatever order the records come in', async () => {
    const records = coachRecords();
    const a = await writePacket(draft(records), await signer());
    const b = await writePacket(draft([...records].reverse()), await signer());
    expect(b.text).toBe(a.text);
    expect(a.text.endsWith('}\n')).toBe(true);
  });

  it('lists records in time order, acknowledgements apart, with sorted keys', async () => {
    const { text } = await writePacket(draft(), await signer());
    const packet = JSON.parse(text) as { annotations: { time: number; id: string }[]; acknowledgements: unknown[] };
    const times = packet.annotations.map((r) => r.time);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(Object.keys(packet)).toEqual([...Object.keys(packet)].sort());
  });

  it('reads a packet reformatted by an editor (same content, other whitespace and key order)', async () => {
    const { text } = await writePacket(draft(), await signer());
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()));
    expect((await readPacket(reordered)).ok).toBe(true);
  });

  it('reads the packet an HTML report carries, even when a comment holds </script>', async () => {
    const records = coachRecords();
    const { text } = await writePacket(draft(records.map((r) => (r.id === 'c1' && r.kind === 'comment' ? { ...r, text: '</script><script>alert(1)</script>' } : r))), await signer());
    const html = `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Report</h1>${carrierBlock(text.trim())}</body></html>`;
    const read = await readPacket(html);
    if (!read.ok) throw new Error(read.problem);
    expect(read.value.records.find((r) => r.id === 'c1')).toMatchObject({ text: '</script><script>alert(1)</script>' });
  });
});

describe('refused, with a message in plain words', () => {
  const cases: [string, () => Promise<string> | string, RegExp][] = [
    ['an empty file', () => '', /empty/],
    ['not JSON', () => 'hello coach', /not valid JSON/],
    ['cut off', async () => (await writePacket(draft(), await signer())).text.slice(0, 500), /ends too early/],
    ['another JSON file', () => '{"name":"package.json"}', /not a FrameCoach packet/],
    ['a JSON array', () => '[1,2,3]', /not a FrameCoach packet/],
    ['a newer format', () => edited((p) => void (p.format = 2)), /newer FrameCoach \(format 2\)/],
    ['an unknown field in the envelope', () => edited((p) => void (p.tracking = 'x')), /field FrameCoach does not know: "?tracking/],
    ['an unknown field in the sender', () => edited((p) => void ((p.sender as Record<string, unknown>).admin = true)), /sender has a field/],
    ['a __proto__ key in the envelope', () => edited((p) => void Object.defineProperty(p, '__proto__', { value: { polluted: 1 }, enumerable: true })), /does not know/],
    ['a changed comment (hash no longer matches)', () => edited((p) => void ((p.annotations as { text?: string }[]).find((r) => r.text)!.text = 'changed'), false), /does not match its checksum/],
    ['re-hashed but not re-signed', async () => {
      const { text } = await writePacket(draft(), await signer());
      const packet = JSON.parse(text) as Record<string, unknown>;
      packet.message = 'pay me';
      const { hash: _h, signature: _s, ...body } = packet;
      packet.hash = await hashBody(body);
      return JSON.stringify(packet);
    }, /signature does not match/],
    ['signed by another key than it names', async () => {
      const { text } = await writePacket(draft(), await signer());
      const packet = JSON.parse(text) as { signature: { publicKey: unknown } };
      packet.signature.publicKey = (await newSigner()).publicKey;
      return JSON.stringify(packet);
    }, /signature does not match/],
    ['a time of 1e999 (Infinity when read)', async () => (await writePacket(draft(), await signer())).text.replace('"time": 0.48', '"time": 1e999'), /number too large to be real/],
    ['a negative time', () => edited((p) => void ((p.annotations as { time: number }[])[0]!.time = -1)), /time must be at least 0/],
    ['a time past a week', () => edited((p) => void ((p.annotations as { time: number }[])[0]!.time = 1e9)), /time must be at most/],
    ['a version of 0', () => edited((p) => void ((p.annotations as { version: number }[])[0]!.version = 0)), /version must be at least 1/],
    ['a text as a number', () => edited((p) => void ((p.annotations as { text?: unknown }[]).find((r) => 'text' in r)!.text = 42)), /comment must be text/],
    ['a megabyte comment', () => edited((p) => void ((p.annotations as { text?: unknown }[]).find((r) => 'text' in r)!.text = 'x'.repeat(1_000_000))), /longer than 10,000 characters/],
    ['a point far off the picture', () => edited((p) => void ((p.annotations as { shape?: { from?: { x: number } } }[]).find((r) => r.shape?.from)!.shape!.from!.x = 50)), /a point must be at most 2/],
    ['an unknown tool', () => edited((p) => void ((p.annotations as { shape?: { tool: string } }[]).find((r) => r.shape)!.shape!.tool = 'laser')), /tool is not one FrameCoach knows/],
    ['the same id twice', () => edited((p) => void (p.annotations as unknown[]).push((p.annotations as unknown[])[0])), /lists the record "[^"]+" twice/],
    ['a record of another video', () => edited((p) => void ((p.annotations as { videoId: string }[])[0]!.videoId = 'youtube:other')), /about another video/],
    ['a comment in the acknowledgements', () => edited((p) => void (p.acknowledgements as unknown[]).push((p.annotations as { kind: string }[]).find((r) => r.kind === 'comment'))), /does not belong in acknowledgements/],
    ['far too deep', async () => (await writePacket(draft(), await signer())).text.replace('"annotations": [', `"annotations": [{"kind":"comment","extra":${'['.repeat(100_000)}1${']'.repeat(100_000)}},`), /nested far deeper/],
    ['an HTML page without a packet', () => '<!doctype html><html><body>hi</body></html>', /carries no FrameCoach packet/],
    // A backtracking pattern would take minutes here (many unclosed tags): a plain search takes milliseconds.
    ['an HTML page of two million unclosed script tags', () => `<!doctype html>${'<script'.repeat(2_000_000)}`, /carries no FrameCoach packet/],
    ['an acknowledgement whose id names another reader', () => edited((p) => {
      const ack: Record<string, unknown> = { ...(p.annotations as Record<string, unknown>[])[0]!, kind: 'ack', id: 'ack:c1:athlete-1', targetId: 'c1' };
      for (const k of ['text', 'endTime', 'endFrame', 'resolved', 'parentId']) delete ack[k];
      (p.acknowledgements as unknown[]).push(ack);
    }), /does not match the comment and the reader it names/],
  ];

  it.each(cases)('%s', async (_, make, expected) => {
    expect(problem(await readPacket(await make()))).toMatch(expected);
  });

  it('not text at all', async () => {
    expect(problem(await readPacket({ type: 'framecoach.packet' }))).toMatch(/not a file/);
  });
});

describe('forward compatible', () => {
  it('skips a record of a kind this FrameCoach does not know, and says so', async () => {
    const text = await edited((p) => void (p.annotations as unknown[]).push({ kind: 'voiceNote', id: 'v1', videoId: VIDEO }));
    const read = await readPacket(text);
    if (!read.ok) throw new Error(read.problem);
    expect(read.value.skipped).toEqual(['annotations item 9: a “voiceNote”, which this FrameCoach does not know']);
    expect(read.value.records).toHaveLength(coachRecords().length);
  });

  it('drops unknown fields of a record (the hash covered them)', async () => {
    const text = await edited((p) => void ((p.annotations as Record<string, unknown>[])[0]!.mood = 'happy'));
    const read = await readPacket(text);
    if (!read.ok) throw new Error(read.problem);
    expect(read.value.records.some((r) => 'mood' in r)).toBe(false);
  });
});

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [3, { d: 1, c: 2 }] }, '{"a":[3,{"c":2,"d":1}],"b":1}'],
    [{ x: 0.1 + 0.2, y: -0, z: 1e21 }, '{"x":0.30000000000000004,"y":0,"z":1e+21}'],
    [{ u: undefined, n: null }, '{"n":null}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('refuses NaN and Infinity', () => {
    expect(() => canonicalJson({ t: NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ t: Infinity })).toThrow(/Infinity/);
  });
});
