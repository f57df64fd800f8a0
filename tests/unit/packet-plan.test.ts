import { describe, expect, it } from 'vitest';
import { newComment } from '../../utils/model/create';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation, CommentAnnotation } from '../../utils/model/types';
import { planImport, type Category, type Change } from '../../utils/packets/plan';
import { VIDEO, athlete, athleteReply, coach, coachRecords } from './packet-fixtures';

const fromPacket = <A extends Annotation>(r: A): A => ({ ...r, source: { kind: 'packet', packetId: 'p' } });
const stored = (...records: Annotation[]) => new Map(records.map((r) => [r.id, r]));
const c1 = () => coachRecords().find((r) => r.id === 'c1')!;

describe('planImport on the athlete’s machine', () => {
  it('a first import: everything new, tombstones of never-seen records written but not counted', () => {
    const records = coachRecords().map(fromPacket);
    const plan = planImport(records, stored(), athlete);
    expect(plan.problem).toBeNull();
    expect(plan.writes).toHaveLength(records.length);
    expect(plan.counts.comments.new).toBe(3);
    expect(plan.counts.replies.new).toBe(1);
    expect(plan.counts.drawings.new).toBe(3); // the deleted rectangle is not counted
    expect(plan.unread).toHaveLength(7);
  });

  it('the same packet again changes nothing', () => {
    const records = coachRecords().map(fromPacket);
    const plan = planImport(records, stored(...records), athlete);
    expect(plan.writes).toEqual([]);
    expect(plan.counts.comments.unchanged).toBe(3);
    expect(plan.unread).toEqual([]);
  });

  const table: [string, (here: Annotation) => Annotation, Category, Change][] = [
    ['an edited comment is updated', (here) => mutate(here as CommentAnnotation, { text: 'Land *under* the hip' }, 5_000), 'comments', 'updated'],
    ['a deleted comment is removed', (here) => remove(here, 5_000), 'comments', 'removed'],
    ['an older version than here is kept as here', (here) => ({ ...here, version: 0 }) as Annotation, 'comments', 'older'],
  ];
  it.each(table)('%s', (_, change, category, expected) => {
    const here = fromPacket(c1());
    const incoming = fromPacket(change(here));
    const plan = planImport([incoming], stored(here), athlete);
    expect(plan.problem).toBeNull();
    expect(plan.counts[category][expected]).toBe(1);
    expect(plan.writes).toEqual(expected === 'older' ? [] : [incoming]);
  });
});

describe('planImport on the coach’s machine (a reply packet)', () => {
  it('replies and acknowledgements are new and unread', () => {
    const plan = planImport(athleteReply().map(fromPacket), stored(...coachRecords()), coach);
    expect(plan.problem).toBeNull();
    expect(plan.counts.acknowledgements.new).toBe(1);
    expect(plan.counts.replies.new).toBe(1);
    expect(plan.unread).toEqual(['ack:c1:athlete-1', 'r1']);
  });

  it('the coach’s own records coming back unchanged are fine', () => {
    const mine = coachRecords();
    expect(planImport(mine.map(fromPacket), stored(...mine), coach).problem).toBeNull();
  });
});

describe('planImport refuses the whole packet', () => {
  const cases: [string, Annotation[], Map<string, Annotation>, RegExp][] = [
    [
      'when it would change something the importing user wrote',
      [fromPacket(mutate(c1() as CommentAnnotation, { text: 'forged' }, 9_000))],
      stored(c1()),
      /would change 1 of your own comment\. Only you change what you wrote/,
    ],
    [
      'when it reuses an id for another kind of record',
      [fromPacket({ ...coachRecords().find((r) => r.kind === 'drawing')!, id: 'c1' })],
      stored(c1()),
      /reuses the id of a comment for a drawing/,
    ],
    [
      'when it reuses an id of a record on another video',
      [fromPacket({ ...c1(), videoId: 'url:https://example.com/' })],
      stored(c1()),
      /reuses the id of a record on another video/,
    ],
    [
      'when it claims someone else wrote an existing record',
      [fromPacket({ ...mutate(c1() as CommentAnnotation, { text: 'x' }, 9_000), author: athlete } as Annotation)],
      stored(c1()),
      /claims Sam wrote a comment that Coach Ana wrote/,
    ],
  ];
  it.each(cases)('%s', (_, incoming, here, expected) => {
    const plan = planImport(incoming, here, coach);
    expect(plan.problem).toMatch(expected);
    expect(plan.writes).toEqual([]);
  });

  it('names both kinds when several of the user’s records would change', () => {
    const mine = coachRecords().filter((r) => !r.deleted);
    const plan = planImport(mine.map((r) => fromPacket(mutate(r, { deleted: true }, 9_000))), stored(...mine), coach);
    expect(plan.problem).toMatch(/4 of your own comments and 3 of your own drawings/);
  });

  it('an unrelated new comment by the importer (their own, coming back) is accepted', () => {
    const mine = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'restored', author: coach, id: 'z', now: 1 });
    expect(planImport([fromPacket(mine)], stored(), coach).counts.comments.new).toBe(1);
  });
});
