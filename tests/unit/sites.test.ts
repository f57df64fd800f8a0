// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { defaultFullscreenTarget } from '../../utils/dom/fullscreen';
import { genericSite } from '../../utils/sites/generic';
import { SITES, siteFor } from '../../utils/sites/index';
import { youtubeSite } from '../../utils/sites/youtube';

describe('siteFor', () => {
  it.each([
    ['https://www.youtube.com/watch?v=abc', 'youtube'],
    ['https://youtube.com/watch?v=abc', 'youtube'],
    ['https://m.youtube.com/watch?v=abc', 'youtube'],
    ['https://music.youtube.com/', 'youtube'],
    ['https://www.youtube-nocookie.com/embed/abc', 'youtube'],
    ['https://youtube-nocookie.com/embed/abc', 'youtube'],
    ['https://WWW.YOUTUBE.COM/watch', 'youtube'],
    ['http://www.youtube.com:8080/watch', 'youtube'],
    ['https://example.com/video.mp4', 'generic'],
    ['https://notyoutube.com/watch', 'generic'],
    ['https://youtube.com.evil.example/watch', 'generic'],
    ['https://www.youtube.co.uk/watch', 'generic'],
    ['https://evil.example/?u=https://www.youtube.com/', 'generic'],
    ['https://evil.example/www.youtube.com', 'generic'],
    ['https://youtube.com@evil.example/', 'generic'],
    ['https://drive.google.com/file/d/x/view', 'generic'],
    // Drive's player frame is YouTube's embedded player.
    ['https://youtube.googleapis.com/embed/?docid=1FcDriveStrideClip0a&partnerid=30', 'youtube'],
    ['https://evil.youtube.googleapis.com.example/embed/', 'generic'],
    ['https://notyoutube.googleapis.com/embed/', 'generic'],
    ['file:///home/coach/clip.mp4', 'generic'],
    ['about:blank', 'generic'],
  ])('%s → %s', (href, expected) => {
    expect(siteFor(href).name).toBe(expected);
  });

  it.each(['', 'not a url', 'www.youtube.com/watch', '//www.youtube.com/', 'http://', ':::'])(
    'garbage %j → generic, without throwing',
    (href) => {
      expect(siteFor(href)).toBe(genericSite);
    },
  );

  it('returns the adapter objects themselves', () => {
    expect(siteFor('https://www.youtube.com/')).toBe(youtubeSite);
    expect(siteFor('https://example.com/')).toBe(genericSite);
  });
});

describe('SITES', () => {
  it('ends with the generic adapter, which matches anything', () => {
    expect(SITES.at(-1)).toBe(genericSite);
    expect(genericSite.matches(new URL('https://anything.example/'))).toBe(true);
  });

  it('has unique names', () => {
    const names = SITES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('adapter hooks on a DOM fixture', () => {
  function fixture(html: string): HTMLVideoElement {
    document.body.innerHTML = html;
    return document.querySelector('video')!;
  }

  it('youtube mounts and fullscreens the player container around the video', () => {
    const video = fixture(
      '<div id="movie_player" class="html5-video-player"><div class="html5-video-container"><video></video></div></div>',
    );
    const player = document.getElementById('movie_player');
    expect(youtubeSite.overlayParent?.(video)).toBe(player);
    expect(youtubeSite.fullscreenTarget?.(video)).toBe(player);
  });

  it('youtube tells an ad from the player class, and says when it may have changed', async () => {
    const video = fixture('<div id="movie_player" class="html5-video-player"><video></video></div>');
    const player = document.getElementById('movie_player')!;
    let changes = 0;
    const stop = youtubeSite.watchAds!(video, () => changes++);
    expect(youtubeSite.adPlaying!(video)).toBe(false);
    player.classList.add('ad-showing');
    await new Promise((r) => setTimeout(r, 0));
    expect(youtubeSite.adPlaying!(video)).toBe(true);
    expect(changes).toBe(1);
    player.classList.replace('ad-showing', 'ad-interrupting');
    expect(youtubeSite.adPlaying!(video)).toBe(true);
    player.classList.remove('ad-interrupting');
    expect(youtubeSite.adPlaying!(video)).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toBe(2); // one call for the changes of one task
    stop();
    player.classList.add('ad-showing');
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toBe(2);
  });

  it('youtube finds no container for a video outside a player', () => {
    const video = fixture('<div class="something-else"><video></video></div>');
    expect(youtubeSite.overlayParent?.(video)).toBeNull();
    expect(youtubeSite.fullscreenTarget?.(video)).toBeNull();
  });

  it("generic keeps every default: fullscreen goes to the video's parent", () => {
    const video = fixture('<section><div id="wrap"><video></video></div></section>');
    expect(genericSite.fullscreenTarget).toBeUndefined();
    expect(genericSite.overlayParent).toBeUndefined();
    expect(defaultFullscreenTarget(video)).toBe(document.getElementById('wrap'));
  });
});
