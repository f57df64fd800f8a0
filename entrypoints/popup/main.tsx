import '../../components/library/pages.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/popup-app';
import { createImporter } from '../../utils/library/importer';
import { acceptDroppedFiles } from '../../utils/library/drop';
import { createClient } from '../../utils/messaging/client';
import { followPageTheme } from '../../utils/settings/page-theme-browser';

const call = createClient((message) => browser.runtime.sendMessage(message));
followPageTheme(call);
const importer = createImporter(call);
acceptDroppedFiles(window, (file) => void importer.choose(file));
// The toolbar's popup reports the active tab; `?tab=<id>` names one (the popup opened in a tab, in tests).
const named = Number(new URLSearchParams(location.search).get('tab'));
const tabId = Number.isInteger(named) && named > 0 ? named : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? null;

render(
  <PopupApp
    call={call}
    importer={importer}
    tabId={tabId}
    // Firefox has no per-extension file switch: the content script runs on file:// pages with
    // the host access every site gets, and its isAllowedFileSchemeAccess always answers false.
    fileAccess={import.meta.env.FIREFOX ? Promise.resolve(true) : browser.extension.isAllowedFileSchemeAccess()}
    site={
      tabId === null
        ? Promise.resolve(null)
        : browser.tabs
            .sendMessage(tabId, { framecoach: 1, type: 'ui.where' }, { frameId: 0 })
            .then((answer: unknown) => (answer as { host?: unknown } | undefined)?.host)
            .then((host) => (typeof host === 'string' && host ? host : null), () => null)
    }
    runInTab={async (command) => {
      if (tabId === null) return false;
      const ran = await browser.tabs.sendMessage(tabId, { framecoach: 1, type: 'ui.run', command }).catch(() => false);
      if (ran === true) window.close();
      return ran === true;
    }}
    openLibrary={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }).then(() => window.close())}
  />,
  document.getElementById('app')!,
);
