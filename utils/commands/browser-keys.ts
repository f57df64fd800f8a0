/** Keys the browser uses itself, for the keybindings editor's warnings (pure data). */
import { normalizeChord } from './keys';

export interface BrowserKey {
  readonly key: string;
  readonly what: string;
  /** The browser never lets a page have it. */
  readonly reserved?: boolean;
}

const tabs = (mod: string): BrowserKey[] =>
  Array.from({ length: 9 }, (_, i) => ({ key: `${mod}+${i + 1}`, what: i === 8 ? 'Go to the last tab' : `Go to tab ${i + 1}` }));
const both = (key: string, what: string, reserved?: boolean): BrowserKey[] =>
  [`ctrl+${key}`, `meta+${key}`].map((k) => ({ key: k, what, ...(reserved ? { reserved } : {}) }));

/** Chrome's and Firefox's own keys (Windows and Linux with Ctrl, macOS with Cmd = meta). */
export const BROWSER_KEYS: readonly BrowserKey[] = [
  ...both('t', 'New tab', true),
  ...both('w', 'Close tab', true),
  ...both('n', 'New window', true),
  ...both('shift+n', 'New incognito window', true),
  ...both('shift+t', 'Reopen the closed tab', true),
  ...both('shift+w', 'Close the window', true),
  { key: 'ctrl+tab', what: 'Next tab', reserved: true },
  { key: 'ctrl+shift+tab', what: 'Previous tab', reserved: true },
  { key: 'ctrl+pagedown', what: 'Next tab', reserved: true },
  { key: 'ctrl+pageup', what: 'Previous tab', reserved: true },
  { key: 'ctrl+q', what: 'Quit (Firefox on Linux)' },
  { key: 'ctrl+shift+q', what: 'Quit', reserved: true },
  { key: 'meta+q', what: 'Quit', reserved: true },
  { key: 'alt+f4', what: 'Close the window', reserved: true },
  ...both('l', 'Address bar'),
  { key: 'alt+d', what: 'Address bar' },
  { key: 'f6', what: 'Address bar' },
  ...both('d', 'Bookmark this page'),
  ...both('f', 'Find in page'),
  ...both('g', 'Find next'),
  { key: 'f3', what: 'Find next' },
  { key: 'ctrl+h', what: 'History' },
  { key: 'meta+y', what: 'History' },
  { key: 'ctrl+j', what: 'Downloads' },
  { key: 'meta+alt+l', what: 'Downloads' },
  ...both('p', 'Print'),
  ...both('s', 'Save the page'),
  ...both('o', 'Open a file'),
  ...both('r', 'Reload'),
  ...both('shift+r', 'Reload without the cache'),
  { key: 'f5', what: 'Reload' },
  { key: 'ctrl+u', what: 'View the page source' },
  { key: 'meta+alt+u', what: 'View the page source' },
  { key: 'ctrl+e', what: 'Search from the address bar' },
  { key: 'ctrl+k', what: 'Search from the address bar' },
  ...both('shift+b', 'Bookmarks bar'),
  ...both('shift+o', 'Bookmarks manager'),
  ...both('shift+delete', 'Clear browsing data'),
  { key: 'ctrl+shift+p', what: 'New private window (Firefox)' },
  ...tabs('ctrl'),
  ...tabs('meta'),
  ...both('=', 'Zoom in'),
  ...both('+', 'Zoom in'),
  ...both('-', 'Zoom out'),
  ...both('0', 'Reset the zoom'),
  { key: 'alt+arrowleft', what: 'Back' },
  { key: 'alt+arrowright', what: 'Forward' },
  { key: 'meta+[', what: 'Back' },
  { key: 'meta+]', what: 'Forward' },
  { key: 'alt+home', what: 'Home page' },
  { key: 'alt+f', what: 'Browser menu' },
  { key: 'alt+e', what: 'Browser menu' },
  { key: 'f10', what: 'Browser menu' },
  { key: 'f1', what: 'Help' },
  { key: 'f7', what: 'Caret browsing' },
  { key: 'f11', what: 'Full screen' },
  { key: 'f12', what: 'Developer tools' },
  { key: 'ctrl+shift+i', what: 'Developer tools' },
  { key: 'meta+alt+i', what: 'Developer tools' },
  { key: 'ctrl+shift+j', what: 'JavaScript console' },
  { key: 'meta+alt+j', what: 'JavaScript console' },
  { key: 'ctrl+shift+c', what: 'Inspect an element' },
  { key: 'meta+h', what: 'Hide the browser (macOS)', reserved: true },
  { key: 'meta+m', what: 'Minimize the window (macOS)', reserved: true },
];

const BY_KEY = new Map(BROWSER_KEYS.map((k) => [k.key, k]));

/** The browser's use of a chord, or null. */
export const browserKey = (chord: string): BrowserKey | null => BY_KEY.get(normalizeChord(chord)) ?? null;
