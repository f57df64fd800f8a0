import { describe, expect, it } from 'vitest';
import { newComment } from '../../utils/model/create';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation, CommentAnnotation } from '../../utils/model/types';
import { planImport, type Category, type Change, type PlanContext } from '../../utils/packets/plan';
import { VIDEO, athlete, athleteReply, coach, coachRecords } from './packet-fixtures';

const fromPacket = <A extends Annotation>(r: A): A => ({ ...r, source: { kind: 'packet', packetId: 'p' } });
/** The athlete importing the coach's packet, and the coach importing the athlete's. */
const atAthlete: PlanContext = { me: athlete, sender: coach, own: false, senderKeyKnown: true };
const atCoach: PlanContext = { me: coach, sender: athlete, own: false, senderKeyKnown: true };
const ownPacket: PlanContext = { me: coach, sender: coach, own: true, senderKeyKnown: true };
const stored = (...records: Annotation[]) => new Map(records.map((r) => [r.id, r]));
const c1 = () => coachRecords().find((r) => r.id === 'c1')!;

describe('planImport on the athlete’s machine', () => {
  it('a first import: everything new, tombstones of never-seen records written but not counted', () => {
    const records = coachRecords().map(fromPacket);
    const plan = planImport(records, stored(), atAthlete);
    expect(plan.problem).toBeNull();
    expect(plan.writes).toHaveLength(records.length);
    expect(plan.counts.comments.new).toBe(3);
    expect(plan.counts.replies.new).toBe(1);
    expect(plan.counts.drawings.new).toBe(3); // the deleted rectangle is not counted
    expect(plan.unread).toHaveLength(7);
  });

  it('the same packet again changes nothing', () => {
    const records = coachRecords().map(fromPacket);
    const plan = planImport(records, stored(...records), atAthlete);
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
    const plan = planImport([incoming], stored(here), atAthlete);
    expect(plan.problem).toBeNull();
    expect(plan.counts[category][expected]).toBe(1);
    expect(plan.writes).toEqual(expected === 'older' ? [] : [incoming]);
  });
});

describe('planImport on the coach’s machine (a reply packet)', () => {
  it('replies and acknowledgements are new and unread', () => {
    const plan = planImport(athleteReply().map(fromPacket), stored(...coachRecords()), atCoach);
    expect(plan.problem).toBeNull();
    expect(plan.counts.acknowledgements.new).toBe(1);
    expect(plan.counts.replies.new).toBe(1);
    expect(plan.unread).toEqual(['ack:c1:athlete-1', 'r1']);
  });

  it('the coach’s own records coming back unchanged are fine', () => {
    const mine = coachRecords();
    expect(planImport(mine.map(fromPacket), stored(...mine), atCoach).problem).toBeNull();
  });
});

describe('planImport refuses the whole packet', () => {
  const cases: [string, Annotation[], Map<string, Annotation>, RegExp][] = [
    [
      'when it would change something the importing user wrote',
      [fromPacket(mutate(c1() as CommentAnnotation, { text: 'forged' }, 9_000))],
      stored(c1()),
      /would add or change 1 comment in your name\. Only you change what you wrote/,
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
    const plan = planImport(incoming, here, atCoach);
    expect(plan.problem).toMatch(expected);
    expect(plan.writes).toEqual([]);
  });

  it('names both kinds when several of the user’s records would change', () => {
    const mine = coachRecords().filter((r) => !r.deleted);
    const plan = planImport(mine.map((r) => fromPacket(mutate(r, { deleted: true }, 9_000))), stored(...mine), atCoach);
    expect(plan.problem).toMatch(/4 comments in your name and 3 drawings in your name/);
  });

  it('an unrelated new comment by the importer (their own, coming back) is accepted', () => {
    const mine = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'restored', author: coach, id: 'z', now: 1 });
    expect(planImport([fromPacket(mine)], stored(), ownPacket).counts.comments.new).toBe(1);
  });

  it('…but from someone else’s packet, a new record in the importer’s name is refused', () => {
    const forged = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'FORGED', author: coach, id: 'forged-1', now: 1 });
    expect(planImport([fromPacket(forged)], stored(), atCoach).problem).toMatch(/would add or change 1 new comment in your name/);
  });
});

describe('planImport: only the sender adds or changes their records', () => {
  it('a packet carrying the coach’s comment, changed, from a third party: left out, nothing written', () => {
    const c1 = fromPacket(coachRecords().find((r) => r.id === 'c1')!);
    const changed = fromPacket(mutate(c1 as CommentAnnotation, { text: 'edited by a stranger' }, 9_000));
    const stranger = { id: 'stranger', name: 'Club news' };
    const plan = planImport([changed, remove(c1, 9_000)].slice(0, 1), stored(c1), { me: athlete, sender: stranger, own: false, senderKeyKnown: true });
    expect(plan.problem).toBeNull();
    expect(plan.writes).toEqual([]);
    expect(plan.leftOut).toEqual(['1 record written by others than Club news left out: only a packet from its author can add or change it']);
  });

  it('records by others that are here already count as unchanged (a review carries the athlete’s replies back)', () => {
    const reply = fromPacket(athleteReply()[1]!);
    const plan = planImport([reply], stored(reply), atAthlete);
    expect(plan).toMatchObject({ problem: null, writes: [], leftOut: [] });
    expect(plan.counts.replies.unchanged).toBe(1);
  });

  it('signed with another key than the sender’s earlier packets: refused', () => {
    const plan = planImport(coachRecords().map(fromPacket), stored(), { ...atAthlete, senderKeyKnown: false });
    expect(plan.problem).toMatch(/signed with another key than their earlier packets/);
  });

  it('claiming to come from the importer without their key: refused', () => {
    const plan = planImport([], stored(), { me: coach, sender: coach, own: false, senderKeyKnown: true });
    expect(plan.problem).toMatch(/says it comes from you, but it is not signed with your key/);
  });

  it('a record attached from another address counts as the same video', () => {
    const reply = fromPacket(athleteReply()[1]!);
    const here = { ...reply, videoId: 'url:https://club.example/run' };
    const same = (a: string, b: string) => a === b || (a === VIDEO && b === here.videoId) || (a === here.videoId && b === VIDEO);
    expect(planImport([reply], stored(here), { ...atAthlete, sameVideo: same }).problem).toBeNull();
    expect(planImport([reply], stored(here), atAthlete).problem).toMatch(/another video/);
  });
});
