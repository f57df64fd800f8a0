import { describe, expect, it } from 'vitest';
import {
  identifyVideo,
  trustedAddress,
  normalizePageUrl,
  normalizeSrcUrl,
  parseDriveId,
  parseVimeoId,
  parseYouTubeId,
  UNKNOWN_VIDEO_ID,
  type VideoLocation,
} from '../../utils/identity/video-id';

const YT = 'dQw4w9WgXcQ';
const YT2 = 'jNQXAC9IVRw';
const DRIVE = '1AbC-dEfGhIjKlMnOpQrStUvWxYz_0123';
const DRIVE_OLD = '0B7xYz1234AbCdEfGhIjKlMnOpQ'; // pre-2015 style, 28 chars
/** Input URL → expected result. */
type Case = [string, string | null];

const GARBAGE = ['', '   ', 'not a url', '/watch?v=dQw4w9WgXcQ', 'watch?v=dQw4w9WgXcQ', 'http://', 'https://[::1', '%%%', 'javascript:alert(1)'];

describe('parseYouTubeId', () => {
  it.each<Case>([
    [`https://www.youtube.com/watch?v=${YT}`, YT],
    [`http://www.youtube.com/watch?v=${YT}`, YT],
    [`https://youtube.com/watch?v=${YT}`, YT],
    [`https://m.youtube.com/watch?v=${YT}&pp=ygUEcmljaw%3D%3D`, YT],
    [`https://music.youtube.com/watch?v=${YT}&list=RDAMVM${YT}`, YT],
    [`https://WWW.YouTube.COM/watch?v=${YT}`, YT],
    [`https://www.youtube.com/watch?app=desktop&v=${YT}`, YT],
    [`https://www.youtube.com/watch?feature=youtu.be&t=42&v=${YT}`, YT],
    [`https://www.youtube.com/watch?v=${YT}&t=1m30s`, YT],
    [`https://www.youtube.com/watch?v=${YT}&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3`, YT],
    [`https://www.youtube.com/watch?v=${YT}&si=AbCdEfGhIjKlMnOp#t=30`, YT],
    [`https://www.youtube.com/watch/?v=${YT}`, YT],
    [`https://www.youtube.com./watch?v=${YT}`, YT],
    [`https://youtu.be/${YT}`, YT],
    [`https://youtu.be/${YT}?si=xyzXYZ0123456789`, YT],
    [`https://youtu.be/${YT}?t=90`, YT],
    [`https://youtu.be/${YT}/`, YT],
    [`https://www.youtube.com/shorts/${YT2}?feature=share`, YT2],
    [`https://youtube.com/shorts/${YT2}/`, YT2],
    [`https://www.youtube.com/embed/${YT}?start=12&autoplay=1&rel=0`, YT],
    [`https://www.youtube-nocookie.com/embed/${YT}?controls=0`, YT],
    [`https://youtube-nocookie.com/embed/${YT}`, YT],
    [`https://www.youtube.com/live/${YT}?feature=shared`, YT],
    [`https://www.youtube.com/v/${YT}?version=3`, YT],
    [`https://youtube.googleapis.com/v/${YT}`, YT],
    [`https://www.youtube.com/attribution_link?a=xyz&u=%2Fwatch%3Fv%3D${YT}%26feature%3Dshare`, YT],
    [`www.youtube.com/watch?v=${YT}`, YT], // pasted without a scheme
    [`youtu.be/${YT}`, YT],
    [`  https://youtu.be/${YT}  `, YT],
    [`https://www.youtube.com/watch?v=${YT.slice(0, 10)}`, null], // too short
    [`https://www.youtube.com/watch?v=${YT}X`, null], // too long
    [`https://www.youtube.com/watch?v=dQw4w9WgX.Q`, null], // bad character
    [`https://www.youtube.com/watch?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG`, null],
    ['https://www.youtube.com/watch', null],
    ['https://www.youtube.com/', null],
    ['https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', null],
    ['https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG', null],
    ['https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw', null],
    ['https://www.youtube.com/@RickAstleyYT', null],
    ['https://www.youtube.com/results?search_query=rick', null],
    [`https://www.notyoutube.com/watch?v=${YT}`, null],
    [`https://youtube.com.evil.example/watch?v=${YT}`, null],
    [`https://example.com/watch?v=${YT}`, null],
    ['https://youtube.googleapis.com/embed/?docid=1AbC-dEfGhIjKlMnOp&partnerid=30', null],
    ...GARBAGE.map((g): Case => [g, null]),
  ])('%s → %s', (url, expected) => {
    expect(parseYouTubeId(url)).toBe(expected);
  });
});

