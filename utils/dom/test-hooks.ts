/**
 * What the tests may see of FrameCoach inside a web page. The release build (`npm run build`)
 * closes the overlay's shadow root and publishes nothing on its host: a page's scripts can
 * reach neither the coach's notes nor the readouts. The test build (`npm run build:test`,
 * `.output/<browser>-test`, and the tab-capture build `-granted`) opens the root and writes what
 * the HUD shows as `data-*` on the host, for e2e tests that read a page as a person sees it.
 *
 * `__FC_TEST_HOOKS__` is set by wxt.config.ts at build time; a release build has `false`
 * there, and the minifier drops the hooks' code.
 */
declare const __FC_TEST_HOOKS__: boolean | undefined;

export const TEST_HOOKS: boolean = typeof __FC_TEST_HOOKS__ === 'boolean' && __FC_TEST_HOOKS__;

/**
 * Whether the overlay in `doc` may be read from outside: in a test build, or on FrameCoach's
 * own pages (the tour watches its overlay; no other script runs there).
 */
export function overlayReadable(doc: Document): boolean {
  return TEST_HOOKS || /^(chrome|moz)-extension:$/.test(doc.location?.protocol ?? '');
}
