import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, createService } from '../../utils/background/service';
import type { ChangeMessage, Settings } from '../../utils/messaging/contract';
import { newComment } from '../../utils/model/create';

function service() {
  let saved: Settings | undefined;
  const broadcasts: ChangeMessage[] = [];
  const handlers = createService({
    factory: new IDBFactory(),
    settings: { get: async () => saved, set: async (s) => void (saved = s) },
    broadcast: async (m) => void (m.type === 'annotations.changed' && broadcasts.push(m)),
  });
  return { handlers, broadcasts, saved: () => saved };
}

const facts = { frameUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s', src: 'blob:https://www.youtube.com/x', title: 'Stride', duration: 12, fps: 30 };

describe('background service', () => {
  it('identifies the video from the tab and records it; the same video later finds its comments', async () => {
    const { handlers, broadcasts } = service();
    const opened = await handlers['video.open'](facts, { tabUrl: facts.frameUrl });
    expect(opened.video).toMatchObject({ id: 'youtube:dQw4w9WgXcQ', title: 'Stride', duration: 12, fps: 30 });
    expect(opened.annotations).toEqual([]);
    const settings = await handlers['settings.get']({}, {});
    const c = newComment({ videoId: opened.video.id, time: 1, frame: 30, text: 'hip', author: settings.author });
    const result = await handlers['annotation.save']({ annotation: c }, {});
    expect(result.accepted).toBe(true);
    expect(broadcasts).toEqual([{ framecoach: 1, type: 'annotations.changed', videoId: c.videoId, annotations: [c] }]);
    const again = await handlers['video.open']({ ...facts, frameUrl: 'https://youtu.be/dQw4w9WgXcQ' }, { tabUrl: 'https://youtu.be/dQw4w9WgXcQ' });
    expect(again.annotations).toEqual([c]);
  });

  it("says when the settings did not reach sync, in what a change returns and tells every tab, and never stores it", async () => {
    let saved: Settings | undefined;
    let refused: string | null = 'QUOTA_BYTES quota exceeded';
    const told: Settings[] = [];
    const handlers = createService({
      factory: new IDBFactory(),
      settings: { get: async () => saved, set: async (s) => void (saved = s), syncError: () => refused },
      broadcast: async (m) => void (m.type === 'settings.changed' && told.push(m.settings)),
    });
    const renamed = await handlers['settings.setAuthorName']({ name: 'Kim' }, {});
    expect(renamed.syncError).toBe('QUOTA_BYTES quota exceeded');
    expect(told.at(-1)?.syncError).toBe('QUOTA_BYTES quota exceeded');
    expect((await handlers['settings.get']({}, {})).syncError).toBe('QUOTA_BYTES quota exceeded');
    refused = null;
    const again = await handlers['settings.setAuthorName']({ name: 'Kim B' }, {});
    expect(again.syncError).toBeUndefined();
    expect(told.at(-1)?.syncError).toBeUndefined();
  });

  it('makes an author once and keeps it; renaming keeps the id', async () => {
    const { handlers, saved } = service();
    const first = await handlers['settings.get']({}, {});
    expect(first.author.name).toBe('Coach');
    expect((await handlers['settings.get']({}, {})).author.id).toBe(first.author.id);
    const renamed = await handlers['settings.setAuthorName']({ name: '  Coach Kim  ' }, {});
    expect(renamed.author).toEqual({ id: first.author.id, name: 'Coach Kim' });
    expect(saved()?.author.name).toBe('Coach Kim');
  });

  it('refuses a video it cannot identify rather than mixing unrelated videos', async () => {
    const { handlers } = service();
    await expect(handlers['video.open']({ ...facts, frameUrl: 'about:blank', src: '' }, {})).rejects.toThrow(/recognise/);
  });

  it('a stale save is answered with the stored record, not accepted', async () => {
    const { handlers } = service();
    const author = (await handlers['settings.get']({}, {})).author;
    const c = newComment({ videoId: 'youtube:dQw4w9WgXcQ', time: 1, frame: 30, text: 'v1', author });
    await handlers['annotation.save']({ annotation: { ...c, version: 3, text: 'v3' } }, {});
    const stale = await handlers['annotation.save']({ annotation: c }, {});
    expect(stale).toMatchObject({ accepted: false, stored: { text: 'v3', version: 3 } });
  });

  // A copy of the e2e suite beside another: a tab opened right after one closed on Enter
  // listed 10 comments where 11 were saved. A save reads the author from the settings before
  // its write; a read that arrived after it must still see it.
  it('a save received before a read is in what the read answers, however slow the settings are', async () => {
    let saved: Settings | undefined;
    const slow = () => new Promise((resolve) => setTimeout(resolve, 30));
    const handlers = createService({
      factory: new IDBFactory(),
      settings: { get: async () => (await slow(), saved), set: async (s) => void (saved = s) },
      broadcast: async () => undefined,
    });
    const author = (await handlers['settings.get']({}, {})).author;
    const opened = await handlers['video.open'](facts, { tabUrl: facts.frameUrl });
    const c = newComment({ videoId: opened.video.id, time: 1, frame: 30, text: 'saved as the tab closed', author });
    const saving = handlers['annotation.save']({ annotation: c }, {});
    // Received after the save, answered after it: a new tab, the library, a packet.
    const [reopened, listed] = await Promise.all([handlers['video.open'](facts, { tabUrl: facts.frameUrl }), handlers['annotations.list']({ videoId: opened.video.id }, {})]);
    expect(reopened.annotations).toEqual([c]);
    expect(listed).toEqual([c]);
    expect((await saving).accepted).toBe(true);
  });

  it('video.open answers with a first page in time order and says when more remain', async () => {
    const { handlers } = service();
    const author = (await handlers['settings.get']({}, {})).author;
    const videoId = 'youtube:dQw4w9WgXcQ';
    const total = FIRST_PAGE + 50;
    for (let i = 0; i < total; i++) {
      await handlers['annotation.save']({ annotation: newComment({ videoId, time: (total - i) / 10, frame: total - i, text: `c${i}`, author }) }, {});
    }
    const opened = await handlers['video.open'](facts, { tabUrl: facts.frameUrl });
    expect(opened.annotations).toHaveLength(FIRST_PAGE);
    expect(opened.complete).toBe(false);
    const times = opened.annotations.map((a) => a.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(0.1);
    expect(await handlers['annotations.list']({ videoId }, {})).toHaveLength(total);
  });
});