describe('parseDriveId', () => {
  it.each<Case>([
    [`https://drive.google.com/file/d/${DRIVE}/view`, DRIVE],
    [`https://drive.google.com/file/d/${DRIVE}/view?usp=sharing`, DRIVE],
    [`https://drive.google.com/file/d/${DRIVE}/view?usp=drive_link&resourcekey=0-AbCdEf`, DRIVE],
    [`https://drive.google.com/file/d/${DRIVE}/preview`, DRIVE],
    [`https://drive.google.com/file/d/${DRIVE}/edit`, DRIVE],
    [`https://drive.google.com/file/d/${DRIVE}`, DRIVE],
    [`https://drive.google.com/u/0/file/d/${DRIVE}/view`, DRIVE],
    [`https://drive.google.com/file/u/1/d/${DRIVE}/view?usp=sharing`, DRIVE],
    [`https://drive.google.com/a/club.example/file/d/${DRIVE}/view`, DRIVE],
    [`https://DRIVE.Google.com/file/d/${DRIVE}/view`, DRIVE],
    [`https://drive.google.com/open?id=${DRIVE}`, DRIVE],
    [`https://drive.google.com/open?id=${DRIVE_OLD}&authuser=0`, DRIVE_OLD],
    [`https://drive.google.com/uc?id=${DRIVE}&export=download`, DRIVE],
    [`https://drive.google.com/uc?export=download&id=${DRIVE}`, DRIVE],
    [`https://drive.usercontent.google.com/download?id=${DRIVE}&export=download`, DRIVE],
    [`https://docs.google.com/file/d/${DRIVE}/edit`, DRIVE],
    [`https://youtube.googleapis.com/embed/?status=ok&hl=en&allow_embed=0&ps=docs&partnerid=30&autoplay=0&docid=${DRIVE}&abd=0`, DRIVE],
    [`https://drive.google.com/get_video_info?docid=${DRIVE}`, DRIVE],
    [`drive.google.com/file/d/${DRIVE}/view`, DRIVE],
    ['https://drive.google.com/file/d/short/view', null], // under 10 characters
    [`https://drive.google.com/file/d/${DRIVE}!/view`, null],
    ['https://drive.google.com/drive/my-drive', null],
    ['https://drive.google.com/drive/u/0/home', null],
    ['https://drive.google.com/open', null],
    [`https://docs.google.com/document/d/${DRIVE}/edit`, null], // a Doc, not a video file
    [`https://example.com/file/d/${DRIVE}/view`, null],
    [`https://example.com/embed/?docid=${DRIVE}`, null],
    ...GARBAGE.map((g): Case => [g, null]),
  ])('%s → %s', (url, expected) => {
    expect(parseDriveId(url)).toBe(expected);
  });
});

