/** The background checks what every request carries before a handler sees it. */
import { describe, expect, it, vi } from 'vitest';
import { ARG_SHAPES, argsProblem } from '../../utils/messaging/arg-shapes';
import { createMessageListener, type Handlers } from '../../utils/messaging/server';

const request = (type: string, args: unknown) => ({ framecoach: 1, type, args });

describe('request arguments', () => {
  const save = vi.fn(async () => ({ stored: {}, accepted: true }));
  const handlers = { 'annotation.save': save, 'video.show': vi.fn(async () => ({ opened: true, url: 'x' })) } as unknown as Handlers;
  const listen = createMessageListener(handlers);

  it('a request with what it must carry reaches its handler', async () => {
    await expect(listen(request('annotation.save', { annotation: { id: 'a' } }), {})).resolves.toMatchObject({ ok: true });
    await expect(listen(request('video.show', { videoId: 'youtube:x' }), {})).resolves.toMatchObject({ ok: true }); // time may be left out
    expect(save).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['annotation.save', null, 'the request must carry an object'],
    ['annotation.save', [], 'the request must carry an object'],
    ['annotation.save', {}, 'annotation must be an object'],
    ['annotation.save', { annotation: 'x' }, 'annotation must be an object'],
    ['video.show', { videoId: 5 }, 'videoId must be text'],
    ['video.show', { videoId: 'v', time: 'soon' }, 'time must be a number or null'],
    ['video.show', { videoId: 'v', time: NaN }, 'time must be a number or null'],
  ])('%s with %j is refused, naming the field, and the handler never runs', async (type, args, problem) => {
    save.mockClear();
    const reply = await listen(request(type, args), {});
    expect(reply).toMatchObject({ ok: false, code: 'invalid' });
    expect((reply as { error: string }).error).toContain(problem);
    expect(save).not.toHaveBeenCalled();
  });

  it('names that are no request (inherited keys) are not answered', () => {
    expect(listen(request('constructor', {}), {})).toBeUndefined();
    expect(listen(request('toString', {}), {})).toBeUndefined();
  });

  it('every request type has a shape, and no shape is for an unknown type', () => {
    for (const [type, spec] of Object.entries(ARG_SHAPES)) {
      for (const want of Object.values(spec)) expect(want, `${type}`).toMatch(/^(string|number|boolean|object|array|null)(\|(string|number|boolean|object|array|null))*\??$/);
    }
    expect(argsProblem('settings.get', {})).toBeNull();
  });
});
