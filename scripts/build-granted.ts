/**
 * The test build that has tab capture granted at install (.output/chrome-mv3-granted): a
 * browser's permission prompt can't be answered by a test, so the e2e test of the tab-capture
 * path loads this one. The release build (npm run build) asks when first needed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../tests/e2e/harness';

execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, FRAMECOACH_E2E_GRANTS: '1' },
});