describe('parseVimeoId', () => {
  it.each<Case>([
    ['https://vimeo.com/76979871', '76979871'],
    ['http://vimeo.com/76979871', '76979871'],
    ['https://www.vimeo.com/76979871/', '76979871'],
    ['https://Vimeo.com/76979871?share=copy', '76979871'],
    ['https://vimeo.com/76979871#t=1m2s', '76979871'],
    ['https://vimeo.com/76979871/a1b2c3d4e5', '76979871'],
    ['https://vimeo.com/76979871/a1b2c3d4e5?share=copy', '76979871'],
    ['https://vimeo.com/channels/staffpicks/76979871', '76979871'],
    ['https://vimeo.com/groups/running/videos/76979871', '76979871'],
    ['https://vimeo.com/album/2222222/video/76979871', '76979871'],
    ['https://vimeo.com/showcase/2222222/video/76979871', '76979871'],
    ['https://vimeo.com/ondemand/somefilm/76979871', '76979871'],
    ['https://vimeo.com/manage/videos/76979871', '76979871'],
    ['https://player.vimeo.com/video/76979871', '76979871'],
    ['https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&badge=0&autopause=0', '76979871'],
    ['https://player.vimeo.com/video/76979871?title=0&byline=0#t=30s', '76979871'],
    ['//player.vimeo.com/video/76979871', '76979871'],
    ['vimeo.com/76979871', '76979871'],
    ['https://vimeo.com/', null],
    ['https://vimeo.com/channels/staffpicks', null],
    ['https://vimeo.com/user12345', null],
    ['https://vimeo.com/groups/running/videos', null],
    ['https://vimeo.com/7697abc', null],
    ['https://player.vimeo.com/video/', null],
    ['https://player.vimeo.com/76979871', null],
    ['https://notvimeo.com/76979871', null],
    ['https://example.com/76979871', null],
    ...GARBAGE.map((g): Case => [g, null]),
  ])('%s → %s', (url, expected) => {
    expect(parseVimeoId(url)).toBe(expected);
  });
});

