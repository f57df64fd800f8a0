/**
 * Relays between the frames of one tab (keys typed on a page for the video in its player
 * frame: see entrypoints/video.content/frame-relay.ts). Stateless: what a frame says is passed
 * to the tab's frames at once, never kept. Only within the sender's own tab, and only what
 * the contract allows: anything else is refused with a reason.
 */
import type { ContextKeys } from '../commands/context';
import type { FrameVideoMessage, KeyMessage, KeyPress } from '../messaging/contract';
import type { Handlers } from '../messaging/server';

/** Sends to a tab: one frame, or every frame when `frameId` is left out. */
export type ToTab = (tabId: number, message: FrameVideoMessage | KeyMessage, frameId?: number) => Promise<unknown>;

const MAX_KEYS = 40;
const MAX_TEXT = 40;

/** A context as the content script makes it (flags, short names), or null when it is not one. */
export function cleanContext(context: unknown): ContextKeys | null {
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return null;
  const entries = Object.entries(context);
  if (entries.length > MAX_KEYS) return null;
  const ok = entries.every(([k, v]) => k.length <= MAX_TEXT && (typeof v === 'boolean' || v === null || (typeof v === 'string' && v.length <= MAX_TEXT) || Number.isFinite(v)));
  return ok ? (Object.fromEntries(entries) as ContextKeys) : null;
}

export function cleanKey(key: unknown): KeyPress | null {
  if (typeof key !== 'object' || key === null) return null;
  const k = key as Record<string, unknown>;
  const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;
  const flag = (v: unknown) => typeof v === 'boolean';
  if (!text(k.chord) || !text(k.key) || ![k.shiftKey, k.ctrlKey, k.altKey, k.metaKey].every(flag)) return null;
  return {
    chord: k.chord as string, key: k.key as string, shiftKey: k.shiftKey as boolean, ctrlKey: k.ctrlKey as boolean, altKey: k.altKey as boolean, metaKey: k.metaKey as boolean,
    ...(k.typed === true ? { typed: true } : {}),
  };
}

export function frameHandlers(toTab: ToTab): Pick<Handlers, 'frame.video' | 'frame.key'> {
  return {
    async 'frame.video'({ context, size }, sender) {
      if (sender.tabId === undefined || sender.frameId === undefined) throw new Error('Only a page in a tab has frames.');
      const clean = context === null ? null : cleanContext(context);
      if (context !== null && !clean) throw new Error('Not a command context.');
      const cleanSize = Array.isArray(size) && size.length === 2 && size.every((n) => Number.isInteger(n) && n >= 0 && n < 1e5) ? ([size[0], size[1]] as [number, number]) : null;
      const message = { framecoach: 1, type: 'frame.video', frameId: sender.frameId, context: clean, url: sender.frameUrl ?? null, size: cleanSize } as const;
      await toTab(sender.tabId, message).catch(() => null);
      return null;
    },
    async 'frame.key'({ frameId, key }, sender) {
      if (sender.tabId === undefined) throw new Error('Only a page in a tab has frames.');
      const clean = key === null ? null : cleanKey(key);
      if (!Number.isInteger(frameId) || frameId < 0 || (key !== null && !clean)) throw new Error('Not a key for a frame.');
      const answer = await toTab(sender.tabId, { framecoach: 1, type: 'ui.key', key: clean }, frameId);
      return { handled: (answer as { handled?: unknown } | undefined)?.handled === true };
    },
  };
}
