/**
 * The keybindings editor on the settings page (options.html), in real Chromium: Next frame
 * gets N with the real keyboard (the recorder shows the clash with Play / pause, YouTube's
 * K and the browser's Ctrl+F before anything is saved); the row says N, User; another
 * settings tab follows; a key that clashes is flagged in the table; the rules are exported
 * as keybindings.json (the download), Reset all brings the defaults back, importing the
 * file brings N back, a bad file is refused naming its line and entry and changes nothing,
 * and a reload still shows N (stored by the background).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { knownCommands, parseKeybindingsFile } from '../../utils/commands/keybindings-file';
import { REPO_ROOT, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';

const IDS = knownCommands(BUILTIN_COMMANDS);
const N_RULES = [
  { key: '.', command: '-frame.next' },
  { key: 'n', command: 'frame.next' },
];

let b: LaunchedBrowser;
let dir: string;

beforeAll(async () => {
  b = await launchTestBrowser();
  dir = mkdtempSync(join(tmpdir(), 'framecoach-keys-'));
});
afterAll(async () => {
  await b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

async function openOptions(): Promise<Page> {
  const page = await b.newPage();
  await page.goto(`${b.origin}/options.html`);
  await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
  await page.locator('table.kb-table tr[data-command="frame.next"]').first().waitFor();
  return page;
}

const keysOf = (page: Page, id: string) => page.locator(`tr[data-command="${id}"] td.kb-key kbd`).allTextContents();
const sourcesOf = (page: Page, id: string) => page.locator(`tr[data-command="${id}"] td.kb-source`).allTextContents();
const warningsOf = (page: Page, id: string) => page.locator(`tr[data-command="${id}"] td.kb-key .kb-warning`).allTextContents();
const activeLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('data-testid') ?? null);

/** The user's rules as the background stored them. */
const storedRules = () =>
  b.background!.evaluate(async () => {
    const ext = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await ext.storage.local.get('settings')).settings as { keybindings?: unknown } | undefined)?.keybindings ?? null;
  });

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: join(REPO_ROOT, 'test-results', `${name}.png`), fullPage: true });
}

