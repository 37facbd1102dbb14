#!/usr/bin/env node
// Runs the integration suite (out/test/integration/**/*.test.js) inside a real VS Code 1.100.3
// extension host: code-server from .cache/ plus headless Chromium. See ../shared notes and README.
//
// Usage: node scripts/run-integration.mjs [--grep PATTERN] [--installed-vsix FILE] [--timeout-min N] [--keep] [--verbose]
//   --grep PATTERN         only tests whose full title matches (same as env MOCHA_GREP)
//   --installed-vsix FILE  test a packaged extension: install FILE into the run's extensions dir
//                          instead of loading this folder as the development extension
//   --timeout-min N        watchdog: stop when the tests print nothing for N minutes (default 6,
//                          env STG_TEST_TIMEOUT_MIN), or after 5×N minutes in all
//   --keep                 keep the run folder (it is kept anyway when something fails)
//   --verbose              also show code-server's log and every workbench console message
// Extra user settings for the test profile: test/integration/user-settings.json (if present) and
// env STG_TEST_USER_SETTINGS (a JSON object), merged in that order over the defaults.
// The test host sees env STG_FIXTURE_MANIFEST (path of the fixture manifest JSON) and
// STG_TEST_SUMMARY (where the runner writes its JSON summary), STG_USER_DATA_DIR and STG_RUN_DIR
// (the profile and the run folder, which the hardening tests search for leaked tokens).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { clearInterval, setInterval } from 'node:timers';
import { ensureEditor } from './install-editor.mjs';
import {
  ROOT,
  formatConsoleMessage,
  installVsix,
  launchBrowser,
  makeRunDir,
  onInterrupt,
  serverEnv,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './lib/editor-session.mjs';

function parseArgs(argv) {
  const o = { grep: process.env.MOCHA_GREP || '', vsix: '', timeoutMin: Number(process.env.STG_TEST_TIMEOUT_MIN || 6), keep: false, verbose: !!process.env.STG_VERBOSE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--grep' || a === '-g') o.grep = val();
    else if (a === '--installed-vsix') o.vsix = val();
    else if (a === '--timeout-min') o.timeoutMin = Number(val());
    else if (a === '--keep') o.keep = true;
    else if (a === '--verbose') o.verbose = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw new Error(`${file}: ${e.message}`, { cause: e });
  }
}

/** The runner (test/integration/index.ts) prefixes every extension-host console line with this. */
const HOST_LINE_MARK = '\u2063';

/** Console lines worth showing: the extension host's (tests, mocha, the extension) and real workbench errors. */
function classify(text, type) {
  const i = text.indexOf(HOST_LINE_MARK);
  if (i >= 0) return text.slice(i + HOST_LINE_MARK.length);
  if (type === 'error' && !/Failed to load resource|net::ERR_|integration test\(s\) failed|CodeExpectedError/.test(text)) return `[workbench] ${text}`;
  return undefined;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  ensureEditor();

  const testsEntry = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
  const fixtureModule = path.join(ROOT, 'out', 'test', 'support', 'fixture-workspace.js');
  for (const f of [testsEntry, fixtureModule, ...(opts.vsix ? [] : [path.join(ROOT, 'dist', 'extension.js')])]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build && npm run compile-tests\` first (npm run test:integration does both)`);
  }

  const run = makeRunDir('stg-it-');
  const manifestPath = path.join(run.dir, 'fixture-manifest.json');
  const summaryPath = path.join(run.dir, 'summary.json');
  const require = createRequire(import.meta.url);
  const seed = Number(process.env.STG_FIXTURE_SEED || 20261127);
  const manifest = require(fixtureModule).writeFixtureWorkspace(run.workspace, seed);
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

  writeUserSettings(run, {
    ...readJson(path.join(ROOT, 'test', 'integration', 'user-settings.json')),
    ...(process.env.STG_TEST_USER_SETTINGS ? JSON.parse(process.env.STG_TEST_USER_SETTINGS) : {}),
  });

  const env = serverEnv(run, {
    STG_TEST_SUMMARY: summaryPath,
    STG_FIXTURE_MANIFEST: manifestPath,
    // The hardening tests grep everything VS Code wrote to disk for leaked tokens.
    STG_USER_DATA_DIR: run.userDataDir,
    STG_RUN_DIR: run.dir,
    STG_TEST_COLOR: process.stdout.isTTY ? '1' : '0',
    ...(opts.grep ? { MOCHA_GREP: opts.grep } : {}),
    ...(opts.vsix ? { STG_INSTALLED_VSIX: '1' } : {}),
  });

  let extensionDevelopmentPath = ROOT;
  if (opts.vsix) {
    console.log(`[it] installing ${opts.vsix} into the run's extensions dir`);
    console.log(`[it] ${installVsix(run, opts.vsix, env).split('\n').pop()}`);
    // VS Code runs extensionTestsPath only in an extension development host: make it one with an
    // empty stand-in extension, so the extension under test is the installed one (production mode).
    extensionDevelopmentPath = path.join(run.dir, 'test-host-extension');
    fs.mkdirSync(extensionDevelopmentPath);
    fs.writeFileSync(
      path.join(extensionDevelopmentPath, 'package.json'),
      JSON.stringify({ name: 'integration-test-host', publisher: 'slack-token-guard-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }),
    );
  }

  const serverLog = fs.createWriteStream(path.join(run.dir, 'code-server.log'));
  const server = startCodeServer(run, {
    env,
    onLine: (l) => {
      serverLog.write(l + '\n');
      if (opts.verbose) console.log(`[code-server] ${l}`);
    },
  });
  let browser;
  let page;
  let finished = false;
  const cleanup = async () => {
    finished = true;
    await browser?.close().catch(() => {});
    await server.stop();
    serverLog.end();
  };
  const removeInterrupt = onInterrupt(async () => {
    console.log('\n[it] interrupted; stopping code-server and the browser');
    await cleanup();
  });

  let exitCode = 1;
  let timedOut = false;
  let lastHostLine = Date.now();
  try {
    const port = await server.ready;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    const done = new Promise((resolve) => {
      // The workbench calls this when the extension host has finished running extensionTestsPath.
      void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    // Console messages arrive in order; formatting is async, so chain it to keep that order.
    let printing = Promise.resolve();
    page.on('console', (msg) => {
      printing = printing.then(async () => {
        if (finished) return;
        const text = await formatConsoleMessage(msg);
        if (text.includes(HOST_LINE_MARK)) lastHostLine = Date.now();
        const shown = opts.verbose ? text : classify(text, msg.type());
        if (shown !== undefined) console.log(shown.replace(/\s+$/, ''));
      });
    });
    page.on('pageerror', (err) => console.log(`[workbench] page error: ${err.message}`));

    // The extension logs at trace level in tests, so the leak tests see every line it could write.
    const logLevel = 'slack-token-guard.slack-token-guard:trace';
    const url = workbenchUrl(port, { folder: run.workspace, extensionDevelopmentPath, extensionTestsPath: testsEntry, logLevel });
    console.log(`[it] VS Code 1.100.3 (code-server) on 127.0.0.1:${port}; run folder ${run.dir}${opts.grep ? `; grep ${JSON.stringify(opts.grep)}` : ''}`);
    // A hung test is already bounded by mocha's timeout; this catches a host that never starts or
    // never finishes. Silence is the signal, so a suite that grows does not hit it.
    const watchdog = new Promise((resolve) => {
      const start = Date.now();
      const timer = setInterval(() => {
        const now = Date.now();
        if (now - lastHostLine > opts.timeoutMin * 60_000 || now - start > 5 * opts.timeoutMin * 60_000) {
          clearInterval(timer);
          resolve('timeout');
        }
      }, 1000);
      timer.unref();
    });
    await page.goto(url);
    const result = await Promise.race([done, watchdog]);
    await printing;
    if (result === 'timeout') {
      timedOut = true;
      const shot = path.join(run.dir, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(`[it] watchdog: no test output for ${opts.timeoutMin} min (or the run took over ${5 * opts.timeoutMin}); screenshot ${shot}`);
    } else {
      exitCode = result;
    }
  } finally {
    removeInterrupt();
    await cleanup();
  }

  const summary = readJson(summaryPath);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (!summary) {
    console.log(`[it] the test runner wrote no summary (${timedOut ? 'timed out' : `exit ${exitCode}`}); logs in ${run.dir}`);
    exitCode = exitCode || 1;
  } else {
    if (summary.failed > 0 || (summary.passed === 0 && !timedOut)) exitCode = exitCode || 1;
    if (summary.passed === 0 && summary.failed === 0) console.log(`[it] no test matched${opts.grep ? ` ${JSON.stringify(opts.grep)}` : ''}`);
    for (const f of summary.failures || []) console.log(`[it] FAILED: ${f.title}`);
  }
  if (exitCode !== 0 || opts.keep) {
    const kept = ['code-server.log', 'summary.json', 'timeout.png'].filter((f) => fs.existsSync(path.join(run.dir, f)));
    console.log(`[it] run folder kept: ${run.dir} (${kept.join(', ')})`);
  }
  else fs.rmSync(run.dir, { recursive: true, force: true });
  console.log(`[it] ${secs}s`);
  console.log(`${summary?.passed ?? 0} passed, ${summary?.failed ?? 0} failed`);
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(`[it] ${e.message}`);
  process.exit(1);
});
