/** Writes records (and their video) straight into the extension's database, from its service worker. */
import type { ExtensionRealm } from './harness';
import type { Annotation } from '../../utils/model/types';

export interface SeedVideo {
  id: string;
  url: string;
  title?: string;
  fps?: number;
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
            id: video.id, title: video.title ?? 'Stride', pageUrl: video.url, duration: 4, fps: video.fps ?? 25,
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
