/**
 * The extension's own pages (library, settings, popup) in the coach's theme: light, dark, or
 * as the system says (live, when the system switches). The choice is `data-theme` on the
 * root element, which pages.css reads. The overlay over a video stays dark on any theme.
 */
import type { Settings } from '../messaging/contract';
import type { Theme } from './off-site';

/** A page's window, as much of it as the theme needs (a test can pass a fake). */
export interface ThemeWindow {
  document: { documentElement: { dataset: DOMStringMap; style: { colorScheme: string } } };
  matchMedia(query: string): Pick<MediaQueryList, 'matches' | 'addEventListener'>;
}

/**
 * Applies `system` at once (no flash before the settings arrive), then the coach's theme from
 * `settings` and from every change after (`onSettings`). Returns the theme in force, resolved.
 */
export function followTheme(
  win: ThemeWindow,
  settings: Promise<Pick<Settings, 'preferences'>>,
  onSettings: (listener: (settings: Pick<Settings, 'preferences'>) => void) => void,
): () => 'light' | 'dark' {
  const media = win.matchMedia('(prefers-color-scheme: dark)');
  let chosen: Theme = 'system';
  const resolved = () => (chosen === 'dark' || (chosen === 'system' && media.matches) ? 'dark' : 'light');
  const apply = () => {
    const root = win.document.documentElement;
    const theme = resolved();
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  };
  const choose = (s: Pick<Settings, 'preferences'>) => {
    chosen = s.preferences?.theme ?? 'system';
    apply();
  };
  media.addEventListener('change', apply);
  apply();
  settings.then(choose, () => undefined);
  onSettings(choose);
  return resolved;
}
