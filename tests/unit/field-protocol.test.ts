import { describe, expect, it } from 'vitest';
import { isHello, mergeField } from '../../utils/dom/field-protocol';

describe('the private field: merging a change from outside with what was typed in it', () => {
  it('takes the new value when nothing was typed in the field since', () => {
    expect(mergeField('first draft', 'second comment', 'first draft')).toBe('second comment');
    expect(mergeField('', 'k', '')).toBe('k');
  });
  it("keeps what was typed in the field after what the overlay holds (type-ahead keys came first)", () => {
    // `kn` reached the page before the frame had the focus, `ee` the field.
    expect(mergeField('ee', 'kn', '')).toBe('knee');
    expect(mergeField('kneeo', 'knee ', 'knee')).toBe('knee o');
    expect(mergeField('kn over', 'kne', 'kn')).toBe('kne over');
  });
  it('keeps the whole field after the value when the field no longer starts with the base', () => {
    expect(mergeField('xyz', 'ab', 'q')).toBe('abxyz');
  });
});

describe('the private field: its hello', () => {
  it('is accepted only with the token in its address', () => {
    expect(isHello({ framecoachField: 't0k' }, 't0k')).toBe(true);
    expect(isHello({ framecoachField: 'other' }, 't0k')).toBe(false);
    expect(isHello({ framecoachField: '' }, '')).toBe(false);
    expect(isHello(null, 't0k')).toBe(false);
    expect(isHello('t0k', 't0k')).toBe(false);
  });
});
