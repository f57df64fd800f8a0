import { describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { manifestCommands, runShortcut, SHORTCUTS, type ShortcutDeps } from '../../utils/background/shortcuts';

function deps(ran: boolean) {
  const log: string[] = [];
  const d: ShortcutDeps = {
    runInTab: async (tabId, command) => (log.push(`run ${tabId} ${command}`), ran),
    openPage: async (path) => log.push(`open ${path}`),
    nothingRan: async (tabId, why) => log.push(`told ${tabId}: ${why}`),
  };
  return { d, log };
}

describe('browser shortcuts', () => {
  it('each runs a built-in command or opens a page, and the manifest offers each with its key', () => {
    const ids = new Set(BUILTIN_COMMANDS.map((c) => c.id));
    for (const s of Object.values(SHORTCUTS)) if ('command' in s) expect(ids).toContain(s.command);
    expect(manifestCommands()).toEqual({
      'toggle-overlay': { suggested_key: { default: 'Alt+Shift+H' }, description: 'Show / hide FrameCoach over the video' },
      'open-palette': { suggested_key: { default: 'Alt+Shift+O' }, description: 'Open the command palette over the video' },
      'open-library': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the FrameCoach library' },
    });
    // Chromium takes at most four suggested keys.
    expect(Object.keys(manifestCommands()).length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['toggle-overlay', true, ['run 7 view.toggleOverlay']],
    ['open-palette', true, ['run 7 view.palette']],
    ['open-palette', false, ['run 7 view.palette', 'told 7: No video with FrameCoach in this tab']],
    ['open-library', false, ['open /library.html']],
    ['from-another-version', true, []],
  ])('%s (ran: %s) → %j', async (name, ran, expected) => {
    const { d, log } = deps(ran);
    await runShortcut(name, 7, d);
    expect(log).toEqual(expected);
  });

  it('a tab-less shortcut press (a devtools window) runs nothing', async () => {
    const { d, log } = deps(true);
    await runShortcut('toggle-overlay', undefined, d);
    expect(log).toEqual([]);
  });
});
