import { describe, expect, it } from 'vitest';
import { inMemory, tabHandlers } from '../../utils/background/tabs';
import type { OwnPage } from '../../utils/messaging/contract';

function handlers() {
  const opened: string[] = [];
  const h = tabHandlers({
    withStore: () => Promise.reject(new Error('no database needed')),
    memory: inMemory(),
    openTab: async (url) => (opened.push(url), 1),
    pageUrl: (path) => `chrome-extension://abc${path}`,
  });
  return { h: h.handlers, opened };
}

describe("opening FrameCoach's own pages (the tour from the shortcuts sheet)", () => {
  it.each([
    ['tour', 'chrome-extension://abc/welcome.html'],
    ['library', 'chrome-extension://abc/library.html'],
    ['settings', 'chrome-extension://abc/options.html'],
  ] as const)('%s → %s', async (page, url) => {
    const { h, opened } = handlers();
    expect(await h['page.open']({ page }, {})).toEqual({ opened: true });
    expect(opened).toEqual([url]);
  });

  it.each(['toString', '__proto__', 'https://example.com', ''])('refuses "%s", and opens nothing', async (page) => {
    const { h, opened } = handlers();
    await expect(h['page.open']({ page: page as OwnPage }, {})).rejects.toThrow(/no page/);
    expect(opened).toEqual([]);
  });
});
