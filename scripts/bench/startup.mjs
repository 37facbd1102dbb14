#!/usr/bin/env node
// `npm run bench:startup` (also run by `npm run bench`): what the extension adds to VS Code's
// start-up. Prints the size of the production bundle (bytes and gzip bytes) and of the .vsix
// contents, then, in the real extension host (VS Code 1.100.3 via code-server + headless Chromium),
// over several fresh starts:
//   - the extension's own cost: evaluating the bundle (performance.now() at its first and last
//     module, as the extension records it) plus activate() (at its start and end); VS Code's own
//     wait between the two (it prepares the extension's storage meanwhile) is shown apart;
//   - host start -> activated: the extension host's clock when activate() returned, i.e. when
//     VS Code got to onStartupFinished plus the two above;
//   - seen active by a test: when a separate test entry in the same host saw isActive become true.
// The extension runs from a staged production build (the same as `npm run package` packs) as a
// development extension, since only test mode exposes its timings.
//
// Options: --runs N (fresh starts, default 3), --no-build (ignored: the staged build is always made).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureEditor } from '../install-editor.mjs';
import { ROOT, launchBrowser, makeRunDir, onInterrupt, serverEnv, startCodeServer, workbenchUrl, writeUserSettings } from '../lib/editor-session.mjs';
import { stage } from '../package.mjs';
import { benchArgs } from './options.mjs';

const RUNS = benchArgs().number('--runs', 3);
const fmt = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One fresh start of the workbench with the staged extension; resolves to the entry's JSON. */
async function oneStart(extensionDir, entry) {
  const run = makeRunDir('stg-startup-');
  const resultPath = path.join(run.dir, 'startup.json');
  writeUserSettings(run, {});
  const server = startCodeServer(run, { env: serverEnv(run, { STG_BENCH_RESULT: resultPath }) });
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server.stop();
  };
  const removeInterrupt = onInterrupt(cleanup);
  try {
    const port = await server.ready;
    browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const done = new Promise((resolve) => void page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))));
    await page.goto(workbenchUrl(port, { folder: run.workspace, extensionDevelopmentPath: extensionDir, extensionTestsPath: entry }));
    const watchdog = new Promise((resolve) => setTimeout(() => resolve('timeout'), 180_000).unref());
    const r = await Promise.race([done, watchdog]);
    if (r === 'timeout') throw new Error('no result within 3 minutes');
    if (!fs.existsSync(resultPath)) throw new Error(`the bench entry wrote no result (exit ${r})`);
    return JSON.parse(fs.readFileSync(resultPath, 'utf8'));
  } finally {
    removeInterrupt();
    await cleanup();
    fs.rmSync(run.dir, { recursive: true, force: true });
  }
}

async function main() {
  const entry = path.join(ROOT, 'out', 'test', 'integration', 'startup-bench.js');
  if (!fs.existsSync(entry)) throw new Error('out/test/integration/startup-bench.js is missing: run npx tsc -p . first');
  ensureEditor();
  const dir = stage(path.join(ROOT, '.cache', 'bench-startup'));

  const results = { bundle: {}, runs: [] };
  console.log('startup: bundle sizes (production build, as packaged)');
  for (const f of ['extension.js', 'cli.js']) {
    const buf = fs.readFileSync(path.join(dir, 'dist', f));
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    results.bundle[f] = { bytes: buf.length, gzipBytes: gz };
    console.log(`  dist/${f.padEnd(14)} ${String(buf.length).padStart(8)} bytes, ${String(gz).padStart(7)} gzip bytes`);
  }

  for (let i = 0; i < RUNS; i++) {
    const r = await oneStart(dir, entry);
    const row = {
      evaluate: r.moduleLoaded - r.moduleStart,
      ownCost: r.moduleLoaded - r.moduleStart + (r.activateEnd - r.activateStart),
      vscodeBetween: r.activateStart - r.moduleLoaded,
      activate: r.activateEnd - r.activateStart,
      hostStartToActivated: r.activateEnd,
      hostStartToModuleLoad: r.moduleStart,
      seenActiveByTest: r.seenActive,
      wasActiveWhenTestStarted: r.wasActiveWhenBenchStarted,
    };
    results.runs.push(row);
    console.log(`  start ${i + 1}/${RUNS}: bundle evaluation ${fmt(row.evaluate)} ms + activate() ${fmt(row.activate)} ms; host start -> activated ${fmt(row.hostStartToActivated, 0)} ms; seen active by a test at ${fmt(row.seenActiveByTest, 0)} ms`);
  }
  const m = (k) => median(results.runs.map((r) => r[k]));
  results.median = Object.fromEntries(['ownCost', 'evaluate', 'activate', 'vscodeBetween', 'hostStartToActivated', 'hostStartToModuleLoad', 'seenActiveByTest'].map((k) => [k, m(k)]));
  console.log(`startup: activation in the real extension host, median of ${RUNS} fresh starts (extension host clock)`);
  console.log(`  extension's own cost: bundle evaluation + activate()  ${fmt(results.median.ownCost)} ms   (evaluation ${fmt(results.median.evaluate)} ms, activate() ${fmt(results.median.activate)} ms)`);
  console.log(`  VS Code between loading the bundle and calling activate()  ${fmt(results.median.vscodeBetween)} ms   (not the extension's code)`);
  console.log(`  extension host start -> activate() returned           ${fmt(results.median.hostStartToActivated, 0)} ms   (VS Code reaches onStartupFinished at ~${fmt(results.median.hostStartToModuleLoad, 0)} ms)`);
  console.log(`  wall clock, a test's view: host start -> isActive      ${fmt(results.median.seenActiveByTest, 0)} ms`);
  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'startup.json'), JSON.stringify(results, null, 2) + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench:startup] ${e.message}`);
    process.exit(1);
  },
);
