/**
 * The migrations table in the real browser: a profile whose database was written by schema
 * v1 (as the first FrameCoach left it) is upgraded in Chromium and Firefox, through idb, the first time
 * the extension opens it. The coach's old comments are all there, in time order, seek to
 * their frames, and new ones save beside them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyVideo } from '../../utils/identity/video-id';
import { clipByFile, frameMiddle, frameStart, readBarcode, seekAndRead } from './barcode';
import { fixtureUrl, startServer, type ExtensionRealm, type FixtureServer, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';
import { isFirefox } from './browser';
import { addCommentHere, comment, listed, ready, showPanel, stepTo, waitForCount, waitForListed } from './comments-helpers';

const CLIP = clipByFile('vp9-25.webm');

let server: FixtureServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface V1Seed {
  videoId: string;
  pageUrl: string;
  comments: { id: string; time: number; text: string; createdAt: number }[];
}

/** In the extension's realm, before FrameCoach opens its database: a v1 database with v1 records. */
function seedV1(seed: V1Seed): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = indexedDB.open('framecoach', 1);
    q.onupgradeneeded = () => {
      // Schema v1 exactly: two stores, one index. Records lack every field v2 added.
      const db = q.result;
      db.createObjectStore('videos', { keyPath: 'id' });
      db.createObjectStore('annotations', { keyPath: 'id' }).createIndex('byVideo', 'videoId');
    };
    q.onerror = () => reject(q.error);
    q.onsuccess = () => {
      const db = q.result;
      const tx = db.transaction(['videos', 'annotations'], 'readwrite');
      tx.objectStore('videos').put({ id: seed.videoId, title: 'Old session', pageUrl: seed.pageUrl, createdAt: 1, updatedAt: 2 });
      for (const c of seed.comments) {
        tx.objectStore('annotations').put({
          id: c.id, kind: 'comment', videoId: seed.videoId, time: c.time, text: c.text,
          author: { id: 'old-coach', name: 'Coach' }, createdAt: c.createdAt, updatedAt: c.createdAt, version: 1,
        });
      }
      tx.oncomplete = () => {
        db.close();
        resolve(db.version);
      };
      tx.onabort = () => reject(tx.error);
    };
  });
}

/** The stored schema version and index names, read raw in the extension's realm. */
function schemaOf(worker: ExtensionRealm): Promise<{ version: number; indexes: string[] }> {
  return worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const q = indexedDB.open('framecoach');
        q.onerror = () => reject(q.error);
        q.onsuccess = () => {
          const db = q.result;
          const indexes = [...db.transaction('annotations').objectStore('annotations').indexNames];
          db.close();
          resolve({ version: db.version, indexes });
        };
      }),
  );
}

describe(`a database written by schema v1, opened by this FrameCoach in ${isFirefox ? 'Firefox' : 'Chromium'}`, () => {
  it('is upgraded in place: old comments listed in time order, each seeks to its frame, and new ones save beside them', async () => {
    const url = fixtureUrl(server, 'plain.html', { clip: CLIP.file });
    const src = new URL(`/clips/${CLIP.file}`, server.url).toString();
    const { id: videoId } = identifyVideo({ topUrl: url, frameUrl: url, src });
    const old = [
      { id: 'v1-late', time: frameStart(CLIP, 70), text: 'Arms: elbows back', createdAt: 30 },
      { id: 'v1-early', time: frameStart(CLIP, 12), text: 'Land under the hip', createdAt: 10 },
    ];
    const worker = browser.background!;
    expect(await worker.evaluate(seedV1, { videoId, pageUrl: url, comments: old })).toBe(1);

    const page = await browser.newPage();
    await page.goto(url);
    await ready(page);
    await waitForCount(page, old.length);
    expect(await schemaOf(worker)).toEqual({ version: 4, indexes: ['byUpdated', 'byVideo', 'byVideoTime'] });

    await showPanel(page);
    await waitForListed(page, 'Land under the hip');
    expect((await listed(page)).map((c) => c.text)).toEqual(['Land under the hip', 'Arms: elbows back']);
    expect((await seekAndRead(page, frameMiddle(CLIP, 40))).index).toBe(40);
    for (const [id, frame] of [['v1-early', 12], ['v1-late', 70]] as const) {
      await comment(page, id).locator('.fc-comment-main').click();
      await expect.poll(() => readBarcode(page), { timeout: 5_000, interval: 20 }).toBe(frame);
    }

    await stepTo(page, CLIP, 30);
    await addCommentHere(page, 'New: cadence up');
    await page.reload();
    await ready(page);
    await waitForCount(page, 3);
    await showPanel(page);
    await waitForListed(page, 'New: cadence up');
    expect((await listed(page)).map((c) => c.text)).toEqual(['Land under the hip', 'New: cadence up', 'Arms: elbows back']);
    await page.close();
  });
});
