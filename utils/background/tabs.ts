/**
 * Tabs the library opens on a video, and the video each tab shows: a moment to go to once
 * the overlay has the video (exact frames can't go in a URL), and what the popup reports
 * for the current tab. Kept in storage.session: the service worker may stop in between.
 */
import { OWN_PAGES } from '../messaging/contract';
import type { Handlers } from '../messaging/server';
import { openUrlAt } from '../packets/open-url';
import { emptySummary, summarize, type SearchHit, type VideoSummary } from '../storage/library';
import type { FrameCoachStore } from '../storage/store';
import { videoView } from './video-view';

export interface Memory {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A Memory in a Map (tests, and where storage.session is missing). */
export function inMemory(): Memory {
  const map = new Map<string, unknown>();
  return {
    get: async (key) => map.get(key),
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
  };
}

interface TabDeps {
  withStore<T>(work: (db: FrameCoachStore) => Promise<T>): Promise<T>;
  memory: Memory;
  openTab?(url: string): Promise<number | undefined>;
  /** The full address of one of the extension's pages ('/welcome.html'). */
  pageUrl?(path: string): string;
}

interface PendingSeek {
  videoId: string;
  time: number;
}

export function tabHandlers({ withStore, memory, openTab, pageUrl }: TabDeps) {
  const handlers: Pick<Handlers, 'video.show' | 'tab.video' | 'page.open'> = {
    async 'page.open'({ page }) {
      const path = Object.hasOwn(OWN_PAGES, page) ? OWN_PAGES[page] : null;
      if (!path) throw new Error(`FrameCoach has no page "${String(page)}".`);
      if (!openTab || !pageUrl) return { opened: false };
      await openTab(pageUrl(path));
      return { opened: true };
    },
    async 'video.show'({ videoId, time }) {
      const video = await withStore((db) => db.getVideo(videoId));
      const url = video ? openUrlAt({ id: video.id, pageUrl: video.pageUrl }, time ?? null) : '';
      if (!url) throw new Error('FrameCoach does not know an address for this video (it came in a packet without one).');
      if (!openTab) return { opened: false, url };
      const tabId = await openTab(url);
      if (tabId !== undefined && typeof time === 'number' && Number.isFinite(time)) {
        await memory.set(`seek:${tabId}`, { videoId, time } satisfies PendingSeek);
      }
      return { opened: true, url };
    },
    async 'tab.video'({ tabId }) {
      const videoId = await memory.get(`tab:${tabId}`);
      if (typeof videoId !== 'string') return null;
      return withStore(async (db) => {
        const [video, view] = await Promise.all([db.getVideo(videoId), videoView(db, videoId, null)]);
        if (!video) return null;
        const summaries = new Map<string, VideoSummary>();
        const hits: SearchHit[] = [];
        // The packet videos attached here count as this video's.
        for (const r of view.annotations) summarize({ ...r, videoId }, summaries, hits);
        return { video, summary: summaries.get(videoId) ?? emptySummary(videoId), unread: view.unread.length };
      });
    },
  };

  return {
    handlers,
    /** A tab showed `videoId`: remembers it, and answers the moment the library asked for, once. */
    async opened(tabId: number | undefined, videoId: string): Promise<number | null> {
      if (tabId === undefined) return null;
      await memory.set(`tab:${tabId}`, videoId);
      const pending = (await memory.get(`seek:${tabId}`)) as PendingSeek | undefined;
      if (!pending || pending.videoId !== videoId) return null;
      await memory.remove(`seek:${tabId}`);
      return pending.time;
    },
  };
}
