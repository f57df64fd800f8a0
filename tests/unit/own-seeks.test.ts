/** Our seeks' `seeking` events told from the page's (utils/player/own-seeks.ts). */
import { describe, expect, it } from 'vitest';
import { ownSeeks } from '../../utils/player/own-seeks';

describe('own seeks', () => {
  it('each seek of ours, its event in turn: ours; a seek of the page: not', () => {
    const o = ownSeeks();
    o.aimed(0.05);
    expect(o.seeking(0.05)).toBe(true);
    expect(o.seeking(0.05)).toBe(false); // a second event at the same place with none owed: the page's
    o.aimed(1.2);
    expect(o.seeking(0.7)).toBe(false); // the page moved it before our event came
  });

  it('two seeks of ours whose events come only after both were set (Gecko under load): both ours', () => {
    // The first-run tour's first `.` in Firefox beside another copy: the probe's seek back to 0
    // was announced and the step sought 0.05 before either `seeking` was fired.
    const o = ownSeeks();
    o.aimed(0);
    o.aimed(0.05);
    expect(o.seeking(0.05)).toBe(true);
    expect(o.seeking(0.05)).toBe(true);
    // Nothing owed now: the page's next seek is the page's.
    expect(o.seeking(0.05)).toBe(false);
  });

  it('the page seeks after ours: what ours still owed is not taken for ours later', () => {
    const o = ownSeeks();
    o.aimed(0.5);
    expect(o.seeking(2)).toBe(false); // our event, the video already at the page's target
    expect(o.seeking(2)).toBe(false); // the page's own event
    o.aimed(0.5);
    expect(o.seeking(0.5)).toBe(true);
    expect(o.seeking(0.5)).toBe(false);
  });
});
