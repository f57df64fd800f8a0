import { describe, expect, it } from 'vitest';
import { followTheme, type ThemeWindow } from '../../utils/settings/page-theme';
import type { Theme } from '../../utils/settings/off-site';

function fakeWindow(systemDark: boolean) {
  const listeners: (() => void)[] = [];
  const media = { matches: systemDark, addEventListener: (_: string, l: () => void) => listeners.push(l) };
  const root = { dataset: {} as DOMStringMap, style: { colorScheme: '' } };
  const win = { document: { documentElement: root }, matchMedia: () => media } as unknown as ThemeWindow;
  return { win, root, switchSystem: (dark: boolean) => ((media.matches = dark), listeners.forEach((l) => l())) };
}
const settingsOf = (theme: Theme) => ({ preferences: { speeds: [1, 2], offSites: [], panelDock: 'beside' as const, theme } });

describe("the extension's pages follow the coach's theme", () => {
  it("the system's at once, before the settings are in; then the coach's; live on a change", async () => {
    const { win, root, switchSystem } = fakeWindow(true);
    let changed!: (s: ReturnType<typeof settingsOf>) => void;
    let answer!: (s: ReturnType<typeof settingsOf>) => void;
    followTheme(win, new Promise((r) => (answer = r)), (l) => (changed = l));
    expect(root.dataset.theme).toBe('dark');
    answer(settingsOf('light'));
    await Promise.resolve();
    expect(root.dataset.theme).toBe('light');
    expect(root.style.colorScheme).toBe('light');
    switchSystem(false);
    switchSystem(true); // the coach chose light: the system's switch changes nothing
    expect(root.dataset.theme).toBe('light');
    changed(settingsOf('system'));
    expect(root.dataset.theme).toBe('dark');
    switchSystem(false);
    expect(root.dataset.theme).toBe('light');
  });

  it('settings that cannot be read leave the system theme', async () => {
    const { win, root } = fakeWindow(false);
    followTheme(win, Promise.reject(new Error('no background')), () => undefined);
    await Promise.resolve();
    expect(root.dataset.theme).toBe('light');
  });
});
