import '../../components/library/pages.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '../../components/popup/popup-app';
import { createImporter } from '../../utils/library/importer';
import { acceptDroppedFiles } from '../../utils/library/drop';
import { createClient } from '../../utils/messaging/client';

const call = createClient((message) => browser.runtime.sendMessage(message));
const importer = createImporter(call);
acceptDroppedFiles(window, (file) => void importer.choose(file));
const [tab] = await browser.tabs.query({ active: true, currentWindow: true });

render(
  <PopupApp
    call={call}
    importer={importer}
    tabId={tab?.id ?? null}
    openLibrary={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }).then(() => window.close())}
  />,
  document.getElementById('app')!,
);
