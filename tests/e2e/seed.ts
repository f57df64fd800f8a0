/** Writes records (and their video) straight into the extension's database, from its service worker. */
import type { ExtensionRealm } from './harness';
import type { Annotation, Author } from '../../utils/model/types';

export interface SeedVideo {
  id: string;
  url: string;
  title?: string;
  /** The clip's own rate: FrameCoach takes a video's kept rate as true until it measures one. */
  fps: number;
  width?: number;
  height?: number;
}

export function seedRecords(worker: ExtensionRealm, list: readonly Annotation[], video: SeedVideo): Promise<void> {
  return worker.evaluate(
    ({ list, video }) =>
      new Promise<void>((resolve, reject) => {
        const q = indexedDB.open('framecoach');
        q.onerror = () => reject(q.error);
        q.onsuccess = () => {
          const tx = q.result.transaction(['annotations', 'videos'], 'readwrite');
          for (const r of list) tx.objectStore('annotations').put(r);
          tx.objectStore('videos').put({
            id: video.id, title: video.title ?? 'Stride', pageUrl: video.url, duration: 4, fps: video.fps,
            width: video.width ?? 320, height: video.height ?? 180, createdAt: 1, updatedAt: 1,
          });
          tx.oncomplete = () => {
            q.result.close();
            resolve();
          };
          tx.onabort = () => reject(tx.error);
        };
      }),
    { list: [...list], video },
  );
}

/** Who this profile writes as (the settings' author): records seeded with it are the coach's own. */
export function ownAuthor(worker: ExtensionRealm): Promise<Author> {
  return worker.evaluate(async () => {
    const ext = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await ext.storage.local.get('settings')).settings as { author: Author }).author;
  });
}

/** The records stored under `ids`, as the database holds them (missing ones left out). */
export function storedRecords(worker: ExtensionRealm, ids: readonly string[]): Promise<Annotation[]> {
  return worker.evaluate(
    (ids) =>
      new Promise<Annotation[]>((resolve, reject) => {
        const q = indexedDB.open('framecoach');
        q.onerror = () => reject(q.error);
        q.onsuccess = () => {
          const store = q.result.transaction('annotations').objectStore('annotations');
          const found: Annotation[] = [];
          let left = ids.length;
          for (const id of ids) {
            const get = store.get(id);
            get.onerror = () => reject(get.error);
            get.onsuccess = () => {
              if (get.result) found.push(get.result as Annotation);
              if (--left === 0) {
                q.result.close();
                resolve(found);
              }
            };
          }
        };
      }),
    [...ids],
  );
}
