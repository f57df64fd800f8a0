/**
 * Nothing lost with the browser profile: the coach comments and draws, backs up everything
 * from the library, the profile is wiped, and a fresh profile restores the file: every
 * comment at its frame, the drawing where it was drawn, the coach's name back. A damaged
 * backup is refused with a message naming the record, and changes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipByFile, readBarcode } from './barcode';
import { addCommentHere, comment, fieldValue, listed, showPanel, stepTo, typeName } from './comments-helpers';
import { dragOnPicture, goToFrame, keepOnFailure, leaveTool, painted, pickTool, waitVisible } from './drawing-helpers';
import { fixtureUrl, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { measureRate } from './overlay';
import { openLibrary, openVideoAt, withProfile, shot, storedAnnotations } from './packet-helpers';

const CLIP = clipByFile('vp9-25.webm');
const LINE = { from: { x: 0.2, y: 0.75 }, to: { x: 0.7, y: 0.75 } };
const FRAMES = { land: 12, arms: 30 } as const;

let server: FixtureServer;
const dirs = { old: '', fresh: '', files: '' };
let videoUrl: string;

beforeAll(async () => {
  server = await startServer();
  for (const key of Object.keys(dirs) as (keyof typeof dirs)[]) dirs[key] = mkdtempSync(join(tmpdir(), `framecoach-backup-${key}-`));
  videoUrl = fixtureUrl(server, 'plain.html', { clip: CLIP.file, case: 'backup' });
});
afterAll(async () => {
  await server?.close();
  for (const dir of Object.values(dirs)) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

const as = <T>(profile: 'old' | 'fresh', body: (b: LaunchedBrowser) => Promise<T>) => withProfile(dirs[profile], body);
const openVideo = (b: LaunchedBrowser) => openVideoAt(b, videoUrl);

/** "Restore a backup…", the file picked; waits for the preview or the refusal. */
async function chooseBackup(library: Page, path: string): Promise<void> {
  const chooser = library.waitForEvent('filechooser');
  await library.getByRole('button', { name: 'Restore a backup…' }).click();
  await (await chooser).setFiles(path);
  await library.locator('[role=dialog][aria-label^="Restore"], [data-testid=backup-error]').first().waitFor();
}

describe('backup and restore', () => {
  let backupPath = '';

  it('the coach comments and draws, and backs up everything from the library', async () => {
    await as('old', async (b) => {
      const page = await openVideo(b);
      await keepOnFailure(page, 'backup-coach', async () => {
        await typeName(page, 'Coach Ana');
        await measureRate(page);
        await stepTo(page, CLIP, FRAMES.land);
        await addCommentHere(page, 'Land under the hip');
        await pickTool(page, 'Alt+l', 'line');
        await dragOnPicture(page, LINE.from, LINE.to);
        await leaveTool(page);
        await stepTo(page, CLIP, FRAMES.arms);
        await addCommentHere(page, 'Arms relaxed, elbows back');
      });
      const library = await openLibrary(b);
      await expect.poll(() => library.getByTestId('backup-status').textContent()).toContain('No backup yet · 3 comments and drawings');
      const download = library.waitForEvent('download');
      await library.getByTestId('backup-save').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^framecoach-backup-\d{4}-\d\d-\d\d\.json$/);
      backupPath = join(dirs.files, file.suggestedFilename());
      await file.saveAs(backupPath);
      // No packet sent yet, so no signing key to carry (the unit tests restore one).
      await expect.poll(() => library.getByTestId('backup-saved').textContent()).toContain('every video, comment, drawing, packet and setting.');
      await expect.poll(() => library.getByTestId('backup-status').textContent()).toMatch(/^Last backup .+ · nothing changed since\.$/);
      await shot(library, 'backup-saved');
    });
    // The profile is gone (a new computer, a wiped browser).
    rmSync(dirs.old, { recursive: true, force: true, maxRetries: 3 });
    expect(JSON.parse(readFileSync(backupPath, 'utf8'))).toMatchObject({ type: 'framecoach-backup', author: { name: 'Coach Ana' } });
  });

  it('a fresh profile refuses a damaged backup, naming the record, and changes nothing', async () => {
    const raw = JSON.parse(readFileSync(backupPath, 'utf8'));
    const broken = raw.annotations.findIndex((a: { kind: string }) => a.kind === 'comment');
    raw.annotations[broken].time = -1;
    const path = join(dirs.files, 'damaged.json');
    writeFileSync(path, JSON.stringify(raw));
    await as('fresh', async (b) => {
      const library = await openLibrary(b);
      await chooseBackup(library, path);
      const error = await library.getByTestId('backup-error').textContent();
      expect(error).toContain(`Comment ${broken + 1} "${raw.annotations[broken].id}"`);
      expect(error).toContain('Nothing was changed.');
      expect(await storedAnnotations(b.background!)).toEqual([]);
    });
  });

  it('the fresh profile restores it: every comment at its frame, the drawing where it was, the coach by name', async () => {
    await as('fresh', async (b) => {
      const library = await openLibrary(b);
      await chooseBackup(library, backupPath);
      const preview = library.getByRole('dialog', { name: /^Restore framecoach-backup/ });
      await expect.poll(() => preview.textContent()).toContain('by Coach Ana');
      await expect.poll(() => preview.textContent()).toContain('3 records new here');
      await expect.poll(() => preview.textContent()).toContain('You become Coach Ana again');
      await shot(library, 'backup-preview');
      await library.getByTestId('backup-restore').click();
      await library.getByTestId('backup-restored').waitFor();
      await expect.poll(() => library.locator('.lib-video').count()).toBe(1);

      const page = await openVideo(b);
      await keepOnFailure(page, 'backup-restored', async () => {
        await showPanel(page);
        const comments = await listed(page);
        expect(comments.map((c) => [c.text, c.place.match(/F\d+/)?.[0]])).toEqual([
          ['Land under the hip', `F${FRAMES.land}`],
          ['Arms relaxed, elbows back', `F${FRAMES.arms}`],
        ]);
        expect(await fieldValue(page, '.fc-name')).toBe('Coach Ana');
        // Clicking the comment shows its frame; the line is where it was drawn.
        await goToFrame(page, CLIP, 40);
        await comment(page, comments[0]!.id).locator('.fc-comment-main').click();
        await expect.poll(() => readBarcode(page), { timeout: 5_000, interval: 20 }).toBe(FRAMES.land);
        await waitVisible(page, 1);
        for (const p of [LINE.from, LINE.to, { x: 0.45, y: 0.75 }]) expect(await painted(page, p), JSON.stringify(p)).toBe(true);
        expect(await painted(page, { x: 0.45, y: 0.4 })).toBe(false);
        // Theirs to edit: the comment offers Edit, as on the old profile.
        await expect.poll(() => comment(page, comments[0]!.id).getByRole('button', { name: /edit/i }).count()).toBeGreaterThan(0);
      });
    });
  });
});