describe('keybindings editor', () => {
  let page: Page;
  let exported: string;

  it('shows every command in a real table, and searches by title, id and key', async () => {
    page = await openOptions();
    expect(await page.title()).toBe('FrameCoach settings');
    for (const name of ['Command', 'Category', 'Key', 'When', 'Source']) await expect.poll(() => page.getByRole('columnheader', { name, exact: true }).count()).toBe(1);
    expect(await keysOf(page, 'frame.next')).toEqual(['.']);
    expect(await sourcesOf(page, 'frame.next')).toEqual(['Default']);
    const search = page.getByRole('searchbox', { name: 'Search keyboard shortcuts' });
    await search.fill('shift+f');
    await expect.poll(() => page.locator('table.kb-table tbody tr').first().getAttribute('data-command')).toBe('view.fullscreen');
    await search.fill('zzqqxx');
    await page.getByText('No command or key matches “zzqqxx”.').waitFor();
    await search.fill('');
    await shot(page, 'keybindings-defaults');
  });

  it('records N for Next frame with the keyboard, warning of clashes on the way', async () => {
    const other = await openOptions(); // another settings tab follows the change
    await page.bringToFront();
    await page.getByRole('button', { name: 'Change key . of Next frame', exact: true }).click();
    await expect.poll(() => activeLabel(page)).toBe('Press the new key for Next frame');
    const status = page.getByTestId('recorder-status');

    await page.keyboard.press('k');
    await expect.poll(() => status.textContent()).toContain('Also the key of “Play / pause”');
    expect(await status.textContent()).toContain('YouTube: Play / pause');
    await shot(page, 'keybindings-recorder-k');

    await page.keyboard.press('Control+f');
    await expect.poll(() => status.textContent()).toContain('Browser: Find in page');
    expect(await status.textContent()).not.toContain('Play / pause');

    await page.keyboard.press('n');
    await expect.poll(() => page.getByTestId('key-capture').textContent()).toBe('N');
    await expect.poll(() => status.textContent()).toBe('');
    await page.keyboard.press('Enter');

    await expect.poll(() => keysOf(page, 'frame.next')).toEqual(['N']);
    expect(await sourcesOf(page, 'frame.next')).toEqual(['User']);
    expect(await page.getByTestId('key-capture').count()).toBe(0);
    await expect.poll(() => activeLabel(page)).toBe('Change key N of Next frame');
    await expect.poll(storedRules).toEqual(N_RULES);
    await expect.poll(() => keysOf(other, 'frame.next')).toEqual(['N']);
    await other.close();
  });

  it('Escape cancels the recorder; a clashing key added with Save is flagged in the table, then removed', async () => {
    await page.getByRole('button', { name: 'Change key N of Next frame', exact: true }).click();
    await page.keyboard.press('m');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('key-capture').count()).toBe(0);
    expect(await keysOf(page, 'frame.next')).toEqual(['N']);

    await page.getByRole('button', { name: 'Add key to Slower', exact: true }).click();
    await page.keyboard.press('k');
    await page.getByRole('group', { name: 'Add a key to Slower' }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => keysOf(page, 'playback.slower')).toEqual(['<', 'K']);
    const slower = page.locator('tr[data-command="playback.slower"][data-source="user"] .kb-warning');
    await expect.poll(() => slower.allTextContents()).toEqual([expect.stringContaining('“Play / pause”'), expect.stringContaining('YouTube: Play / pause')]);
    await expect.poll(() => warningsOf(page, 'playback.toggle')).toEqual([expect.stringContaining('Also the key of “Slower”'), expect.stringContaining('YouTube: Play / pause')]);
    await shot(page, 'keybindings-conflict');

    await page.getByRole('button', { name: 'Remove key K of Slower', exact: true }).click();
    await expect.poll(() => keysOf(page, 'playback.slower')).toEqual(['<']);
    expect(await warningsOf(page, 'playback.toggle')).toEqual([expect.stringContaining('YouTube: Play / pause')]);
    await expect.poll(storedRules).toEqual(N_RULES);
  });

  it("Reset brings one command back to its default keys and leaves the others' rules alone", async () => {
    // Slower: its default key removed and J added.
    await page.getByRole('button', { name: 'Remove key < of Slower', exact: true }).click();
    await expect.poll(() => keysOf(page, 'playback.slower')).toEqual([]);
    await page.getByRole('button', { name: 'Add key to Slower', exact: true }).click();
    await page.keyboard.press('j');
    await page.getByRole('group', { name: 'Add a key to Slower' }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => keysOf(page, 'playback.slower')).toEqual(['J']);
    await expect.poll(async () => ((await storedRules()) as unknown[] | null)?.length).toBe(N_RULES.length + 2);

    await page.getByRole('button', { name: 'Reset Slower to its default keys', exact: true }).click();
    await expect.poll(() => keysOf(page, 'playback.slower')).toEqual(['<']);
    expect(await sourcesOf(page, 'playback.slower')).toEqual(['Default']);
    await expect.poll(storedRules).toEqual(N_RULES);
    expect(await keysOf(page, 'frame.next')).toEqual(['N']);
    expect(await page.getByRole('button', { name: 'Reset Slower to its default keys', exact: true }).count()).toBe(0);
  });

  it('exports keybindings.json, resets all (asked in the page), imports the file back', async () => {
    const download = page.waitForEvent('download', { timeout: 10_000 });
    await page.getByRole('button', { name: 'Export keybindings.json' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('keybindings.json');
    exported = join(dir, 'keybindings.json');
    await file.saveAs(exported);
    expect(parseKeybindingsFile(readFileSync(exported, 'utf8'), IDS)).toEqual({ ok: true, rules: N_RULES });

    await page.getByRole('button', { name: 'Reset all…' }).click();
    await page.getByRole('button', { name: 'Yes, reset all' }).click();
    await expect.poll(() => keysOf(page, 'frame.next')).toEqual(['.']);
    expect(await sourcesOf(page, 'frame.next')).toEqual(['Default']);
    expect(await page.locator('tr[data-source="user"]').count()).toBe(0);
    await expect.poll(storedRules).toEqual([]);

    await page.getByTestId('keybindings-file').setInputFiles(exported);
    await expect.poll(() => keysOf(page, 'frame.next')).toEqual(['N']);
    expect(await sourcesOf(page, 'frame.next')).toEqual(['User']);
    await page.getByText('Imported 2 rules from keybindings.json.').waitFor();
    await expect.poll(storedRules).toEqual(N_RULES);
  });

  it('refuses a bad file whole, naming its line and entry', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[\n  { "key": "m", "command": "frame.previous" },\n  { "key": "x", "command": "no.such.command" }\n]\n');
    await page.getByTestId('keybindings-file').setInputFiles(bad);
    const alert = page.getByRole('alert').filter({ hasText: 'bad.json' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Line 3, entry 2: Unknown command "no.such.command".');
    await shot(page, 'keybindings-bad-file');
    expect(await keysOf(page, 'frame.previous')).toEqual([',']);
    expect(await keysOf(page, 'frame.next')).toEqual(['N']);
    expect(await storedRules()).toEqual(N_RULES);
  });

  it('keeps the rules: a reload shows N, from the user', async () => {
    await page.reload();
    await page.locator('tr[data-command="frame.next"] td.kb-key kbd').first().waitFor();
    await expect.poll(() => keysOf(page, 'frame.next')).toEqual(['N']);
    expect(await sourcesOf(page, 'frame.next')).toEqual(['User']);
    await page.close();
  });
});
