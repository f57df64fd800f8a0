import '../../components/library/pages.css';
import '../../components/welcome/tour.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { TourApp } from '../../components/welcome/tour-app';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import { HOST_TAG } from '../../utils/dom/host-tag';
import { createClient } from '../../utils/messaging/client';
import { isSettingsChange } from '../../utils/messaging/contract';
import { followPageTheme } from '../../utils/settings/page-theme-browser';
import { startFrameCoach } from '../video.content/controller';

const call = createClient((message) => browser.runtime.sendMessage(message));
followPageTheme(call);

const app = document.getElementById('app')!;
let rules: readonly KeybindingRule[] | null = null;
let started = false;
// Content scripts don't run on the extension's own pages: the tour runs FrameCoach itself, the
// same code, over its clip. Only from Start: a tour opened at install and closed unread leaves
// nothing behind (no video in the library, no database opened).
const start = () => {
  if (started) return;
  started = true;
  startFrameCoach(window, new AbortController().signal);
  show();
  // The keys go to the page (FrameCoach listens there), not to the button that is gone.
  (document.activeElement as HTMLElement | null)?.blur();
};
const show = () =>
  render(
    <TourApp
      rules={rules}
      overlay={() => document.querySelector<HTMLElement>(HOST_TAG)}
      openLibrary={() => void call('page.open', { page: 'library' })}
      openSettings={() => void browser.runtime.openOptionsPage()}
      started={started}
      start={start}
    />,
    app,
  );
show();
const loadKeys = () =>
  void call('settings.get', {}).then(
    (s) => ((rules = s.keybindings), show()),
    () => ((rules = []), show()),
  );
loadKeys();
browser.runtime.onMessage.addListener((message: unknown) => {
  if (isSettingsChange(message)) loadKeys();
});
