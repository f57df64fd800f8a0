import '../../components/library/pages.css';
import '../../components/welcome/tour.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { TourApp } from '../../components/welcome/tour-app';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import { HOST_TAG } from '../../utils/dom/overlay-host';
import { createClient } from '../../utils/messaging/client';
import { isSettingsChange } from '../../utils/messaging/contract';
import { followPageTheme } from '../../utils/settings/page-theme-browser';
import { startFrameCoach } from '../video.content/controller';

const call = createClient((message) => browser.runtime.sendMessage(message));
followPageTheme(call);

const app = document.getElementById('app')!;
const show = (rules: readonly KeybindingRule[] | null) =>
  render(
    <TourApp
      rules={rules}
      overlay={() => document.querySelector<HTMLElement>(HOST_TAG)}
      openLibrary={() => void call('page.open', { page: 'library' })}
      openSettings={() => void browser.runtime.openOptionsPage()}
    />,
    app,
  );
show(null);
const loadKeys = () => void call('settings.get', {}).then((s) => show(s.keybindings), () => show([]));
loadKeys();
browser.runtime.onMessage.addListener((message: unknown) => {
  if (isSettingsChange(message)) loadKeys();
});

// Content scripts don't run on the extension's own pages: the tour runs FrameCoach itself, the same code, over its clip.
startFrameCoach(window, new AbortController().signal);
