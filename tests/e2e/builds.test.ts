/**
 * What the built extensions declare, read from `.output` (npm test builds them before the
 * e2e tests): the Firefox add-on's fixed id (its data is kept under it: without one, every
 * load was a new add-on with an empty database), and the overlay's code split from the
 * content script, reachable only by the content script's import.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './harness';

const read = (build: string, file: string) => readFileSync(join(resolve(REPO_ROOT, '.output', build), file), 'utf8');
const manifest = (build: string) => JSON.parse(read(build, 'manifest.json')) as Record<string, unknown>;

describe('the built extensions', () => {
  it('Firefox: a fixed add-on id (never to change), no data collected', () => {
    expect(manifest('firefox-mv2').browser_specific_settings).toEqual({
      gecko: { id: 'framecoach@framecoach.app', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
    });
    expect(manifest('chrome-mv3')).not.toHaveProperty('browser_specific_settings');
  });

  it('asks for the least: storage at install, every site only when a report needs tab capture, no messages from pages (README, Permissions)', () => {
    const chrome = manifest('chrome-mv3');
    const firefox = manifest('firefox-mv2');
    expect(chrome.permissions).toEqual(['storage']);
    expect(chrome).not.toHaveProperty('host_permissions');
    expect(chrome.optional_host_permissions).toEqual(['<all_urls>']);
    // MV2 puts hosts among the permissions: none at install there either.
    expect(firefox.permissions).toEqual(['storage']);
    expect(firefox.optional_permissions).toEqual(['<all_urls>']);
    for (const m of [chrome, firefox]) expect(m).not.toHaveProperty('externally_connectable');
  });

  it('the overlay is its own ES module, web-accessible (with the private text field) only at a per-session address in Chromium', () => {
    expect(manifest('chrome-mv3').web_accessible_resources).toEqual([{ resources: ['overlay.js', 'field.html'], matches: ['<all_urls>'], use_dynamic_url: true }]);
    expect(manifest('firefox-mv2').web_accessible_resources).toEqual(['overlay.js', 'field.html']);
    for (const build of ['chrome-mv3', 'firefox-mv2']) {
      const overlay = read(build, 'overlay.js');
      expect(overlay).toMatch(/export\s*\{\s*\w+ as default\s*\}/);
      const content = read(build, 'content-scripts/video.js');
      // The content script imports it, and holds none of what it has (Preact's vnode field, the comment panel's words).
      expect(content).toContain('/overlay.js');
      expect(overlay).toContain('Collapse the comment panel');
      expect(content).not.toContain('Collapse the comment panel');
      expect(content).not.toContain('__k');
    }
  });
});
