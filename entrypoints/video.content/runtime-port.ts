import { browser } from 'wxt/browser';
import {
  isChange,
  isFrameVideo,
  isKey,
  isRun,
  isSettingsChange,
  isWhere,
  type ChangeMessage,
  type FrameVideoMessage,
  type KeyPress,
  type Settings,
} from '../../utils/messaging/contract';
import { TEST_HOOKS } from '../../utils/dom/test-hooks';

/** What a frame does with each message the extension sends it. */
export interface RuntimeHandlers {
  /** Annotations changed (in this tab or another). */
  changed(message: ChangeMessage): void;
  /** The coach's settings changed; the background waits for this frame to have applied them. */
  settings(settings: Settings): void;
  /** Another frame of the tab has a video, or none now. */
  frameVideo(message: FrameVideoMessage): void;
  /** A key typed in another frame of the tab, for this frame's video (null: no more come from there). Handled? */
  relayedKey(key: KeyPress | null): boolean;
  /** The popup's buttons: a command to run over this frame's video; null when it has none. */
  run(command: string): Promise<unknown> | null;
}

/**
 * The frame's side of the extension's runtime messages, until `signal` aborts. Answers go through
 * `sendResponse` (the native API: see utils/messaging/content-browser.ts), `true` keeping the
 * channel open for an answer given later.
 */
export function listenToRuntime(win: Window, handlers: RuntimeHandlers, signal: AbortSignal): void {
  const doc = win.document;
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void): true | undefined => {
    if (isChange(message)) handlers.changed(message);
    if (isSettingsChange(message)) {
      // Test builds: a mark makes the change arrive a second late, as on a busy machine.
      if (TEST_HOOKS && doc.documentElement.hasAttribute('data-fc-test-settings-late')) {
        win.setTimeout(() => {
          handlers.settings(message.settings);
          sendResponse({ applied: true });
        }, 1000);
        return true;
      }
      handlers.settings(message.settings);
    }
    if (isWhere(message) && win === win.top) {
      sendResponse({ host: win.location.hostname, url: win.location.href });
      return undefined;
    }
    if (isFrameVideo(message)) handlers.frameVideo(message);
    if (isKey(message)) {
      sendResponse({ handled: handlers.relayedKey(message.key) });
      return undefined;
    }
    // Only the extension's own pages (the popup) reach this listener with a command.
    const ran = isRun(message) ? handlers.run(message.command) : null;
    if (!ran) return undefined;
    void ran.then(sendResponse, (error: unknown) => sendResponse({ error: String(error) }));
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));
}
