/**
 * The background's request handlers: the database, video identity and settings behind the
 * message contract. Holds nothing that is not also in the database or storage: the MV3
 * service worker may be stopped between any two messages, and the next one reopens.
 */
import { newId } from '../model/new-id';
import { nextTableStep, type Part } from '../frames/frame-table';
import { fromBase64, type SentPart } from '../frames/table-reads';
import { UNKNOWN_VIDEO_ID, identifyVideo } from '../identity/video-id';
import type { Broadcast, Settings } from '../messaging/contract';
import { checkKeybindings, cleanKeybindings, cleanRecent, isCommandId } from './keybinding-settings';
import { withRecent } from '../commands/palette';
import { patchPreferences, restorePreferences } from '../settings/preferences';
import { DEFAULT_DRAWING, cleanDrawingDefaults } from './drawing-defaults';
import { backupHandlers } from './backup';
import type { Handlers } from '../messaging/server';
import { StorageError } from '../storage/errors';
import { openStore, type FrameCoachStore } from '../storage/store';
import { packetHandlers } from './packets';
import { reportHandlers, type ReportDeps } from './reports';
import { videoView } from './video-view';
import { frameHandlers, type ToTab } from './frames';
import { inMemory, tabHandlers, type Memory } from './tabs';

export interface SettingsStorage {
  get(): Promise<Partial<Settings> | undefined>;
  set(settings: Settings): Promise<void>;
  /** Why the last change did not reach the browser's sync (settings-storage.ts); absent where there is no sync. */
  syncError?(): string | null;
}

export interface ServiceDeps {
  factory: IDBFactory;
  settings: SettingsStorage;
  /** Tells every tab (all frames) about a change. */
  broadcast(message: Broadcast): Promise<void>;
  /** Opens a tab (the library's "open video"); resolves with its id. */
  openTab?(url: string): Promise<number | undefined>;
  /** The full address of one of the extension's pages ('/welcome.html'). */
  pageUrl?(path: string): string;
  /** Short-lived memory that outlives a stopped service worker (storage.session): pending seeks, the video per tab. */
  memory?: Memory;
  /** The overlay's style sheet, for content scripts (`ui.css`). */
  overlayCss?: string;
  /** Sends to one frame of a tab, or all of them (the frame relay). */
  toTab?: ToTab;
  capture?: ReportDeps['capture'];
  askPermission?: ReportDeps['askPermission'];
}

const DEFAULT_NAME = 'Coach';
const noTabs: ToTab = () => Promise.reject(new Error('No tabs here.'));
/** How long a change of settings waits for open tabs to have applied it before it is answered. */
const TELL_MS = 3000;
/** What the content script sends at most for a frame table: a 16 MB MP4 header and its `ftyp`, as base64. */
const MAX_TABLE_BASE64 = Math.ceil((16 * 1024 * 1024 + 64 * 1024) / 3) * 4;
/** Annotations sent with `video.open`: enough to show the panel at once. */
export const FIRST_PAGE = 200;

