import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig } from 'wxt';
import { manifestCommands } from './utils/background/shortcuts';

/** The content script's `wxt/browser`: the native API, no polyfill (see the file). */
const CONTENT_BROWSER = fileURLToPath(new URL('./utils/messaging/content-browser.ts', import.meta.url));
/** FrameCoach's add-on id in Firefox: never to change (the coach's data is kept under it). */
const FIREFOX_ID = 'framecoach@framecoach.app';
/** The overlay's code (entrypoints/overlay.ts), loaded by the content script: it runs in the content script's world. */
const OVERLAY = 'overlay';
const OVERLAY_FILE = `${OVERLAY}.js`;
const inContentWorld = (e: { type: string; name: string }) => e.type === 'content-script' || (e.type === 'unlisted-script' && e.name === OVERLAY);
/** Tab capture granted at install: a test build (a browser's permission prompt can't be answered by a test). */
const GRANTS = !!process.env.FRAMECOACH_E2E_GRANTS;
/**
 * A test build (utils/dom/test-hooks.ts): the overlay's shadow root open and its readouts on the
 * host, for e2e tests. Built into its own folder; the release build never has them.
 */
const TEST_HOOKS = GRANTS || !!process.env.FRAMECOACH_TEST_HOOKS;

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  ...(TEST_HOOKS ? { outDirTemplate: `{{browser}}-mv{{manifestVersion}}-${GRANTS ? 'granted' : 'test'}` } : {}),
  // Every import is explicit: a reader sees where each name comes from.
  imports: false,
  manifest: ({ manifestVersion, browser }) => ({
    name: 'FrameCoach',
    // Firefox keys an add-on's storage (the IndexedDB with every comment) by its id: without a
    // fixed one, each load of the add-on got a new id and a new, empty database. It collects
    // no data: everything stays on the coach's machine.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: FIREFOX_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none' as const] } } } }
      : {}),
    // storage: the coach's settings (name on comments). The database is IndexedDB in the
    // extension's own origin, which needs no permission.
    permissions: ['storage'],
    // Tab capture (frames of a video the page won't let FrameCoach read, for reports) is asked
    // for when first needed, on FrameCoach's own page, never at install.
    ...(manifestVersion === 3 ? { optional_host_permissions: ['<all_urls>'] } : { optional_permissions: ['<all_urls>'] }),
    // FRAMECOACH_E2E_GRANTS: a test build that has it granted (a browser's permission prompt
    // can't be answered by a test); the release build never does.
    ...(GRANTS ? { host_permissions: ['<all_urls>'] } : {}),
    description:
      'Frame-accurate stepping, drawings and timestamped comments over any web video, for coaches.',
    // The browser's own shortcuts for a few global commands (changeable at chrome://extensions/shortcuts).
    commands: manifestCommands(),
    // The overlay's code, which the content script imports when its frame has a video
    // (entrypoints/overlay.ts). A per-session address (Chromium), so no page can probe for it
    // (Firefox's addresses are per install already); WXT writes MV2's form for Firefox.
    // The private text field (entrypoints/field), framed over the page so what the coach types
    // is in FrameCoach's origin, not the page's; the same per-session address.
    web_accessible_resources: [{ resources: [OVERLAY_FILE, 'field.html'], matches: ['<all_urls>'], use_dynamic_url: true }],
  }),
  hooks: {
    // Content scripts are downloaded and parsed in every frame of every page (the overlay in every
    // frame with a video): a second pass by terser over the default minifier's output makes them
    // about 0.75 KB (gzip) smaller.
    async 'build:done'(wxt, output) {
      if (wxt.config.command !== 'build') return;
      for (const step of output.steps) {
        for (const chunk of step.chunks) {
          if (chunk.type !== 'chunk' || !(chunk.fileName.startsWith('content-scripts/') || chunk.fileName === OVERLAY_FILE)) continue;
          const file = join(wxt.config.outDir, chunk.fileName);
          const module = chunk.fileName === OVERLAY_FILE;
          const { code } = await minify(await readFile(file, 'utf8'), { compress: { passes: 2 }, mangle: true, ecma: 2020, module });
          if (!code) throw new Error(`terser gave nothing for ${chunk.fileName}`);
          await writeFile(file, code);
        }
      }
    },
    // Content scripts run in every frame of every page: they get the native API (a few calls,
    // the same in both browsers) instead of webextension-polyfill. Everything else keeps it.
    // The overlay is built as an ES module, for the content script's `import()`.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every(inContentWorld)) return;
      if (entrypoints.some((e) => e.name === OVERLAY) && config.build?.lib) config.build.lib.formats = ['es'];
      const alias = config.resolve?.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: CONTENT_BROWSER }, ...list] };
    },
  },
  vite: () => ({
    define: { __FC_TEST_HOOKS__: JSON.stringify(TEST_HOOKS) },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
});
