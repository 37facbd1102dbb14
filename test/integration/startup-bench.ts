// The start-up benchmark's entry (not a test: scripts/bench/startup.mjs loads it as
// extensionTestsPath). It never activates the extension itself: it waits for VS Code to do it on
// onStartupFinished, then reads the timings the extension recorded (test mode only) and writes
// them, with its own view, to the file named by STG_BENCH_RESULT. All times are performance.now()
// of the extension host, which counts from the host process's start.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';

const EXTENSION_ID = 'slack-token-guard.slack-token-guard';

export async function run(): Promise<void> {
  const entered = performance.now();
  const ext = vscode.extensions.getExtension<ExtensionTestApi | undefined>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = ext.isActive;
  const deadline = Date.now() + 120_000;
  while (!ext.isActive) {
    if (Date.now() > deadline) throw new Error('the extension did not activate on onStartupFinished within 2 minutes');
    await new Promise((r) => setTimeout(r, 5));
  }
  const seenActive = performance.now();
  const startup = ext.exports?.startup;
  if (!startup) throw new Error('no startup timings: the extension must run in test mode (extensionDevelopmentPath)');
  const result = {
    moduleStart: startup.moduleStart,
    moduleLoaded: startup.moduleLoaded,
    activateStart: startup.activateStart,
    activateEnd: startup.activateEnd,
    benchEntered: entered,
    seenActive,
    wasActiveWhenBenchStarted: wasActive,
  };
  const out = process.env.STG_BENCH_RESULT;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
}
