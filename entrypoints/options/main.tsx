import '../../components/library/pages.css';
import '../../components/options/options.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options/options-app';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { saveTextFile } from '../../utils/dom/save-file';
import { createClient } from '../../utils/messaging/client';
import { followPageTheme } from '../../utils/settings/page-theme-browser';
import { isSettingsChange } from '../../utils/messaging/contract';

const call = createClient((message) => browser.runtime.sendMessage(message));
followPageTheme(call);

const onSettingsChange = (listener: () => void) => {
  const onMessage = (message: unknown) => {
    if (isSettingsChange(message)) listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
};

render(
  <OptionsApp
    call={call}
    commands={BUILTIN_COMMANDS}
    onSettingsChange={onSettingsChange}
    saveFile={(filename, text) => saveTextFile(document.body, filename, text)}
    openPage={(path) => void browser.tabs.create({ url: browser.runtime.getURL(path as '/library.html') })}
  />,
  document.getElementById('app')!,
);
