import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig } from 'wxt';
import { manifestCommands } from './utils/background/shortcuts';

/** The content script's `wxt/browser`: the native API, no polyfill (see the file). */
const CONTENT_BROWSER = fileURLToPath(new URL('./utils/messaging/content-browser.ts', import.meta.url));

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  ...(process.env.FRAMECOACH_E2E_GRANTS ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-granted' } : {}),
  // Every import is explicit: a reader sees where each name comes from.
  imports: false,
  manifest: ({ manifestVersion }) => ({
    name: 'FrameCoach',
    // storage: the coach's settings (name on comments). The database is IndexedDB in the
    // extension's own origin, which needs no permission.
    permissions: ['storage'],
    // Tab capture (frames of a video the page won't let FrameCoach read, for reports) is asked
    // for when first needed, on FrameCoach's own page, never at install.
    ...(manifestVersion === 3 ? { optional_host_permissions: ['<all_urls>'] } : { optional_permissions: ['<all_urls>'] }),
    // FRAMECOACH_E2E_GRANTS: a test build that has it granted (a browser's permission prompt
    // can't be answered by a test); the release build never does.
    ...(process.env.FRAMECOACH_E2E_GRANTS ? { host_permissions: ['<all_urls>'] } : {}),
    description:
      'Frame-accurate stepping, drawings and timestamped comments over any web video, for coaches.',
    // The browser's own shortcuts for a few global commands (changeable at chrome://extensions/shortcuts).
    commands: manifestCommands(),
  }),
  hooks: {
    // Content scripts are downloaded and parsed in every frame of every page: a second pass by
    // terser over the default minifier's output makes them about 0.75 KB (gzip) smaller.
    async 'build:done'(wxt, output) {
      if (wxt.config.command !== 'build') return;
      for (const step of output.steps) {
        for (const chunk of step.chunks) {
          if (chunk.type !== 'chunk' || !chunk.fileName.startsWith('content-scripts/')) continue;
          const file = join(wxt.config.outDir, chunk.fileName);
          const { code } = await minify(await readFile(file, 'utf8'), { compress: { passes: 2 }, mangle: true, ecma: 2020 });
          if (!code) throw new Error(`terser gave nothing for ${chunk.fileName}`);
          await writeFile(file, code);
        }
      }
    },
    // Content scripts run in every frame of every page: they get the native API (a few calls,
    // the same in both browsers) instead of webextension-polyfill. Everything else keeps it.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      const list = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: CONTENT_BROWSER }, ...list] };
    },
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
});
