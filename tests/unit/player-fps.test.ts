import { describe, expect, it } from 'vitest';
import { objectAt, playerAgrees, playerFpsIn } from '../../utils/sites/player-fps';

/** An inline script as a watch page's first load has it (the response, then more code). */
function page(response: unknown, before = 'var ytInitialPlayerResponse = ', after = ';var meta = document.createElement("meta");') {
  return [{ text: 'window.ytcfg = {};' }, { text: before + JSON.stringify(response) + after }];
}
const response = (videoId: string, formats: Array<{ mimeType: string; height?: number; fps?: number }>) => ({
  videoDetails: { videoId, title: 'A stride } with "braces" {' },
  streamingData: { adaptiveFormats: formats },
});

describe("the player's own rate (YouTube's first-load player response)", () => {
  const formats = [
    { mimeType: 'video/mp4; codecs="avc1.640028"', height: 1080, fps: 60 },
    { mimeType: 'video/mp4; codecs="avc1.4d401f"', height: 720, fps: 60 },
    { mimeType: 'video/mp4; codecs="avc1.4d401e"', height: 480, fps: 30 },
    { mimeType: 'audio/mp4; codecs="mp4a.40.2"' },
  ];

  it('gives the rate of the format playing (by picture height)', () => {
    expect(playerFpsIn(page(response('abcdefghijk', formats)), 'abcdefghijk', 720)).toBe(60);
    expect(playerFpsIn(page(response('abcdefghijk', formats)), 'abcdefghijk', 480)).toBe(30);
  });

  it('falls back to the first video format when the height is not listed (no metadata yet)', () => {
    expect(playerFpsIn(page(response('abcdefghijk', formats)), 'abcdefghijk', 0)).toBe(60);
  });

  it('is silent for another video (the page was reached by navigation) and on pages without it', () => {
    expect(playerFpsIn(page(response('abcdefghijk', formats)), 'zzzzzzzzzzz', 720)).toBeNull();
    expect(playerFpsIn([{ text: 'var x = 1;' }], 'abcdefghijk', 720)).toBeNull();
    expect(playerFpsIn(page(response('abcdefghijk', [formats[3]!])), 'abcdefghijk', 720)).toBeNull();
  });

  it('survives broken or hostile script text', () => {
    expect(playerFpsIn([{ text: 'var ytInitialPlayerResponse = {"videoDetails": {"videoId": "abcdefghijk"' }], 'abcdefghijk', 720)).toBeNull();
    expect(playerFpsIn([{ text: 'ytInitialPlayerResponse' }], 'abcdefghijk', 720)).toBeNull();
    expect(playerFpsIn([{ text: 'var ytInitialPlayerResponse = {bad json};' }], 'abcdefghijk', 720)).toBeNull();
    expect(playerFpsIn(page(response('abcdefghijk', [{ mimeType: 'video/mp4', height: 720, fps: -5 }])), 'abcdefghijk', 720)).toBeNull();
  });

  it('objectAt finds the end of an object, not fooled by braces and quotes in strings', () => {
    const text = 'x = {"a": "}{\\"}", "b": {"c": 1}} ; rest }';
    expect(JSON.parse(objectAt(text, text.indexOf('{'))!)).toEqual({ a: '}{"}', b: { c: 1 } });
    expect(objectAt('{"open": 1', 0)).toBeNull();
  });

  it('agrees with a measured rate it rounds to, and not with another', () => {
    expect(playerAgrees(29.97, 30)).toBe(true);
    expect(playerAgrees(23.976, 24)).toBe(true);
    expect(playerAgrees(59.94, 60)).toBe(true);
    expect(playerAgrees(30, 60)).toBe(false);
    expect(playerAgrees(25, 24)).toBe(false);
    expect(playerAgrees(null, 30)).toBeNull();
    expect(playerAgrees(30, null)).toBeNull();
  });
});
