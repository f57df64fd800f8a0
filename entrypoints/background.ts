import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { CodedError } from '../utils/background/reports';
import overlayCss from '../components/overlay/overlay.css?inline';
import { ALL_URLS } from '../utils/background/permissions';
import { createService } from '../utils/background/service';
import { runShortcut } from '../utils/background/shortcuts';
import { settingsSlot } from '../utils/background/settings-storage';
import { isRequest, type Broadcast } from '../utils/messaging/contract';
import { createMessageListener } from '../utils/messaging/server';

export default defineBackground(() => {
  const handlers = createService({
    factory: indexedDB,
    // This machine's copy, and the coach's other machines' through sync where the browser has it.
    settings: settingsSlot(browser.storage.local, browser.storage.sync ?? null),
    async broadcast(message: Broadcast) {
      const tabs = await browser.tabs.query({});
      await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null))));
      // The extension's own pages (library, popup) hear it too.
      await browser.runtime.sendMessage(message).catch(() => null);
    },
    openTab: async (url) => (await browser.tabs.create({ url })).id,
    pageUrl: (path) => browser.runtime.getURL(path as '/welcome.html'),
    overlayCss,
    toTab: (tabId, message, frameId) => browser.tabs.sendMessage(tabId, message, frameId === undefined ? {} : { frameId }),
    async capture(windowId) {
      // Asked for when first needed (optional_host_permissions), never at install.
      if (!(await browser.permissions.contains({ origins: [ALL_URLS] }))) {
        throw new CodedError('FrameCoach needs your permission to capture this tab (to take frames of a video the page does not let it read).', 'permission');
      }
      return browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 92 });
    },
    async askPermission() {
      await browser.windows.create({ url: browser.runtime.getURL('/permission.html'), type: 'popup', width: 480, height: 340 });
    },
    memory: {
      get: async (key) => (await browser.storage.session.get(key))[key],
      set: (key, value) => browser.storage.session.set({ [key]: value }),
      remove: (key) => browser.storage.session.remove(key),
    },
  });
  // A first install opens the tour (five things a coach needs, on a clip of its own); it is
  // reachable later from the shortcuts sheet and the palette ("Take the FrameCoach tour").
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.commands.onCommand.addListener((name, tab) =>
    void runShortcut(name, tab?.id, {
      runInTab: async (tabId, command) => (await browser.tabs.sendMessage(tabId, { framecoach: 1, type: 'ui.run', command }).catch(() => false)) === true,
      openPage: (path) => browser.tabs.create({ url: browser.runtime.getURL(path as '/library.html') }),
      async nothingRan(tabId, why) {
        // Said on the toolbar button, for a few seconds: a shortcut must never do nothing silently.
        const button = browser.action ?? browser.browserAction; // MV2 (Firefox) calls it browserAction
        await button.setBadgeText({ tabId, text: '!' });
        await button.setTitle({ tabId, title: `FrameCoach: ${why}` });
        setTimeout(() => void button.setBadgeText({ tabId, text: '' }).then(() => button.setTitle({ tabId, title: 'FrameCoach' })), 4000);
      },
    }),
  );
  // Errors with a code (StorageError, the capture permission) answer with it.
  const listener = createMessageListener(handlers);
  // Registered synchronously: a message may be what woke the service worker.
  browser.runtime.onMessage.addListener((message, sender) => {
    // Only FrameCoach's own scripts and pages (no page can message it: there is no
    // externally_connectable), checked all the same.
    if (sender.id !== browser.runtime.id) return undefined;
    const from = { tabUrl: sender.tab?.url, tabId: sender.tab?.id, windowId: sender.tab?.windowId, frameId: sender.frameId, frameUrl: sender.url };
    // Firefox tells a tab's address only with a host permission for it. The top frame's is its
    // own; a frame below (Drive's player) gets it from the top frame, so a video has the same
    // id in both browsers.
    if (from.tabUrl === undefined && from.tabId !== undefined && isRequest(message)) {
      if (!from.frameId) return listener(message, { ...from, tabUrl: from.frameUrl });
      return topAddress(from.tabId).then((tabUrl) => listener(message, { ...from, tabUrl }));
    }
    return listener(message, from);
  });
});

/** The address of a tab's top page, as its frame 0 says it (undefined when it can't answer). */
async function topAddress(tabId: number): Promise<string | undefined> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, { framecoach: 1, type: 'ui.where' }, { frameId: 0 }).catch(() => undefined);
  const url = (answer as { url?: unknown } | undefined)?.url;
  return typeof url === 'string' ? url : undefined;
}
