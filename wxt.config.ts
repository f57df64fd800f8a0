import { defineConfig } from 'wxt';

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
  }),
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
});
