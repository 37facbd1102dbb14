#!/usr/bin/env node
// The integration suite through @vscode/test-electron, for desktop machines with a network: it
// downloads VS Code (into .vscode-test/) and runs the same entry (out/test/integration/index.js) as
// the offline code-server route (scripts/run-integration.mjs). Same fixture workspace, same summary.
//
// Usage: node scripts/test-electron.mjs [--grep PATTERN] [--version 1.100.3|stable]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

async function main() {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const grep = opt('--grep') ?? process.env.MOCHA_GREP;
  const version = opt('--version') ?? process.env.VSCODE_TEST_VERSION ?? '1.100.3';

  const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-electron-'));
  const workspace = path.join(run, 'workspace');
  const manifest = require(path.join(ROOT, 'out', 'test', 'support', 'fixture-workspace.js')).writeFixtureWorkspace(
    workspace,
    Number(process.env.STG_FIXTURE_SEED || 20261127),
  );
  const manifestPath = path.join(run, 'fixture-manifest.json');
  const summaryPath = path.join(run, 'summary.json');
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode(version);
  } catch (e) {
    console.error(
      `[test-electron] could not download VS Code ${version} (${e.message}).\n` +
        '  This route needs a network and a desktop; offline, run the same suite in code-server:\n' +
        '    npm run test:integration',
    );
    fs.rmSync(run, { recursive: true, force: true });
    process.exit(1);
  }

  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(run, 'user-data')],
      extensionTestsEnv: {
        STG_TEST_SUMMARY: summaryPath,
        STG_FIXTURE_MANIFEST: manifestPath,
        STG_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
        ...(grep ? { MOCHA_GREP: grep } : {}),
      },
    });
  } catch {
    code = 1;
  }
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(summaryPath, 'utf8'));
  } catch {
    /* no summary: the host failed before the runner */
  }
  console.log(`${summary?.passed ?? 0} passed, ${summary?.failed ?? 0} failed`);
  if (!summary || summary.failed > 0 || summary.passed === 0) code = 1;
  process.exit(code);
}

main().catch((e) => {
  console.error(`[test-electron] ${e.message}`);
  process.exit(1);
});
