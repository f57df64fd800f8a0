/**
 * The test builds, never shipped (see utils/dom/test-hooks.ts and wxt.config.ts):
 *
 *   tsx scripts/build-test.ts test               .output/chrome-mv3-test: the overlay readable by e2e tests
 *   tsx scripts/build-test.ts test -b firefox    .output/firefox-mv2-test: the same for Firefox
 *   tsx scripts/build-test.ts granted            .output/chrome-mv3-granted: also tab capture granted
 *                                                at install (a permission prompt can't be answered by a test)
 *   tsx scripts/build-test.ts granted -b firefox .output/firefox-mv2-granted: the same for Firefox
 *
 * The release build (npm run build) keeps the overlay closed to the page and asks for tab
 * capture when first needed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../tests/e2e/harness';

const [kind, ...wxtArgs] = process.argv.slice(2);
if (kind !== 'test' && kind !== 'granted') throw new Error('usage: build-test.ts test|granted [wxt build options]');

execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'wxt'), ['build', ...wxtArgs], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, ...(kind === 'granted' ? { FRAMECOACH_E2E_GRANTS: '1' } : { FRAMECOACH_TEST_HOOKS: '1' }) },
});
