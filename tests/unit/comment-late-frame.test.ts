/**
 * A new comment follows a frame painted late: the check after a pause can find, a moment after
 * the comment's frame settled, that another frame is on screen (seen in Firefox on a busy
 * machine: the comment at F11, F15 on screen). The HUD then shows it, and the comment goes with it,
 * unless something else moved the picture or the moment has passed.
 */
import { describe, expect, it, vi } from 'vitest';
import { attachComments } from '../../utils/comments/feature';
import type { Call } from '../../utils/messaging/client';
import type { Annotation } from '../../utils/model/types';
import type { PlayerSession } from '../../utils/player/session';
import { FPS, author, fakeSession, loadedAnnotations } from './drawing-fixtures';

function setup() {
  const player = fakeSession(11);
  const moves = { count: 0 };
  const session = Object.assign(player.session, { moves: () => moves.count, video: { currentTime: 11 / FPS } }) as PlayerSession;
  const stored = new Map<string, Annotation>();
  const call = (async (type: string, args: { annotation: Annotation }) => {
    if (type !== 'annotation.save') throw new Error(`unexpected ${type}`);
    stored.set(args.annotation.id, args.annotation);
    return { stored: args.annotation, accepted: true };
  }) as unknown as Call;
  const annotations = loadedAnnotations(call, author, 'v1');
  const feature = attachComments(session, { call, annotations, showPanel: () => undefined });
  const editor = () => feature.book.state.get().editor;
  /** The check after the pause finds the frame on screen: busy while it seeks, then the frame. */
  const found = (frame: number) => {
    session.state.set({ busy: true });
    session.state.set({ time: (frame - 2) / FPS });
    session.state.set({ time: frame / FPS, busy: false });
  };
  return { player, session, moves, stored, feature, editor, found };
}

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('a new comment and a frame painted late', () => {
  it('the frame found after the pause settled: the editor moves there (the frames the check sought through do not count)', async () => {
    const { feature, editor, found, session } = setup();
    await feature.add(false);
    await settled();
    expect(editor()).toMatchObject({ frame: 11 });
    feature.book.setDraft('Arms cross');
    found(15);
    expect(editor()).toMatchObject({ time: 15 / FPS, frame: 15, draft: 'Arms cross' });
    // A change while the check is busy is not the frame yet.
    session.state.set({ busy: true, time: 16 / FPS });
    expect(editor()).toMatchObject({ frame: 15 });
  });

  it('saved before the frame was found again: the saved comment moves (an edit), its text kept', async () => {
    const { feature, found, stored } = setup();
    await feature.add(false);
    await settled();
    feature.book.setDraft('Arms cross');
    expect(await feature.book.save()).toBe(true);
    found(15);
    await vi.waitFor(() => expect([...stored.values()]).toMatchObject([{ frame: 15, text: 'Arms cross', version: 2 }]));
  });

  it('a step, a jump or the page moving the picture: the comment stays where it settled', async () => {
    const { feature, editor, found, moves } = setup();
    await feature.add(false);
    await settled();
    moves.count++;
    found(15);
    expect(editor()).toMatchObject({ frame: 11 });
  });

  it('playback again, or the moment over: the comment stays', async () => {
    vi.useFakeTimers();
    try {
      const { feature, editor, found, session, player } = setup();
      await feature.add(false);
      await vi.advanceTimersByTimeAsync(0);
      session.state.set({ paused: false });
      session.state.set({ paused: true });
      found(15);
      expect(editor()).toMatchObject({ frame: 11 });

      feature.book.cancel();
      player.show(15);
      await feature.add(false);
      await vi.advanceTimersByTimeAsync(2000);
      found(20);
      expect(editor()).toMatchObject({ frame: 15 });
    } finally {
      vi.useRealTimers();
    }
  });
});
