/**
 * The whole loop between two installations, through the background's handlers: the coach
 * exports, the athlete previews and imports, acknowledges and replies, exports the reply; the
 * coach imports it. Imports are idempotent and order-free; a new revision brings edits and
 * deletions; nothing is written when a packet is refused.
 */
import { describe, expect, it } from 'vitest';
import { newAck, newComment } from '../../utils/model/create';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation, CommentAnnotation } from '../../utils/model/types';
import { newSigner } from '../../utils/packets/crypto';
import { writePacket, type PacketDraft } from '../../utils/packets/write';
import { VIDEO, athlete, coach, coachRecords, draft } from './packet-fixtures';
import { dump, installation, type Installation } from './packet-service-fixtures';

const facts = { frameUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', src: 'blob:https://www.youtube.com/x', title: 'Stride', duration: 12.5, fps: 25, width: 1280, height: 720 };
const sender = { tabUrl: facts.frameUrl };

async function annotate(who: Installation, records: readonly Annotation[]) {
  for (const r of records) await who.handlers['annotation.save']({ annotation: r }, {});
}

async function coachWithReview() {
  const c = installation(coach);
  await c.handlers['video.open'](facts, sender);
  await annotate(c, coachRecords());
  return c;
}

const ok = <T extends { ok: boolean }>(answer: T) => {
  if (!answer.ok) throw new Error((answer as unknown as { problem: string }).problem);
  return answer as Extract<T, { ok: true }>;
};

describe('the coach sends, the athlete answers', () => {
  it('runs the whole loop and converges', async () => {
    const c = await coachWithReview();
    const review = await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam', message: 'This week: land under the hip' }, {});
    expect(review).toMatchObject({ revision: 1, unchanged: false, counts: { comments: 3, replies: 1, drawings: 3 } });
    expect(review.filename).toBe(`stride-for-sam-${new Date().toISOString().slice(0, 10)}.framecoach.json`);
    expect(review.shareText).toContain('This week: land under the hip');

    const a = installation(athlete);
    expect(await a.handlers['packets.list']({}, {})).toEqual([]); // opens the (empty) database
    const before = await dump(a.factory);
    const preview = ok(await a.handlers['packet.preview']({ text: review.text }, {}));
    expect(preview).toMatchObject({ sender: { name: 'Coach Ana', role: 'coach' }, senderStatus: 'first', videoKnown: false });
    expect(preview.counts.comments.new).toBe(3);
    expect(preview.openUrl).toBe('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    expect(await dump(a.factory)).toBe(before); // a preview writes nothing

    ok(await a.handlers['packet.import']({ text: review.text }, {}));
    const opened = await a.handlers['video.open'](facts, sender);
    expect(opened.annotations.filter((r) => !r.deleted)).toHaveLength(7);
    expect(opened.annotations.every((r) => r.source.kind === 'packet')).toBe(true);
    expect(opened.unread).toHaveLength(7);
    expect(opened.packets.map((p) => p.sender.name)).toEqual(['Coach Ana']);
    expect(opened.video).toMatchObject({ title: 'Stride', fps: 25 });

    // The athlete can't change the coach's records; they acknowledge and reply.
    const c1 = opened.annotations.find((r) => r.id === 'c1')!;
    await expect(a.handlers['annotation.save']({ annotation: remove(c1, Date.now()) }, {})).rejects.toMatchObject({ code: 'readonly' });
    await annotate(a, [
      newAck(c1 as never, athlete),
      newAck(opened.annotations.find((r) => r.id === 'c2') as never, athlete),
      newComment({ videoId: VIDEO, time: 1.2, frame: 30, text: 'Why quiet?', author: athlete, parentId: 'c2', id: 'r1' }),
    ]);
    const reply = await a.handlers['packet.export']({ videoId: VIDEO, kind: 'reply' }, {});
    expect(reply.counts).toEqual({ comments: 0, replies: 1, drawings: 0, acknowledgements: 2 });
    expect(JSON.parse(reply.text)).toMatchObject({ kind: 'reply', inReplyTo: review.packetId, sender: { role: 'athlete', name: 'Sam' } });

    const back = ok(await c.handlers['packet.import']({ text: reply.text }, {}));
    expect(back.counts.acknowledgements.new).toBe(2);
    expect(back.counts.replies.new).toBe(1);
    const coachView = await c.handlers['video.open'](facts, sender);
    expect(coachView.annotations.find((r) => r.id === 'r1')).toMatchObject({ parentId: 'c2', author: athlete });
    expect(coachView.unread.sort()).toEqual(['ack:c1:athlete-1', 'ack:c2:athlete-1', 'r1']);

    // Both packets again: nothing changes on either side.
    for (const [who, text] of [[a, review.text], [c, reply.text], [a, review.text]] as const) {
      const snapshot = await dump(who.factory);
      const again = ok(await who.handlers['packet.import']({ text }, {}));
      expect(Object.values(again.counts).every((k) => k.new + k.updated + k.removed === 0)).toBe(true);
      expect(JSON.parse(await dump(who.factory)).annotations).toEqual(JSON.parse(snapshot).annotations);
    }

    // The coach edits a comment and deletes a drawing: revision 2; the athlete sees both.
    const edited = mutate(coachView.annotations.find((r) => r.id === 'c1') as CommentAnnotation, { text: 'Land under the hip, not ahead' });
    const line = coachView.annotations.find((r) => r.id === 'd2')!;
    await annotate(c, [edited, remove(line)]);
    const second = await c.handlers['packet.export']({ videoId: VIDEO }, {});
    expect(second).toMatchObject({ revision: 2, packetId: review.packetId, unchanged: false });
    const applied = ok(await a.handlers['packet.import']({ text: second.text }, {}));
    expect(applied.counts.comments.updated).toBe(1);
    expect(applied.counts.drawings.removed).toBe(1);
    const athleteView = await a.handlers['video.open'](facts, sender);
    expect(athleteView.annotations.find((r) => r.id === 'c1')).toMatchObject({ text: 'Land under the hip, not ahead' });
    expect(athleteView.annotations.find((r) => r.id === 'd2')).toMatchObject({ deleted: true });
    // The athlete's acknowledgement and reply are still theirs and still there.
    expect(athleteView.annotations.filter((r) => r.author.id === athlete.id && !r.deleted)).toHaveLength(3);

    // An older revision after a newer one changes nothing.
    const snapshot = await dump(a.factory);
    ok(await a.handlers['packet.import']({ text: review.text }, {}));
    expect(JSON.parse(await dump(a.factory)).annotations).toEqual(JSON.parse(snapshot).annotations);
  });

  it('revisions imported in any order end in the same state', async () => {
    const c = await coachWithReview();
    const r1 = (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text;
    const view = await c.handlers['video.open'](facts, sender);
    await annotate(c, [mutate(view.annotations.find((r) => r.id === 'c2') as CommentAnnotation, { text: 'Arms relaxed' }), remove(view.annotations.find((r) => r.id === 'd1')!)]);
    const r2 = (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text;
    const states: unknown[] = [];
    for (const order of [[r1, r2], [r2, r1], [r2, r1, r2, r1]]) {
      const a = installation(athlete);
      for (const text of order) ok(await a.handlers['packet.import']({ text }, {}));
      const all = await a.handlers['annotations.list']({ videoId: VIDEO }, {});
      states.push(all.map(({ source: _s, ...r }) => r));
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
  });

  it('an unchanged re-export is the same revision and the same bytes', async () => {
    const c = await coachWithReview();
    const first = await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam', message: 'hi' }, {});
    const again = await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam', message: 'hi' }, {});
    expect(again).toMatchObject({ unchanged: true, revision: 1 });
    expect(again.text).toBe(first.text);
  });

  it('making a report (which carries the packet) changes neither the revision nor the recipient', async () => {
    const c = await coachWithReview();
    const first = await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam', message: 'hi' }, {});
    const { files } = await c.handlers['report.build']({ videoId: VIDEO, formats: ['markdown'], snapshots: [] }, {});
    expect(files[0]!.text).toContain('to Sam');
    const again = await c.handlers['packet.export']({ videoId: VIDEO }, {});
    expect(again).toMatchObject({ unchanged: true, revision: 1 });
    expect(again.text).toBe(first.text);
  });

  it('says when the sender’s key differs from earlier packets with that name', async () => {
    const real = await coachWithReview();
    const impostor = installation({ id: 'someone', name: 'Coach Ana' });
    await impostor.handlers['video.open'](facts, sender);
    await annotate(impostor, [newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'Buy my course', author: impostor.author, id: 'x1' })]);
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: (await real.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    const again = ok(await a.handlers['packet.preview']({ text: (await real.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    expect(again.senderStatus).toBe('same');
    const fake = ok(await a.handlers['packet.preview']({ text: (await impostor.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    expect(fake.senderStatus).toBe('different');
    const own = ok(await real.handlers['packet.preview']({ text: (await real.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    expect(own.senderStatus).toBe('own');
  });

  it('a packet for a page at another address is offered on a video as long as it, attached, and answered for the coach’s video', async () => {
    const c = await coachWithReview();
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    // The athlete has the clip on their club's site: another address, the same length.
    const elsewhere = { frameUrl: 'https://club.example/run', src: 'https://club.example/run.mp4', title: 'Run', duration: 12.49, fps: 25 };
    const here = { tabUrl: elsewhere.frameUrl };
    const first = await a.handlers['video.open'](elsewhere, here);
    expect(first.annotations).toEqual([]);
    expect(first.candidates.map((p) => p.videoId)).toEqual([VIDEO]);
    // Not offered on a video of another length.
    expect((await a.handlers['video.open']({ ...elsewhere, src: 'https://club.example/other.mp4', duration: 30 }, here)).candidates).toEqual([]);

    await a.handlers['packet.attach']({ packetVideoId: VIDEO, videoId: first.video.id }, {});
    const attached = await a.handlers['video.open'](elsewhere, here);
    expect(attached.aliases).toEqual([VIDEO]);
    expect(attached.candidates).toEqual([]);
    expect(attached.annotations.filter((r) => !r.deleted).map((r) => r.id).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'd1', 'd2', 'd3']);
    expect(attached.unread).toHaveLength(7);

    // Answered on the athlete's video; the reply is about the coach's.
    const c2 = attached.annotations.find((r) => r.id === 'c2')!;
    await annotate(a, [newAck(c2 as never, athlete), newComment({ videoId: first.video.id, time: 1.2, frame: 30, text: 'ok', author: athlete, parentId: 'c2', id: 'r9' })]);
    const reply = await a.handlers['packet.export']({ videoId: first.video.id, kind: 'reply' }, {});
    const packet = JSON.parse(reply.text) as { video: { id: string }; annotations: { videoId: string }[]; acknowledgements: { videoId: string }[] };
    expect(packet.video.id).toBe(VIDEO);
    expect([...packet.annotations, ...packet.acknowledgements].every((r) => r.videoId === VIDEO)).toBe(true);
    const back = ok(await c.handlers['packet.import']({ text: reply.text }, {}));
    expect(back.counts.replies.new).toBe(1);
    expect(back.counts.acknowledgements.new).toBe(1);

    // The coach's next revision carries the reply back, under the coach's video id: the same record here.
    await annotate(c, [newComment({ videoId: VIDEO, time: 3, frame: 75, text: 'Next week: cadence', author: coach, id: 'c9' })]);
    const next = ok(await a.handlers['packet.import']({ text: (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    expect(next.counts.comments.new).toBe(1);
    expect(next.counts.replies.unchanged).toBe(2); // the coach's own, and the athlete's

    // Deleting the athlete's video lets go of the attachment: the packet is offered again.
    await a.handlers['video.delete']({ videoId: first.video.id }, {});
    expect((await a.handlers['video.open'](elsewhere, here)).candidates.map((p) => p.videoId)).toEqual([VIDEO]);
  });

  it('refuses to export nothing, with a message that says what to do', async () => {
    const a = installation(athlete);
    await a.handlers['video.open'](facts, sender);
    await expect(a.handlers['packet.export']({ videoId: VIDEO, kind: 'reply' }, {})).rejects.toThrow(/Nothing to send back yet/);
    await expect(a.handlers['packet.export']({ videoId: 'youtube:nothing' }, {})).rejects.toThrow(/nothing about this video/);
  });

  it('a refused packet leaves the database exactly as it was', async () => {
    const c = await coachWithReview();
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    await annotate(a, [newComment({ videoId: VIDEO, time: 2, frame: 50, text: 'mine', author: athlete, id: 'mine' })]);
    // The coach's next packet carries a forged edit of the athlete's comment.
    const mine = (await a.handlers['annotations.list']({ videoId: VIDEO }, {})).find((r) => r.id === 'mine')!;
    await c.handlers['packet.import']({ text: (await a.handlers['packet.export']({ videoId: VIDEO, kind: 'reply' }, {})).text }, {});
    const forged = mutate(mine as CommentAnnotation, { text: 'forged by the coach' });
    const db = await c.handlers['annotations.list']({ videoId: VIDEO }, {});
    expect(db.some((r) => r.id === 'mine')).toBe(true);
    const { store } = await (await import('./storage-fixtures')).freshStore(c.factory);
    await store.putAnnotations([forged]); // what a tampered coach database would hold
    store.close();
    const text = (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text;
    const before = await dump(a.factory);
    const answer = await a.handlers['packet.import']({ text }, {});
    expect(answer).toEqual({ ok: false, problem: expect.stringMatching(/would add or change 1 comment in your name/) });
    expect(await dump(a.factory)).toBe(before);
  });
});

describe('what a hostile packet can’t do', () => {
  /** A packet made and signed by someone with a key of their own, saying whatever they like. */
  async function crafted(records: Annotation[], sender: { id: string; name: string }, overrides: Partial<PacketDraft> = {}) {
    return (await writePacket(draft(records, { sender: { ...sender, role: 'coach' }, ...overrides }), await newSigner())).text;
  }

  it('can’t add records in the importer’s name (nor plant their acknowledgement)', async () => {
    const c = await coachWithReview();
    const before = await dump(c.factory);
    const forged = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'FORGED', author: coach, id: 'forged-1' });
    const answer = await c.handlers['packet.import']({ text: await crafted([forged], { id: 'mallory', name: 'Mallory' }) }, {});
    expect(answer).toEqual({ ok: false, problem: expect.stringMatching(/1 new comment in your name/) });
    expect(await dump(c.factory)).toBe(before);
    // An acknowledgement in the athlete's name, made by someone else, is no acknowledgement.
    const a = installation(athlete);
    const planted = { ...newAck({ id: 'c1', videoId: VIDEO, time: 0.48, frame: 12 }, { id: 'mallory', name: 'Mallory' }), id: 'ack:c1:athlete-1' };
    expect(await a.handlers['packet.import']({ text: await crafted([planted], { id: 'mallory', name: 'Mallory' }) }, {})).toMatchObject({ ok: false });
  });

  it('can’t change or delete someone else’s records: a stranger’s edit of the coach’s comment is left out', async () => {
    const c = await coachWithReview();
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    const c1 = (await a.handlers['annotations.list']({ videoId: VIDEO }, {})).find((r) => r.id === 'c1')!;
    const edited = mutate(c1 as CommentAnnotation, { text: 'Buy my course' }, Date.now() + 1);
    const answer = ok(await a.handlers['packet.import']({ text: await crafted([edited, remove(c1, Date.now() + 1)].slice(0, 1), { id: 'mallory', name: 'Club news' }) }, {}));
    expect(answer.skipped).toEqual(['1 record written by others than Club news left out: only a packet from its author can add or change it']);
    expect((await a.handlers['annotations.list']({ videoId: VIDEO }, {})).find((r) => r.id === 'c1')).toMatchObject({ text: c1.kind === 'comment' ? c1.text : '' });
  });

  it('can’t speak for a sender with another key: the first key seen from an author is theirs', async () => {
    const c = await coachWithReview();
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: (await c.handlers['packet.export']({ videoId: VIDEO }, {})).text }, {}));
    const c1 = (await a.handlers['annotations.list']({ videoId: VIDEO }, {})).find((r) => r.id === 'c1')!;
    const before = await dump(a.factory);
    const answer = await a.handlers['packet.import']({ text: await crafted([mutate(c1 as CommentAnnotation, { text: 'x' }, Date.now() + 1)], coach) }, {});
    expect(answer).toEqual({ ok: false, problem: expect.stringMatching(/signed with another key than their earlier packets/) });
    expect(await dump(a.factory)).toBe(before);
  });

  it('can’t take over a sender’s inbox entry by reusing their packet id', async () => {
    const c = await coachWithReview();
    const a = installation(athlete);
    const review = await c.handlers['packet.export']({ videoId: VIDEO, message: 'Real message' }, {});
    ok(await a.handlers['packet.import']({ text: review.text }, {}));
    const stranger = newComment({ videoId: 'youtube:aaaaaaaaaaa', time: 1, frame: 25, text: 'spam', author: { id: 'mallory', name: 'Mallory' }, id: 'spam-1' });
    ok(await a.handlers['packet.import']({ text: await crafted([stranger], { id: 'mallory', name: 'Mallory' }, { id: review.packetId, revision: 1_000_000, message: 'EVIL', video: { ...draft().video, id: 'youtube:aaaaaaaaaaa' } }) }, {}));
    const inbox = await a.handlers['packets.list']({}, {});
    expect(inbox.find((e) => e.sender.id === coach.id)).toMatchObject({ message: 'Real message', videoId: VIDEO });
    expect(inbox.find((e) => e.sender.id === 'mallory')).toMatchObject({ message: 'EVIL' });
  });
});
