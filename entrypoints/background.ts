import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createService } from '../utils/background/service';
import type { ChangeMessage, Settings } from '../utils/messaging/contract';
import { createMessageListener } from '../utils/messaging/server';
import { StorageError } from '../utils/storage/errors';

export default defineBackground(() => {
  const handlers = createService({
    factory: indexedDB,
    settings: {
      get: async () => (await browser.storage.local.get('settings')).settings as Partial<Settings> | undefined,
      set: (settings) => browser.storage.local.set({ settings }),
    },
    async broadcast(message: ChangeMessage) {
      const tabs = await browser.tabs.query({});
      await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null))));
    },
  });
  const listener = createMessageListener(handlers, (error) => (error instanceof StorageError ? error.code : undefined));
  // Registered synchronously: a message may be what woke the service worker.
  browser.runtime.onMessage.addListener((message, sender) =>
    listener(message, { tabUrl: sender.tab?.url, tabId: sender.tab?.id }),
  );
});
