/**
 * Lists every test that failed and then passed when tried again (with `--retry N`: no project
 * retries by itself, vitest.config.ts), with what its first try said. Such a test is a
 * bug not yet understood, not a pass: the list ends every run, so it is seen and written down.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class FlakyReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const flaky: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        if (!test.diagnostic()?.flaky) continue;
        const first = test.result().errors?.[0];
        const message = first ? `${first.name ?? 'Error'}: ${first.message}` : '(no message)';
        flaky.push(`  ${test.project.name} · ${module.moduleId.replace(/^.*?\/tests\//, 'tests/')} > ${test.fullName}\n    first try: ${message.split('\n').slice(0, 12).join('\n    ')}`);
      }
    }
    if (!flaky.length) return;
    process.stdout.write(`\nFailed once, then passed when tried again (${flaky.length}); each is a bug to find:\n${flaky.join('\n')}\n\n`);
  }
}