export function createService({ factory, settings, broadcast, openTab, pageUrl, memory = inMemory(), toTab = noTabs, overlayCss = '', capture, askPermission }: ServiceDeps): Handlers {
  let opening: Promise<FrameCoachStore> | null = null;
  const open = () => {
    opening ??= openStore(factory).catch((error: unknown) => {
      opening = null; // Try again on the next request.
      throw error;
    });
    return opening;
  };
  /** Runs against the database, reopening once if the connection was closed under us. */
  async function onStore<T>(work: (db: FrameCoachStore) => Promise<T>): Promise<T> {
    try {
      return await work(await open());
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'closed')) throw error;
      opening = null;
      return work(await open());
    }
  }
  /**
   * Settles once every annotation save received so far has. A save reads the author from the
   * settings before its write, so a request that came after it (a tab opened right after
   * another closed on Enter, a packet exported at once) could reach the database first and
   * miss the comment: everything else waits for the saves received before it.
   */
  let saves: Promise<unknown> = Promise.resolve();
  async function withStore<T>(work: (db: FrameCoachStore) => Promise<T>): Promise<T> {
    await saves;
    return onStore(work);
  }

  const tabs = tabHandlers({ withStore, memory, openTab, pageUrl });
  const { makePacket, ...packetRequests } = packetHandlers({ withStore, settings: readSettings, broadcast });

  /** Why the settings did not reach sync, for the settings page: a field of the settings it is given, never stored. */
  const syncNote = (): { syncError?: string } => {
    const error = settings.syncError?.() ?? null;
    return error ? { syncError: error } : {};
  };
  async function loadSettings(): Promise<Settings> {
    const saved = await settings.get();
    const author = saved?.author;
    const drawing = cleanDrawingDefaults(saved?.drawing ?? {}, DEFAULT_DRAWING);
    const rest = {
      drawing,
      keybindings: cleanKeybindings(saved?.keybindings),
      recentCommands: cleanRecent(saved?.recentCommands),
      preferences: restorePreferences(saved?.preferences),
      ...(typeof saved?.lastBackupAt === 'number' && Number.isFinite(saved.lastBackupAt) ? { lastBackupAt: saved.lastBackupAt } : {}),
      ...syncNote(),
    };
    if (author && typeof author.id === 'string' && typeof author.name === 'string') return { author, ...rest };
    const fresh: Settings = { author: { id: newId(), name: DEFAULT_NAME }, ...rest };
    await settings.set(fresh);
    return fresh;
  }

  /**
   * Settings are read and changed one after another: two quick changes (colour, then width)
   * both land, and the first read on a fresh profile, which makes the author, can't store
   * its default after a rename made meanwhile.
   */
  let settingsTail: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = settingsTail.then(work);
    settingsTail = next.catch(() => undefined);
    return next;
  }
  function readSettings(): Promise<Settings> {
    return inTurn(loadSettings);
  }
  /**
   * `tell`: every tab and page applies the change at once (keys, drawing defaults, the name on
   * comments), and the answer waits until they have (TELL_MS at most: a hung tab holds nothing
   * up), so a key pressed in an open tab after the settings page says saved uses the new
   * setting. Told in the order changed; the next change does not wait for the telling.
   */
  async function changeSettings(update: (current: Settings) => Settings, tell = true): Promise<Settings> {
    const { fresh, told } = await inTurn(async () => {
      const updated = update(await loadSettings());
      await settings.set(updated);
      // Whether this change reached sync (the settings page says when it did not).
      const { syncError: _, ...rest } = updated;
      const fresh: Settings = { ...rest, ...syncNote() };
      const told = tell ? broadcast({ framecoach: 1, type: 'settings.changed', settings: fresh }).catch(() => undefined) : null;
      return { fresh, told };
    });
    if (told) await Promise.race([told, new Promise((done) => setTimeout(done, TELL_MS))]);
    return fresh;
  }

  return {
    async 'video.open'(facts, sender) {
      const identity = identifyVideo({ topUrl: sender.tabUrl, frameUrl: facts.frameUrl, src: facts.src });
      if (identity.id === UNKNOWN_VIDEO_ID) throw new Error('This video has no address FrameCoach can recognise.');
      return withStore(async (db) => {
        const video = await db.upsertVideo({
          id: identity.id,
          title: facts.title.slice(0, 500),
          pageUrl: identity.openUrl,
          duration: facts.duration,
          fps: facts.fps,
          width: facts.width ?? null,
          height: facts.height ?? null,
        });
        const [view, seekTo] = await Promise.all([videoView(db, identity.id, facts, FIRST_PAGE), tabs.opened(sender.tabId, identity.id)]);
        return { video, ...view, seekTo };
      });
    },
    ...tabs.handlers,
    async 'video.update'(facts, sender) {
      const identity = identifyVideo({ topUrl: sender.tabUrl, frameUrl: facts.frameUrl, src: facts.src });
      if (identity.id === UNKNOWN_VIDEO_ID) return null;
      return withStore(async (db) =>
        (await db.getVideo(identity.id))
          ? db.upsertVideo({
              id: identity.id,
              title: facts.title.slice(0, 500),
              pageUrl: identity.openUrl,
              duration: facts.duration,
              fps: facts.fps,
              ...(facts.clock ? { clock: facts.clock } : {}),
              width: facts.width ?? null,
              height: facts.height ?? null,
            })
          : null,
      );
    },
    ...packetRequests,
    ...frameHandlers(toTab),
    'ui.css': async () => overlayCss,
    ...reportHandlers({ makePacket, capture, askPermission }),
    async 'frames.table'({ parts, size }) {
      if (!Array.isArray(parts) || parts.length > 4 || !(size === null || (Number.isSafeInteger(size) && size >= 0))) return null;
      const decoded: Part[] = [];
      let length = 0;
      for (const part of parts as unknown[]) {
        const { at, data } = (part ?? {}) as Partial<SentPart>;
        if (typeof data !== 'string' || !Number.isSafeInteger(at) || at! < 0 || (length += data.length) > MAX_TABLE_BASE64) return null;
        try {
          decoded.push({ at: at!, bytes: fromBase64(data) });
        } catch {
          return null; // not base64: nothing to read
        }
      }
      return nextTableStep(decoded, size);
    },
    async 'annotations.list'({ videoId }) {
      return withStore(async (db) => (await videoView(db, videoId, null)).annotations);
    },
    async 'packet.attach'({ packetVideoId, videoId }) {
      if (packetVideoId === videoId) return null;
      await withStore(async (db) => {
        if (!(await db.getVideo(videoId))) throw new Error('FrameCoach does not know this video yet: reload the page and try again.');
        await db.putAlias(packetVideoId, videoId);
      });
      return null;
    },
    async 'annotation.save'({ annotation }) {
      // Only the installation's own author writes through here: someone else's records
      // (imported from their packet) are read-only, whatever the page side asked.
      const write = readSettings().then(({ author }) => onStore((db) => db.putAnnotation(annotation, { asAuthor: author.id })));
      saves = Promise.allSettled([saves, write]).then(() => undefined); // holds no results
      const result = await write;
      // Durable now: answer at once; other tabs hear about it on the side.
      void broadcast({
        framecoach: 1,
        type: 'annotations.changed',
        videoId: result.stored.videoId,
        annotations: [result.stored],
      }).catch(() => undefined);
      return result;
    },
    async 'videos.recent'({ limit }) {
      return withStore((db) => db.recentVideos(limit));
    },
    ...backupHandlers({ withStore, readSettings, changeSettings, broadcast }),
    'settings.get': () => readSettings(),
    'settings.setAuthorName'({ name }) {
      const clean = String(name).trim().slice(0, 80) || DEFAULT_NAME;
      return changeSettings((current) => ({ ...current, author: { ...current.author, name: clean } }));
    },
    'settings.setDrawingDefaults'(patch) {
      return changeSettings((current) => ({ ...current, drawing: cleanDrawingDefaults(patch, current.drawing) }));
    },
    async 'settings.setKeybindings'({ rules }) {
      const checked = checkKeybindings(rules);
      return changeSettings((current) => ({ ...current, keybindings: checked }));
    },
    'settings.setPreferences'(patch) {
      return changeSettings((current) => ({ ...current, preferences: patchPreferences(current.preferences, patch) }));
    },
    async 'commands.used'({ id }) {
      if (!isCommandId(id)) throw new Error(`Unknown command "${String(id)}"`);
      // Not told to other tabs: each reads the list when its palette next asks for settings.
      const fresh = await changeSettings((current) => ({ ...current, recentCommands: withRecent(current.recentCommands, id) }), false);
      return [...fresh.recentCommands];
    },
  };
}

export { DEFAULT_DRAWING, cleanDrawingDefaults };
