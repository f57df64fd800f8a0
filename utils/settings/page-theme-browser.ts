import { browser } from 'wxt/browser';
import type { Call } from '../messaging/client';
import { isSettingsChange } from '../messaging/contract';
import { followTheme } from './page-theme';

/** One of the extension's pages follows the coach's theme (see page-theme.ts). */
export function followPageTheme(call: Call): void {
  followTheme(window, call('settings.get', {}), (listener) =>
    browser.runtime.onMessage.addListener((message: unknown) => {
      if (isSettingsChange(message)) listener(message.settings);
    }),
  );
}
