import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every import is explicit: a reader sees where each name comes from.
  imports: false,
  manifest: {
    name: 'FrameCoach',
    // storage: the coach's settings (name on comments). The database is IndexedDB in the
    // extension's own origin, which needs no permission.
    permissions: ['storage'],
    description:
      'Frame-accurate stepping, drawings and timestamped comments over any web video, for coaches.',
  },
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: {
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
});
