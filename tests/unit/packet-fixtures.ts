/** Shared by the packet tests: a coach's review of one video, signed by a fresh key. */
import { newAck, newComment, newDrawing } from '../../utils/model/create';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation } from '../../utils/model/types';
import { newSigner, type Signer } from '../../utils/packets/crypto';
import type { PacketDraft } from '../../utils/packets/write';

export const coach = { id: 'coach-1', name: 'Coach Ana' };
export const athlete = { id: 'athlete-1', name: 'Sam' };
export const VIDEO = 'youtube:dQw4w9WgXcQ';
const p = (x: number, y: number) => ({ x, y });

/** Frame and range comments, a reply, a resolved comment, an angle, a line, a stopwatch, a tombstone. */
export function coachRecords(): Annotation[] {
  const c1 = newComment({ videoId: VIDEO, time: 0.48, frame: 12, text: 'Land under the hip <b>here</b>', author: coach, id: 'c1', now: 1_000 });
  const range = newComment({ videoId: VIDEO, time: 1.2, frame: 30, endTime: 1.6, endFrame: 40, text: 'Arms, "relaxed", quiet', author: coach, id: 'c2', now: 1_001 });
  const resolved = mutate(newComment({ videoId: VIDEO, time: 2, frame: 50, text: 'Head up', author: coach, id: 'c3', now: 1_002 }), { resolved: true }, 1_003);
  const reply = newComment({ videoId: VIDEO, time: 0.48, frame: 12, text: 'and keep the shin vertical', author: coach, parentId: 'c1', id: 'c4', now: 1_004 });
  const angle = { ...newDrawing({ videoId: VIDEO, time: 0.48, frame: 12, shape: { tool: 'angle', a: p(0.4, 0.2), vertex: p(0.45, 0.6), b: p(0.7, 0.65) }, author: coach, id: 'd1', now: 1_005 }), commentId: 'c1' };
  const line = newDrawing({ videoId: VIDEO, time: 1.2, frame: 30, shape: { tool: 'line', from: p(0.1, 0.9), to: p(0.9, 0.9) }, author: coach, id: 'd2', now: 1_006 });
  const stopwatch = newDrawing({ videoId: VIDEO, time: 0.4, frame: 10, shape: { tool: 'stopwatch', at: p(0.5, 0.1), marks: [{ time: 0.4, frame: 10 }, { time: 0.6, frame: 15 }] }, author: coach, id: 'd3', now: 1_007 });
  const gone = remove(newDrawing({ videoId: VIDEO, time: 3, frame: 75, shape: { tool: 'rect', from: p(0.2, 0.2), to: p(0.3, 0.3) }, author: coach, id: 'd4', now: 1_008 }), 1_009);
  return [c1, range, resolved, reply, angle, line, stopwatch, gone];
}

export function athleteReply(): Annotation[] {
  return [
    newAck({ id: 'c1', videoId: VIDEO, time: 0.48, frame: 12 }, athlete, 2_000),
    newComment({ videoId: VIDEO, time: 1.2, frame: 30, text: 'Why quiet?', author: athlete, parentId: 'c2', id: 'r1', now: 2_001 }),
  ];
}

export function draft(records: readonly Annotation[] = coachRecords(), overrides: Partial<PacketDraft> = {}): PacketDraft {
  return {
    id: 'packet-1',
    revision: 1,
    kind: 'review',
    inReplyTo: null,
    createdAt: 1_700_000_000_000,
    sender: { ...coach, role: 'coach' },
    recipient: 'Sam',
    message: 'This week: land under the hip',
    video: { id: VIDEO, pageUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'youtube', title: 'Stride', duration: 12.5, fps: 25, width: 1280, height: 720 },
    records,
    ...overrides,
  };
}

let cached: Signer | null = null;
export async function signer(): Promise<Signer> {
  cached ??= await newSigner();
  return cached;
}
