import { describe, expect, it } from 'vitest';
import { unsteppableReason, type VideoStatusInput } from '../../utils/player/video-status';

const ok: VideoStatusInput = { error: null, duration: 60, readyState: 4 };

describe('unsteppableReason', () => {
  it.each([
    ['a loaded recorded video', {}],
    ['readyState 2 (current data)', { readyState: 2 }],
    ['readyState 3', { readyState: 3 }],
    ['unknown duration (NaN) but a frame shown', { duration: NaN }],
    ['zero duration', { duration: 0 }],
  ] as [string, Partial<VideoStatusInput>][])('%s → null', (_, patch) => {
    expect(unsteppableReason({ ...ok, ...patch })).toBeNull();
  });

  it.each([
    ['aborted', { error: { code: 1 } }, /can't be played \(loading was stopped\)/],
    ['network', { error: { code: 2 } }, /\(a network error interrupted it\)/],
    ['decode', { error: { code: 3 } }, /\(it could not be decoded\)/],
    ['unsupported', { error: { code: 4 } }, /\(its format or source is not supported\)/],
    ['an unknown error code', { error: { code: 99 } }, /\(error 99\)/],
    ['error code 0', { error: { code: 0 } }, /\(error 0\)/],
    ['live stream', { duration: Infinity }, /^Live stream/],
    ['no data yet', { readyState: 0 }, /^Waiting for the first frame/],
    ['metadata only', { readyState: 1 }, /^Waiting for the first frame/],
  ] as [string, Partial<VideoStatusInput>, RegExp][])('%s', (_, patch, expected) => {
    expect(unsteppableReason({ ...ok, ...patch })).toMatch(expected);
  });

  it.each([
    // The most fundamental reason wins.
    ['an error before live', { error: { code: 2 }, duration: Infinity }, /network error/],
    ['an error before loading', { error: { code: 4 }, readyState: 0 }, /not supported/],
    ['live before loading', { duration: Infinity, readyState: 0 }, /^Live stream/],
  ] as [string, Partial<VideoStatusInput>, RegExp][])('%s', (_, patch, expected) => {
    expect(unsteppableReason({ ...ok, ...patch })).toMatch(expected);
  });

  it('every error reason says stepping is unavailable', () => {
    for (const code of [1, 2, 3, 4, 5]) {
      expect(unsteppableReason({ ...ok, error: { code } })).toMatch(/frame stepping is unavailable\.$/);
    }
  });
});
