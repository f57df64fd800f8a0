/**
 * Ids for new records come from `getRandomValues`, which exists in every context (a content
 * script on a plain-http page has no `crypto.randomUUID`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newComment } from '../../utils/model/create';
import { newId } from '../../utils/model/new-id';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('newId', () => {
  it('is a version-4 UUID, different each time', () => {
    const ids = Array.from({ length: 2000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('works where crypto.randomUUID does not exist (an insecure context), as a new comment needs', () => {
    const { getRandomValues } = crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(crypto) });
    expect((crypto as Partial<Crypto>).randomUUID).toBeUndefined();
    const c = newComment({ videoId: 'v', time: 1, frame: 30, text: 'Knee', author: { id: 'a', name: 'Coach' } });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
