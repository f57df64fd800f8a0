/** The command palette over a video, as the tests read and drive it. */
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { within } from './within';

/** What the palette shows: open, its text box focused, the prompt, the rows' labels (in order) and details, and the highlighted one. */
export function palette(page: Page | Frame) {
  // Bounded: a read that never answered once left a Drive test hanging to its limit, naming no step.
  return within(10_000, 'reading the palette', page.evaluate(() => {
    const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
    const box = root.querySelector('.fc-palette');
    // Over a video the text box is a private field's frame (its label is the prompt).
    const input = root.querySelector('.fc-palette-input');
    const rows = [...root.querySelectorAll('.fc-palette-row')];
    // A comment picked as an argument is painted from attributes, run by run (private-text.tsx).
    const labels = rows.map((r) => {
      const label = r.querySelector('.fc-palette-label')!;
      const runs = label.querySelectorAll('.fc-private');
      return runs.length ? [...runs].map((e) => e.getAttribute('data-text') ?? '').join('') : (label.textContent ?? '');
    });
    return {
      open: !!box,
      focused: !!input && root.activeElement === input,
      placeholder: (input as HTMLInputElement | null)?.placeholder || input?.getAttribute('title') || '',
      rows: labels,
      details: rows.map((r) => r.querySelector('.fc-palette-detail')?.textContent ?? ''),
      selected: labels[rows.findIndex((r) => r.getAttribute('aria-selected') === 'true')] ?? null,
      // As the coach sees it: the coach's own words (the query) are painted from attributes (private-text.tsx).
      empty: [root.querySelector('.fc-palette-empty')].map((empty) =>
        empty ? [...empty.childNodes].map((n) => (n instanceof Element ? (n.getAttribute('data-text') ?? n.textContent) : n.textContent)).join('') : null,
      )[0] ?? null,
    };
  }));
}

/**
 * `p`, once the palette the coach closed a moment ago has gone (its Escape or Enter is said
 * from its frame when the key is released: a key typed in the millisecond before the overlay
 * hears it still goes into the closing palette).
 */
export async function openPalette(page: Page): Promise<void> {
  await expect.poll(async () => (await palette(page)).open, { timeout: 5_000 }).toBe(false);
  await page.keyboard.press('p');
  await expect.poll(async () => (await palette(page)).focused, { timeout: 5_000 }).toBe(true);
}

/** Types a query and waits for `first` to head the list. */
export async function find(page: Page, query: string, first: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(async () => (await palette(page)).rows[0], { timeout: 5_000 }).toBe(first);
}
