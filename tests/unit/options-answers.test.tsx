// @vitest-environment happy-dom
/**
 * The settings page when answers to quick changes cross (components/options/options-app.tsx):
 * a colour picked, then a width; the colour's answer, carrying the old width, comes last. The
 * width the coach picked stays on the page.
 */
import { render } from 'preact';
import { afterEach, expect, it, vi } from 'vitest';
import type { Settings } from '../../utils/messaging/contract';
import { DEFAULT_DRAWING } from '../../utils/background/drawing-defaults';
import { DEFAULT_PREFERENCES } from '../../utils/settings/off-site';

vi.mock('wxt/browser', () => ({ browser: { runtime: { id: 'fc', getURL: (path: string) => `chrome-extension://fc${path}` } } }));
const { OptionsApp } = await import('../../components/options/options-app');

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

const tick = () => new Promise((done) => setTimeout(done, 0));

it('keeps the width just picked when the answer to the colour picked before it comes last', async () => {
  let stored: Settings = {
    author: { id: 'coach', name: 'Coach Kim' },
    drawing: { ...DEFAULT_DRAWING, width: 3 },
    keybindings: [],
    recentCommands: [],
    preferences: DEFAULT_PREFERENCES,
  };
  const held: Array<() => void> = [];
  // Each change is stored at once (the background takes them in turn); its answer waits to be let go.
  const call = vi.fn(async (type: string, args: unknown) => {
    if (type === 'settings.get') return stored;
    if (type === 'settings.setDrawingDefaults') {
      stored = { ...stored, drawing: { ...stored.drawing, ...(args as object) } };
      const answer = stored;
      return new Promise<Settings>((done) => held.push(() => done(answer)));
    }
    throw new Error(`unexpected ${type}`);
  });
  root = document.createElement('div');
  document.body.append(root);
  render(<OptionsApp call={call as never} commands={[]} onSettingsChange={() => () => undefined} saveFile={() => undefined} openPage={() => undefined} />, root);
  await vi.waitFor(() => expect(root!.querySelector('.opt-swatch')).not.toBeNull());
  const width = () => root!.querySelector<HTMLSelectElement>('.opt-prefs fieldset select')!;
  root.querySelector<HTMLButtonElement>('.opt-swatch[aria-label="Green"]')!.click();
  width().value = '6';
  width().dispatchEvent(new Event('change', { bubbles: true }));
  expect(held).toHaveLength(2);
  // The width's answer first, then the colour's (with width 3).
  held[1]!();
  await tick();
  held[0]!();
  await tick();
  await tick();
  expect(width().value).toBe('6');
  expect(root.querySelector('.opt-swatch[aria-label="Green"]')!.getAttribute('aria-checked')).toBe('true');
});
