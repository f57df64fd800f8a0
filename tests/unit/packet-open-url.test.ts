import { describe, expect, it } from 'vitest';
import { openUrlAt, providerOf } from '../../utils/packets/open-url';

describe('openUrlAt', () => {
  it.each([
    ['YouTube at 12.9 s → t=12s', 'youtube:dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 12.9, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=12s'],
    ['YouTube at the start', 'youtube:dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', null, 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['a video file → #t=', 'url:https://example.com/run.mp4', 'https://example.com/run.mp4', 2.4167, 'https://example.com/run.mp4#t=2.417'],
    ['a page → the page', 'url:https://club.example/video', 'https://club.example/video', 3, 'https://club.example/video'],
    ['Drive → the page', 'drive:1AbC', 'https://drive.google.com/file/d/1AbC/view', 3, 'https://drive.google.com/file/d/1AbC/view'],
    ['javascript: is never a link', 'url:x', 'javascript:alert(1)', 3, ''],
    ['not a URL', 'url:x', 'not a url', 3, ''],
  ])('%s', (_, id, pageUrl, time, expected) => {
    expect(openUrlAt({ id, pageUrl }, time)).toBe(expected);
  });

  it.each([
    ['youtube:abc', 'youtube'],
    ['drive:x', 'drive'],
    ['vimeo:1', 'vimeo'],
    ['url:https://x', 'web'],
    ['weird', 'web'],
  ])('provider of %s is %s', (id, provider) => expect(providerOf(id)).toBe(provider));
});
