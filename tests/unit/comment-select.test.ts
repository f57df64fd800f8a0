import { describe, expect, it } from 'vitest';
import { currentComment, filterComments, playingComment, threads } from '../../utils/comments/select';
import { newComment } from '../../utils/model/create';

const author = { id: 'a', name: 'Coach Kim' };
const at = (time: number, text: string, parentId: string | null = null, id?: string) =>
  newComment({ videoId: 'v', time, frame: Math.round(time * 30), text, author, parentId, id });

const a = at(1, 'Shin angle at foot strike', null, 'a');
const b = at(2, 'Land under the hip', null, 'b');
const r = at(1, 'I fixed it', 'a', 'r');
const list = [a, r, b];

describe('comment views', () => {
  it.each([
    ['', ['a', 'r', 'b']],
    ['HIP', ['b']],
    ['fixed', ['a', 'r']],
    ['kim', ['a', 'r', 'b']],
    ['nothing', []],
  ])('filter %j', (query, ids) => {
    expect(filterComments(list, query).map((c) => c.id)).toEqual(ids);
  });

  it('threads put replies under their comment', () => {
    expect(threads(list, list).map((t) => [t.comment.id, t.replies.map((x) => x.id)])).toEqual([
      ['a', ['r']],
      ['b', []],
    ]);
  });

  it.each([
    [null, null],
    [0.5, null],
    [1, 'a'],
    [1.9, 'a'],
    [2, 'b'],
    [9, 'b'],
  ])('current comment at %s is %s', (time, id) => {
    expect(currentComment(list, time)?.id ?? null).toBe(id);
  });

  it.each([
    [0.5, null],
    [1.2, 'a'],
    [2.2, 'b'],
    [3.4, 'b'],
    [3.6, null],
  ])('during playback at %s the toast shows %s', (time, id) => {
    expect(playingComment(list, time)?.id ?? null).toBe(id);
  });
});
