/**
 * The browser's own extension shortcuts (manifest `commands`): a few global commands that
 * work even where the page has the focus in its own controls. Each maps to a FrameCoach
 * command run over the active tab's video, or to one of FrameCoach's pages.
 */
export const SHORTCUTS = {
  'toggle-overlay': { key: 'Alt+Shift+H', description: 'Show / hide FrameCoach over the video', command: 'view.toggleOverlay' },
  'open-palette': { key: 'Alt+Shift+O', description: 'Open the command palette over the video', command: 'view.palette' },
  'open-library': { key: 'Alt+Shift+L', description: 'Open the FrameCoach library', page: '/library.html' },
} as const satisfies Record<string, { key: string; description: string; command?: string; page?: string }>;

export type ShortcutName = keyof typeof SHORTCUTS;

/** The manifest's `commands` entry for these shortcuts. */
export function manifestCommands(): Record<string, { suggested_key: { default: string }; description: string }> {
  return Object.fromEntries(
    Object.entries(SHORTCUTS).map(([name, s]) => [name, { suggested_key: { default: s.key }, description: s.description }]),
  );
}

export interface ShortcutDeps {
  /** Runs a command over the video in tab `tabId` (as its key would); false when nothing ran. */
  runInTab(tabId: number, command: string): Promise<boolean>;
  openPage(path: string): Promise<unknown>;
  /** Tells the user why nothing happened (a notification-free fallback: the badge). */
  nothingRan(tabId: number, why: string): Promise<unknown>;
}

/** What a shortcut does; unknown names are ignored (another version's shortcut). */
export async function runShortcut(name: string, tabId: number | undefined, deps: ShortcutDeps): Promise<void> {
  const shortcut = (SHORTCUTS as Record<string, { command?: string; page?: string }>)[name];
  if (!shortcut) return;
  if (shortcut.page) {
    await deps.openPage(shortcut.page);
    return;
  }
  if (tabId === undefined || !shortcut.command) return;
  if (!(await deps.runInTab(tabId, shortcut.command))) await deps.nothingRan(tabId, 'No video with FrameCoach in this tab');
}