describe('normalizePageUrl', () => {
  it.each<Case>([
    ['https://example.com', 'https://example.com/'],
    ['https://example.com/', 'https://example.com/'],
    ['HTTPS://Coach.EXAMPLE.com/Drills/Stride', 'https://coach.example.com/Drills/Stride'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/a//', 'https://example.com/a'],
    ['https://example.com/a#section-2', 'https://example.com/a'],
    ['https://example.com/a?', 'https://example.com/a'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?tag=x&tag=a', 'https://example.com/a?tag=x&tag=a'], // repeats keep their order
    ['https://example.com/a?utm_source=fb&id=7&utm_medium=social&fbclid=IwAR0', 'https://example.com/a?id=7'],
    ['https://example.com/a?UTM_Campaign=x&gclid=1&mc_cid=2&mc_eid=3&ref_src=twsrc&igshid=4&si=5', 'https://example.com/a'],
    ['https://example.com/a?q=two%20words&x=%7euser&y=%2f', 'https://example.com/a?q=two%20words&x=~user&y=%2F'],
    ['https://user:secret@example.com/a', 'https://example.com/a'],
    ['https://bücher.example/a', 'https://xn--bcher-kva.example/a'],
    ['file:///C:/Users/coach/Videos/player.html', 'file:///C:/Users/coach/Videos/player.html'],
    ['chrome-extension://abcdefghijklmnop/library.html#/video/1', 'chrome-extension://abcdefghijklmnop/library.html'],
    ['about:blank', null],
    ['about:srcdoc', null],
    ['blob:https://example.com/6b1c-44', null],
    ['data:text/html,<video>', null],
    ['example.com/a', null], // relative: a page URL from the browser is always absolute
    ...GARBAGE.map((g): Case => [g, null]),
  ])('%s → %s', (url, expected) => {
    expect(normalizePageUrl(url)).toBe(expected);
  });
});

describe('normalizeSrcUrl', () => {
  it.each<Case>([
    ['https://cdn.example.com/clips/run.mp4#t=12.5', 'https://cdn.example.com/clips/run.mp4'],
    ['https://cdn.example.com/clips/run.mp4?v=2&quality=hd', 'https://cdn.example.com/clips/run.mp4?quality=hd&v=2'],
    ['https://cdn.example.com/run.mp4?utm_source=x&token=abc', 'https://cdn.example.com/run.mp4?token=abc'],
    [
      'https://bucket.s3.amazonaws.com/run.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20250101&X-Amz-Date=20250101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123',
      'https://bucket.s3.amazonaws.com/run.mp4',
    ],
    ['https://d1.cloudfront.net/run.mp4?Expires=1700000000&Signature=abc~&Key-Pair-Id=K2', 'https://d1.cloudfront.net/run.mp4'],
    ['file:///home/coach/run.mp4', 'file:///home/coach/run.mp4'],
    ['blob:https://www.youtube.com/0f9c6f9e-1b2a-4c3d-9e8f-0123456789ab', null],
    ['data:video/mp4;base64,AAAAIGZ0eXBpc29t', null],
    ['mediastream:6f1c3b4e-5d2a-4e8f-9a0b-1c2d3e4f5a6b', null],
    ['', null],
    ['run.mp4', null],
  ])('%s → %s', (src, expected) => {
    expect(normalizeSrcUrl(src)).toBe(expected);
  });
});

type Row = [string, VideoLocation, string, string];

describe('identifyVideo', () => {
  const watch = `https://www.youtube.com/watch?v=${YT}`;
  const driveView = `https://drive.google.com/file/d/${DRIVE}/view`;
  const drivePlayer = `https://youtube.googleapis.com/embed/?partnerid=30&autoplay=0&docid=${DRIVE}&abd=0`;
  const blog = 'https://blog.example.com/posts/stride';

  it.each<Row>([
    ['YouTube watch page, top frame', { topUrl: `${watch}&t=1m30s`, frameUrl: `${watch}&t=1m30s`, src: 'blob:https://www.youtube.com/1-2' }, `youtube:${YT}`, watch],
    ['YouTube watch page, top unknown', { frameUrl: `${watch}&list=PL1&index=2` }, `youtube:${YT}`, watch],
    ['YouTube shorts', { topUrl: `https://www.youtube.com/shorts/${YT2}?feature=share`, frameUrl: `https://www.youtube.com/shorts/${YT2}?feature=share` }, `youtube:${YT2}`, `https://www.youtube.com/watch?v=${YT2}`],
    ['YouTube embed in a blog', { topUrl: blog, frameUrl: `https://www.youtube-nocookie.com/embed/${YT}?start=5`, src: 'blob:https://www.youtube-nocookie.com/x' }, `youtube:${YT}`, watch],
    ['YouTube embed, top page is another YouTube video', { topUrl: `https://www.youtube.com/watch?v=${YT2}`, frameUrl: `https://www.youtube.com/embed/${YT}` }, `youtube:${YT}`, watch],
    ['YouTube watch top, video in an unrelated frame', { topUrl: watch, frameUrl: 'about:blank' }, `youtube:${YT}`, watch],
    ['Drive view page, top frame', { topUrl: `${driveView}?usp=sharing`, frameUrl: `${driveView}?usp=sharing`, src: 'https://rr3---sn-x.c.drive.google.com/videoplayback?expire=1&id=abc' }, `drive:${DRIVE}`, driveView],
    ['Drive player iframe, top is the view page', { topUrl: `https://drive.google.com/u/1/file/d/${DRIVE}/view`, frameUrl: drivePlayer }, `drive:${DRIVE}`, driveView],
    ['Drive player iframe, top is a folder', { topUrl: 'https://drive.google.com/drive/folders/1FolderIdAbCdEfGhIjKl', frameUrl: drivePlayer }, `drive:${DRIVE}`, driveView],
    ['Drive preview embedded in a blog', { topUrl: blog, frameUrl: `https://drive.google.com/file/d/${DRIVE}/preview` }, `drive:${DRIVE}`, driveView],
    ['Drive player nested in a blog embed', { topUrl: blog, frameUrl: drivePlayer }, `drive:${DRIVE}`, driveView],
    ['Drive resource key kept in openUrl', { topUrl: `${driveView}?usp=sharing&resourcekey=0-AbC_dE`, frameUrl: drivePlayer }, `drive:${DRIVE}`, `${driveView}?resourcekey=0-AbC_dE`],
    ['Vimeo page', { topUrl: 'https://vimeo.com/76979871?share=copy', frameUrl: 'https://vimeo.com/76979871?share=copy' }, 'vimeo:76979871', 'https://vimeo.com/76979871'],
    ['Vimeo unlisted: hash kept in openUrl only', { topUrl: 'https://vimeo.com/76979871/a1b2c3d4e5', frameUrl: 'https://vimeo.com/76979871/a1b2c3d4e5' }, 'vimeo:76979871', 'https://vimeo.com/76979871/a1b2c3d4e5'],
    ['Vimeo player with h= in a blog', { topUrl: blog, frameUrl: 'https://player.vimeo.com/video/76979871?h=a1b2c3d4e5&badge=0', src: 'https://vod-adaptive.akamaized.net/x/seg.mp4' }, 'vimeo:76979871', 'https://vimeo.com/76979871/a1b2c3d4e5'],
    ['generic page, blob src ignored', { topUrl: `${blog}/?utm_source=x#comments`, frameUrl: `${blog}/?utm_source=x#comments`, src: 'blob:https://blog.example.com/9f' }, `url:${blog}`, blog],
    ['generic page, real src appended', { topUrl: blog, frameUrl: blog, src: 'https://cdn.example.com/run.mp4?utm_campaign=x#t=10' }, `url:${blog}#src=https://cdn.example.com/run.mp4`, blog],
    ['generic page, empty src', { topUrl: blog, frameUrl: blog, src: '' }, `url:${blog}`, blog],
    ['generic page, data: src', { topUrl: blog, frameUrl: blog, src: 'data:video/webm;base64,GkXf' }, `url:${blog}`, blog],
    ['generic player iframe, real src: top page + src', { topUrl: blog, frameUrl: 'https://player.example.net/embed/abc', src: 'https://cdn.example.net/abc.mp4' }, `url:${blog}#src=https://cdn.example.net/abc.mp4`, blog],
    ['generic player iframe, blob src: top page + frame', { topUrl: blog, frameUrl: 'https://player.example.net/embed/abc?autoplay=1', src: 'blob:https://player.example.net/1' }, `url:${blog}#frame=https://player.example.net/embed/abc?autoplay=1`, blog],
    ['srcdoc frame, blob src: top page alone', { topUrl: blog, frameUrl: 'about:srcdoc', src: 'blob:https://blog.example.com/1' }, `url:${blog}`, blog],
    ['media file opened in a tab: src equals page', { topUrl: 'https://cdn.example.com/run.mp4', frameUrl: 'https://cdn.example.com/run.mp4', src: 'https://cdn.example.com/run.mp4' }, 'url:https://cdn.example.com/run.mp4', 'https://cdn.example.com/run.mp4'],
    ['top unknown: frame URL is the page', { frameUrl: 'https://example.com/a/', src: '' }, 'url:https://example.com/a', 'https://example.com/a'],
    ['about:blank top and frame, real src', { topUrl: 'about:blank', frameUrl: 'about:blank', src: 'https://cdn.example.com/run.mp4' }, 'url:https://cdn.example.com/run.mp4', 'https://cdn.example.com/run.mp4'],
    ['local file', { topUrl: 'file:///home/coach/run.mp4', frameUrl: 'file:///home/coach/run.mp4', src: 'file:///home/coach/run.mp4' }, 'url:file:///home/coach/run.mp4', 'file:///home/coach/run.mp4'],
    ['YouTube page without a video id is a web page', { topUrl: 'https://www.youtube.com/', frameUrl: 'https://www.youtube.com/', src: 'blob:https://www.youtube.com/1' }, 'url:https://www.youtube.com/', 'https://www.youtube.com/'],
    ['nothing usable', { topUrl: 'about:blank', frameUrl: 'about:blank', src: 'blob:null/1' }, UNKNOWN_VIDEO_ID, ''],
    ['all empty', { topUrl: '', frameUrl: '', src: '' }, UNKNOWN_VIDEO_ID, ''],
    ['relative URLs', { topUrl: '/posts/1', frameUrl: 'posts/1', src: 'run.mp4' }, UNKNOWN_VIDEO_ID, ''],
  ])('%s', (_, location, id, openUrl) => {
    const identity = identifyVideo(location);
    expect(identity.id).toBe(id);
    expect(identity.openUrl).toBe(openUrl);
    expect(identity.site).toBe(id.slice(0, id.indexOf(':')).replace('url', 'web'));
  });

  it('one generic page, spelled many ways, is one video', () => {
    const spellings = [
      'https://coach.example.com/athletes/sam?week=3&utm_source=newsletter&utm_medium=email',
      'https://coach.example.com/athletes/sam/?utm_medium=email&week=3&utm_source=newsletter',
      'HTTPS://COACH.EXAMPLE.COM:443/athletes/sam?fbclid=IwAR2x&week=3#top',
      'https://coach.example.com/athletes/sam?week=3',
    ];
    const ids = spellings.map((topUrl) => identifyVideo({ topUrl, frameUrl: topUrl }).id);
    expect(new Set(ids)).toEqual(new Set(['url:https://coach.example.com/athletes/sam?week=3']));
  });

  it('timestamps, playlists and src never change a known site id', () => {
    const urls = [
      `https://www.youtube.com/watch?v=${YT}`,
      `https://www.youtube.com/watch?list=PL1&v=${YT}&index=4&t=1m30s`,
      `https://youtu.be/${YT}?si=abc&t=7`,
      `https://m.youtube.com/watch?v=${YT}&feature=share`,
      `https://www.youtube.com/embed/${YT}?start=90`,
      `https://www.youtube.com/shorts/${YT}`,
    ];
    for (const url of urls) {
      expect(identifyVideo({ topUrl: url, frameUrl: url, src: `https://cdn.example.com/${url.length}.mp4` }).id).toBe(`youtube:${YT}`);
    }
  });

  it.each([
    [undefined],
    [null],
    [42],
    ['https://example.com'],
    [{}],
    [{ frameUrl: 42, topUrl: {}, src: [] }],
    [{ frameUrl: 'http://[::1', topUrl: 'http://%zz', src: 'https://[' }],
  ])('garbage %j never throws', (garbage) => {
    const identity = identifyVideo(garbage as unknown as VideoLocation);
    expect(identity).toEqual({ id: UNKNOWN_VIDEO_ID, site: 'web', openUrl: '' });
  });
});

describe('trustedAddress', () => {
  it.each([
    ['a YouTube watch link', 'youtube:dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ?t=3', 'https://youtu.be/dQw4w9WgXcQ?t=3'],
    ['another site for a YouTube id', 'youtube:dQw4w9WgXcQ', 'https://evil.example/phish', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['a Drive link with its resource key', 'drive:1AbCdEfGhIjK', 'https://drive.google.com/file/d/1AbCdEfGhIjK/view?resourcekey=0-xyz', 'https://drive.google.com/file/d/1AbCdEfGhIjK/view?resourcekey=0-xyz'],
    ['the page of a page video', 'url:https://club.example/run#src=https://club.example/run.mp4', 'https://club.example/run', 'https://club.example/run'],
    ['another page for a page video', 'url:https://club.example/run#src=https://club.example/run.mp4', 'https://evil.example/', 'https://club.example/run'],
    ['javascript:', 'url:https://club.example/run', 'javascript:alert(1)', 'https://club.example/run'],
    ['nothing claimed', 'vimeo:123', '', 'https://vimeo.com/123'],
    ['an unknown video', 'url:unknown', 'https://evil.example/', ''],
  ])('%s', (_, id, claimed, expected) => {
    expect(trustedAddress(id, claimed)).toBe(expected);
  });
});
