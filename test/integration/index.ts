// The integration suite's entry: VS Code loads this file in the extension host (as
// extensionTestsPath) and calls run(). Used by both routes: scripts/run-integration.mjs (code-server
// + headless Chromium, offline) and scripts/test-electron.mjs (@vscode/test-electron, desktop).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';

export interface TestSummary {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

function testFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * In code-server the extension host's console reaches the browser console mixed with the
 * workbench's own log lines, in the same `%c INFO` form. Marking the host's lines lets the
 * launcher show just those (and format them here, where the values still are values).
 */
export const HOST_LINE_MARK = '\u2063';

function markConsole(): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // VS Code's extension host defines console methods as accessors whose setter ignores
  // assignment, so replace the property itself (and put the original descriptor back after).
  const saved = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  for (const m of methods) {
    const orig = console[m];
    const marked = (...args: unknown[]) => orig.call(console, HOST_LINE_MARK + format(...args));
    try {
      Object.defineProperty(console, m, { configurable: true, enumerable: true, get: () => marked, set: () => {} });
    } catch {
      /* not configurable: the launcher then shows less, nothing breaks */
    }
  }
  return () =>
    methods.forEach((m, i) => {
      const d = saved[i];
      if (d) Object.defineProperty(console, m, d);
    });
}

export async function run(): Promise<void> {
  const unmark = process.env.STG_TEST_SUMMARY ? markConsole() : () => {};
  try {
    await runMocha();
  } finally {
    unmark();
  }
}

async function runMocha(): Promise<void> {
  // mocha 12 is an ES module; import() works in every extension host (require(esm) does not).
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({
    ui: 'tdd',
    // VS Code needs seconds for some things on a 2-core machine; tests wait with helpers.waitFor.
    timeout: 60_000,
    slow: 5_000,
    color: process.env.STG_TEST_COLOR === '1',
    reporter: 'spec',
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  const summary: TestSummary = { passed: 0, failed: 0, pending: 0, failures: [] };
  const writeSummary = () => {
    const target = process.env.STG_TEST_SUMMARY;
    if (target) fs.writeFileSync(target, JSON.stringify(summary, null, 2));
  };

  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        writeSummary();
        if (summary.failed > 0) reject(new Error(`${summary.failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => summary.passed++);
      runner.on('pending', () => summary.pending++);
      runner.on('fail', (test, err: Error) => {
        summary.failed++;
        summary.failures.push({ title: test.fullTitle(), error: String(err?.message ?? err).split('\n')[0] });
      });
    } catch (e) {
      summary.failed++;
      summary.failures.push({ title: 'loading the test files', error: String((e as Error)?.message ?? e) });
      writeSummary();
      reject(e);
    }
  });
}
