/**
 * Backups through the background's handlers: everything out to one file and back in, on a
 * fresh installation (the coach's new machine) and over newer work (merged by id and
 * version, nothing newer undone); a bad file changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { mutate } from '../../utils/model/mutate';
import type { Annotation, CommentAnnotation } from '../../utils/model/types';
import type { RestoreAnswer } from '../../utils/messaging/contract';
import { readBackup } from '../../utils/backup/format';
import { backupDue } from '../../utils/library/backup-due';
import { VIDEO, athlete, coach, coachRecords } from './packet-fixtures';
import { dump, installation, type Installation } from './packet-service-fixtures';

const facts = { frameUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', src: 'blob:https://www.youtube.com/x', title: 'Stride', duration: 12.5, fps: 25, width: 1280, height: 720 };
const sender = { tabUrl: facts.frameUrl };

async function coachWithWork(): Promise<Installation> {
  const c = installation(coach);
  await c.handlers['video.open'](facts, sender);
  for (const r of coachRecords()) await c.handlers['annotation.save']({ annotation: r }, {});
  await c.handlers['settings.setDrawingDefaults']({ color: '#3fd0ff', width: 6 }, {});
  await c.handlers['settings.setKeybindings']({ rules: [{ key: 'n', command: 'frame.next' }] }, {});
  return c;
}

const ok = (answer: RestoreAnswer) => {
  if (!answer.ok) throw new Error(answer.problem);
  return answer;
};
const everything = async (i: Installation) => (await i.handlers['annotations.list']({ videoId: VIDEO }, {})).map((a) => ({ ...a })).sort((a, b) => a.id.localeCompare(b.id));
const total = (answer: Extract<RestoreAnswer, { ok: true }>, change: 'new' | 'updated' | 'unchanged' | 'older' | 'removed') =>
  Object.values(answer.counts).reduce((n, c) => n + c[change], 0);

describe('a backup restored on a new machine', () => {
  it('brings back every record, the video, the outbox, the settings, and the coach who can edit and sign as before', async () => {
    const c = await coachWithWork();
    const review = await c.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam' }, {});
    const file = await c.handlers['backup.export']({}, {});
    expect(file.filename).toMatch(/^framecoach-backup-\d{4}-\d\d-\d\d\.json$/);
    expect(file.keyIncluded).toBe(true);

    // The new machine: another random author, nothing written yet.
    const fresh = installation({ id: 'new-machine', name: 'Coach' });
    await fresh.handlers['packets.list']({}, {}); // opens the (empty) database
    const before = await dump(fresh.factory);
    const preview = ok(await fresh.handlers['backup.preview']({ text: file.text }, {}));
    expect(preview).toMatchObject({ author: 'Coach Ana', identity: 'adopt', takesKey: true, videos: 1, packets: 1 });
    expect(total(preview, 'new')).toBe(7); // the tombstone is kept but not counted
    expect(await dump(fresh.factory)).toBe(before); // a preview writes nothing

    ok(await fresh.handlers['backup.restore']({ text: file.text }, {}));
    expect(await everything(fresh)).toEqual(await everything(c));
    const settings = await fresh.handlers['settings.get']({}, {});
    expect(settings.author).toEqual(coach);
    expect(settings.drawing).toMatchObject({ color: '#3fd0ff', width: 6 });
    expect(settings.keybindings).toEqual([{ key: 'n', command: 'frame.next' }]);
    expect((await fresh.handlers['video.open'](facts, sender)).video).toMatchObject({ fps: 25, width: 1280 });

    // Their own comment is theirs to edit.
    const c1 = (await everything(fresh)).find((a) => a.id === 'c1') as CommentAnnotation;
    const edited = await fresh.handlers['annotation.save']({ annotation: mutate(c1, { text: 'Land under the hip, now' }, Date.now()) }, {});
    expect(edited.accepted).toBe(true);

    // The next revision of the review, sent from the new machine, is accepted by the athlete
    // who took the first one from the old machine: the same key signs it.
    const a = installation(athlete);
    ok(await a.handlers['packet.import']({ text: review.text }, {}) as never);
    const next = await fresh.handlers['packet.export']({ videoId: VIDEO, recipient: 'Sam' }, {});
    expect(next.revision).toBe(2);
    const imported = await a.handlers['packet.import']({ text: next.text }, {});
    expect(imported).toMatchObject({ ok: true, senderStatus: 'same' });
  });

  it('restoring the same backup twice changes nothing the second time', async () => {
    const file = await (await coachWithWork()).handlers['backup.export']({}, {});
    const fresh = installation({ id: 'new-machine', name: 'Coach' });
    ok(await fresh.handlers['backup.restore']({ text: file.text }, {}));
    const once = await dump(fresh.factory);
    const again = ok(await fresh.handlers['backup.restore']({ text: file.text }, {}));
    expect(total(again, 'new') + total(again, 'updated')).toBe(0);
    expect(again.identity).toBe('same');
    // Only the videos' last-seen time may move; every record is as it was.
    expect(await everything(fresh)).toEqual(JSON.parse(once).annotations.sort((x: Annotation, y: Annotation) => x.id.localeCompare(y.id)));
  });
});

describe('a backup restored over newer work', () => {
  it('merges by id and version: newer edits and deletions here stay, what only the backup has comes back', async () => {
    const c = await coachWithWork();
    const file = await c.handlers['backup.export']({}, {});
    const [c1, c2] = (await everything(c)) as CommentAnnotation[];
    // After the backup: c1 edited, c2 deleted.
    await c.handlers['annotation.save']({ annotation: mutate(c1!, { text: 'edited after the backup' }, Date.now()) }, {});
    await c.handlers['annotation.save']({ annotation: { ...mutate(c2!, { text: c2!.text }, Date.now()), deleted: true, version: c2!.version + 1 } }, {});
    const now = await everything(c);
    const answer = ok(await c.handlers['backup.restore']({ text: file.text }, {}));
    expect(answer.identity).toBe('same');
    expect(total(answer, 'older')).toBe(2);
    expect(total(answer, 'new')).toBe(0);
    expect(await everything(c)).toEqual(now);
  });

  it("another coach's backup on an installation with its own work: their records come back read-only, the author here stays", async () => {
    const other = await coachWithWork();
    const file = await other.handlers['backup.export']({}, {});
    const me = installation(athlete);
    await me.handlers['video.open'](facts, sender);
    const [, reply] = coachRecords();
    await me.handlers['annotation.save']({ annotation: { ...reply!, id: 'mine', author: athlete } }, {});
    const answer = ok(await me.handlers['backup.restore']({ text: file.text }, {}));
    expect(answer).toMatchObject({ identity: 'other', takesKey: false });
    expect(answer.summary.join(' ')).toContain('read-only');
    expect((await me.handlers['settings.get']({}, {})).author).toEqual(athlete);
    const c1 = (await everything(me)).find((a) => a.id === 'c1') as CommentAnnotation;
    await expect(me.handlers['annotation.save']({ annotation: mutate(c1, { text: 'not mine' }, Date.now()) }, {})).rejects.toMatchObject({ code: 'readonly' });
  });
});

describe('a bad backup file', () => {
  it.each([
    ['cut short', '{"type": "framecoach-backup", "videos": [', /ends too early/],
    ['not JSON', '{type: backup}', /not valid JSON/],
    ['a packet', '{"type":"framecoach-packet","format":1}', /feedback packet, not a backup/],
    ['a newer format', '{"type":"framecoach-backup","format":9}', /newer FrameCoach/],
    ['something else', '[1,2,3]', /not a FrameCoach backup/],
    ['empty', '  ', /empty/],
  ])('%s is refused with a message', (_name, text, message) => {
    const read = readBackup(text);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(message);
  });

  it('names the record that is wrong, and changes nothing', async () => {
    const file = await (await coachWithWork()).handlers['backup.export']({}, {});
    const raw = JSON.parse(file.text);
    raw.annotations[3].time = -5;
    const fresh = installation({ id: 'new-machine', name: 'Coach' });
    await fresh.handlers['packets.list']({}, {});
    const before = await dump(fresh.factory);
    const answer = await fresh.handlers['backup.restore']({ text: JSON.stringify(raw) }, {});
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.problem).toMatch(new RegExp(`record|Comment 4 "${raw.annotations[3].id}".*time`));
    expect(await dump(fresh.factory)).toBe(before);
    expect((await fresh.handlers['settings.get']({}, {})).author.id).toBe('new-machine');
  });

  it('a signing key that does not match its public part is refused', async () => {
    const withKey = async () => {
      const c = await coachWithWork();
      await c.handlers['packet.export']({ videoId: VIDEO }, {});
      return JSON.parse((await c.handlers['backup.export']({}, {})).text);
    };
    const raw = await withKey();
    raw.signingKey.publicKey = (await withKey()).signingKey.publicKey;
    const fresh = installation({ id: 'new-machine', name: 'Coach' });
    const answer = await fresh.handlers['backup.restore']({ text: JSON.stringify(raw) }, {});
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.problem).toMatch(/signing key/);
  });
});

describe('when the last backup was made', () => {
  it('counts the changes since, and starts over after a backup', async () => {
    const c = await coachWithWork();
    expect(await c.handlers['backup.status']({}, {})).toEqual({ lastAt: null, changes: coachRecords().length });
    const file = await c.handlers['backup.export']({}, {});
    expect((await c.handlers['backup.status']({}, {})).changes).toBe(0);
    expect((await c.handlers['backup.status']({}, {})).lastAt).toBe(JSON.parse(file.text).createdAt);
    const c1 = (await everything(c))[0]!;
    await new Promise((r) => setTimeout(r, 2));
    await c.handlers['annotation.save']({ annotation: mutate(c1, { time: c1.time + 0.04 } as never, Date.now()) }, {});
    expect((await c.handlers['backup.status']({}, {})).changes).toBe(1);
  });
});

describe('the library asks for a backup after a lot of new work', () => {
  it.each([
    [null, 0, false],
    [null, 4, false],
    [null, 5, true],
    [1_000, 19, false],
    [1_000, 20, true],
  ] as const)('last backup %s, %d changes since: asks %s', (lastAt, changes, due) => {
    expect(backupDue({ lastAt, changes })).toBe(due);
  });
  it('not before the status is known', () => expect(backupDue(null)).toBe(false));
});
