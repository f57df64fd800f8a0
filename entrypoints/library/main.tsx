import '../../components/library/pages.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LibraryApp } from '../../components/library/library-app';
import { createSender } from '../../utils/annotations/send';
import { createImporter } from '../../utils/library/importer';
import { acceptDroppedFiles } from '../../utils/library/drop';
import { createClient } from '../../utils/messaging/client';
import { followPageTheme } from '../../utils/settings/page-theme-browser';
import { isChange, isSettingsChange } from '../../utils/messaging/contract';
import type { PacketSender } from '../../utils/packets/format';
import { copyText, saveTextFile } from '../../utils/dom/save-file';

const call = createClient((message) => browser.runtime.sendMessage(message));
followPageTheme(call);
const importer = createImporter(call);
let sendingFor: string | null = null;
let reviewer: PacketSender | null = null;
const sender = createSender({
  call,
  videoId: () => sendingFor,
  reviewer: () => reviewer,
  saveFile: (filename, text) => saveTextFile(document.body, filename, text),
  copyText: (text) => copyText(document.body, text),
});
acceptDroppedFiles(window, (file) => void importer.choose(file));

render(
  <LibraryApp
    call={call}
    importer={importer}
    sender={sender}
    sendFor={(videoId, who) => {
      sendingFor = videoId;
      reviewer = who;
    }}
    openSettings={() => void browser.runtime.openOptionsPage()}
    saveFile={(filename, text) => saveTextFile(document.body, filename, text)}
    onChange={(listener) => {
      const onMessage = (message: unknown) => {
        if (isChange(message) || isSettingsChange(message)) listener();
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    }}
  />,
  document.getElementById('app')!,
);
