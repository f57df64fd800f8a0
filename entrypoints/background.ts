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
      // The extension's own pages (library, popup) hear it too.
      await browser.runtime.sendMessage(message).catch(() => null);
    },
    openTab: async (url) => (await browser.tabs.create({ url })).id,
    memory: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
      remove: (key) => browser.storage.session.remove(key),
    },
  });
  const listener = createMessageListener(handlers, (error) => (error instanceof StorageError ? error.code : undefined));
  // Registered synchronously: a message may be what woke the service worker.
  browser.runtime.onMessage.addListener((message, sender) =>
    listener(message, { tabUrl: sender.tab?.url, tabId: sender.tab?.id }),
  );
});
