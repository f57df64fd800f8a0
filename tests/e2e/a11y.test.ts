/**
 * Accessibility, checked by axe-core (WCAG 2 A and AA rules) on what a coach uses: the
 * settings page, the library, the popup, the tour, and the overlay over a video with the comment
 * panel and the command palette open. axe runs in the page (injected through the
 * DevTools protocol, which an extension page's CSP allows); a violation names its rule and
 * the elements, so a failure says what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile } from './barcode';
import { openCase } from './drawing-helpers';
import type { FixtureServer, LaunchedBrowser } from './harness';
import { useBrowser } from './session';
import { waitForCount } from './comments-helpers';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: FixtureServer;
let browser: LaunchedBrowser;
const newPage = useBrowser((s, b) => {
  server = s;
  browser = b;
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe's violations in `include` (a selector; the whole page by default), as short lines. */
async function violations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(within ? { include: [[within]] } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include ?? null);
  return (found as Violation[]).map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).join(', ')}`);
}

describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  it('the settings page', async () => {
    const page = await newPage();
    await page.goto(`${browser.origin}/options.html`);
    await page.locator('tr[data-command="frame.next"]').first().waitFor();
    expect(await violations(page)).toEqual([]);
    // With the key recorder open.
    await page.getByRole('button', { name: 'Change key . of Next frame', exact: true }).click();
    await page.keyboard.press('k');
    expect(await violations(page)).toEqual([]);
  });

  it('the library, and its palette', async () => {
    const page = await newPage();
    await page.goto(`${browser.origin}/library.html`);
    await page.getByRole('heading', { name: 'Videos' }).waitFor();
    await page.locator('.lib-foot').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('p');
    await page.locator('.fc-palette-input').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the tour, with FrameCoach over its clip', async () => {
    const page = await newPage();
    await page.goto(`${browser.origin}/welcome.html`);
    await page.getByRole('heading', { name: 'Welcome to FrameCoach' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForFunction(() => !!(document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.videoId);
    expect(await violations(page)).toEqual([]);
  });

  it('the popup', async () => {
    const page = await newPage();
    await page.goto(`${browser.origin}/popup.html?tab=999999`);
    await page.getByRole('heading', { name: 'Recent' }).waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('the overlay with the comment panel open, then with the palette open', async () => {
    const page = await newPage();
    await openCase(page, server, clipByFile('vp9-30.webm'), 'a11y');
    await page.keyboard.press('c');
    await page.keyboard.type('knee drive');
    await page.keyboard.press('Enter');
    await waitForCount(page, 1);
    await expect.poll(() => page.evaluate(() => !!document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-comments'))).toBe(true);
    expect(await violations(page, 'framecoach-overlay')).toEqual([]);
    await page.keyboard.press('p');
    await expect.poll(() => page.evaluate(() => !!document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-palette-input'))).toBe(true);
    expect(await violations(page, 'framecoach-overlay')).toEqual([]);
  });
});
