/**
 * Builds the extension as it was at another commit, for a bench that compares the two in
 * the same run: a detached git worktree under scripts/tmp (kept between runs), sharing this
 * checkout's node_modules, built with its own wxt config. Returns the chrome-mv3 folder, or
 * null with the reason printed when there is no git history to build from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tests/e2e/harness';

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

export function buildAtCommit(ref: string): string | null {
  let sha: string;
  try {
    sha = git('rev-parse', '--verify', `${ref}^{commit}`);
  } catch {
    process.stderr.write(`baseline ${ref}: not in this checkout's git history; comparing without it\n`);
    return null;
  }
  const dir = join(REPO_ROOT, 'scripts', 'tmp', `baseline-${sha.slice(0, 12)}`);
  const out = join(dir, '.output', 'chrome-mv3');
  if (existsSync(join(out, 'manifest.json'))) return out;
  if (!existsSync(dir)) git('worktree', 'add', '--detach', dir, sha);
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  process.stderr.write(`building the baseline at ${sha.slice(0, 12)}…\n`);
  execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'wxt'), ['build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}
