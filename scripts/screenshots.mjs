#!/usr/bin/env node
// `npm run screenshots`: serves the extension in code-server exactly like `npm start` (demo
// workspace of generated fake tokens, extension installed as a folder), drives the workbench with
// headless Chromium through the keyboard and the command palette, and writes PNGs of the main
// surfaces into media/screenshots/. A fake Slack on 127.0.0.1 answers the token test, so nothing
// leaves the machine.
//
// Usage: node scripts/screenshots.mjs [--out DIR] [--only name,name]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureEditor } from './install-editor.mjs';
import { ROOT, launchBrowser, makeRunDir, serverEnv, sessionCleanup, startCodeServer, workbenchUrl, writeUserSettings } from './lib/editor-session.mjs';
import { buildExtension, bundleForNode, installExtensionFolder, writeDemoWorkspace } from './lib/demo.mjs';
import { Driver, loadFakeSlack, SEL, sleep } from './lib/workbench-driver.mjs';

const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const o = { out: path.join(ROOT, 'media', 'screenshots'), only: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') o.out = path.resolve(argv[++i]);
    else if (argv[i] === '--only') o.only = new Set(argv[++i].split(','));
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  ensureEditor();
  console.log('[screenshots] building the extension…');
  buildExtension();
  fs.mkdirSync(opts.out, { recursive: true });

  const run = makeRunDir('stg-shots-');
  const manifest = writeDemoWorkspace(run.workspace);
  // A small Socket Mode Bolt app (the tests' fixture) for the migration plan page.
  const { SOCKET_MODE_JS } = require(bundleForNode(path.join(ROOT, 'test', 'support', 'migrate-fixtures.ts'), path.join(ROOT, '.cache', 'demo-build', 'migrate-fixtures.cjs')));
  for (const [rel, text] of Object.entries(SOCKET_MODE_JS)) {
    const file = path.join(run.workspace, 'standup-bot', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const FakeSlack = loadFakeSlack();
  const fake = await FakeSlack.start();
  const configFile = manifest.files['src/config.ts'];
  const botToken = configFile.findings[0];
  fake.register(botToken.value, { team: 'Acme Demo', teamId: 'T0DEMO', user: 'deploy-bot', userId: 'U0DEMO', botId: 'B0DEMO', scopes: ['chat:write', 'channels:read'] });

  writeUserSettings(run, {
    'slackTokenGuard.api.extraEndpoints': [fake.url],
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.fontSize': 14,
    'window.zoomLevel': 0,
    'workbench.activityBar.location': 'default',
    'editor.hover.delay': 300,
  });
  installExtensionFolder(run.extensionsDir);
  const server = startCodeServer(run, { env: { ...serverEnv(run), SLACK_TOKEN_GUARD_NO_WALKTHROUGH: '1' } });
  let browser;
  const stop = sessionCleanup({ run, server, fake, browser: () => browser });

  const failed = [];
  const want = (name) => !opts.only || opts.only.has(name);
  /** One surface: failures are reported and the next surface still runs. */
  const surface = async (name, fn) => {
    if (!want(name)) return;
    try {
      await fn();
    } catch (e) {
      failed.push(name);
      console.log(`[screenshots] ${name}: FAILED (${String(e.message).split('\n')[0]})`);
      const dir = path.join(ROOT, '.cache', 'screenshots-failed');
      fs.mkdirSync(dir, { recursive: true });
      await d.shot(dir, name).catch(() => {});
    }
    await d.page.keyboard.press('Escape').catch(() => {});
    await d.page.keyboard.press('Escape').catch(() => {});
  };
  let d;
  try {
    const port = await server.ready;
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    d = new Driver(page);
    await page.goto(workbenchUrl(port, { folder: run.workspace, skipWelcome: true }));
    await page.waitForSelector(SEL.workbench, { timeout: 60_000 });
    // The extension activates on startup finished; its activity-bar entry shows when it is loaded.
    await page.waitForSelector(SEL.activityItem, { timeout: 60_000 });
    await sleep(1500);

    const line = botToken.line + 1;
    const column = botToken.character + 6;

    await surface('diagnostic-hover', async () => {
      await d.openFile('src/config.ts');
      await page.waitForSelector(SEL.squiggle, { timeout: 20_000 });
      await d.goto(line, column);
      await d.command('Show or Focus Hover');
      await page.waitForSelector(SEL.hover, { state: 'visible', timeout: 10_000 });
      // The hover lists quick fixes once every provider (TypeScript's too) has answered.
      await page.waitForFunction((sel) => !globalThis.document.querySelector(sel)?.closest('.monaco-hover')?.textContent?.includes('Checking for quick fixes'), SEL.hover, { timeout: 30_000 }).catch(() => {});
      await sleep(500);
      await d.shot(opts.out, 'diagnostic-hover');
    });

    await surface('quick-fix', async () => {
      await d.openFile('src/config.ts');
      await page.waitForSelector(SEL.squiggle, { timeout: 20_000 });
      await d.goto(line, column);
      await page.keyboard.press('Control+.');
      await page.waitForSelector(SEL.actionWidget, { state: 'visible', timeout: 30_000 });
      await sleep(400);
      await d.shot(opts.out, 'quick-fix');
    });

    await surface('problems', async () => {
      await d.command('Slack Token Guard: Scan Workspace for Slack Tokens');
      await page.waitForSelector('.notifications-toasts .monaco-progress-container.active', { state: 'detached', timeout: 30_000 }).catch(() => {});
      await d.command('Problems: Focus on Problems View');
      await page.waitForSelector(SEL.problems, { state: 'visible', timeout: 30_000 });
      await sleep(1500); // the scan fills in file by file
      await d.shot(opts.out, 'problems');
      await d.command('View: Close Panel');
    });

    await surface('test-result', async () => {
      await d.command('Slack Token Guard: Add Token');
      await page.waitForSelector(SEL.quickInputBox, { state: 'visible' });
      await page.fill(SEL.quickInputBox, botToken.value); // the password box; typed into the page only
      await page.keyboard.press('Enter');
      await sleep(500);
      await page.keyboard.press('Enter'); // accept the proposed label
      await sleep(500);
      await page.keyboard.type('127.0.0.1'); // the endpoint pick: the fake Slack
      await page.waitForSelector(SEL.quickInputRow, { state: 'visible' });
      await page.keyboard.press('Enter');
      const testButton = page.locator(`${SEL.toast} .monaco-button`, { hasText: 'Test Token' });
      await testButton.first().click({ timeout: 15_000 });
      const result = page.locator(SEL.toast, { has: page.locator('.notification-list-item-message', { hasText: /Acme Demo|valid|works|team/i }) }).first();
      await result.waitFor({ timeout: 20_000 });
      // Expand the toast so the whole sentence shows, not its first line.
      await result.hover();
      await result.locator('.codicon-notifications-expand').click({ timeout: 3_000 }).catch(() => {});
      await sleep(500);
      await d.shot(opts.out, 'test-result');
    });

    await surface('tokens-view', async () => {
      await d.command('Slack Token Guard: Focus on Tokens View');
      await page.waitForSelector(SEL.tokensView, { state: 'visible', timeout: 10_000 });
      // Expand the first token to show what auth.test recorded.
      const row = page.locator(`.pane:has(${SEL.tokensView}) .monaco-list-row`).first();
      await row.click();
      await page.keyboard.press('ArrowRight');
      await sleep(800);
      await d.shot(opts.out, 'tokens-view');
    });

    await surface('migration-plan', async () => {
      await d.command('Slack Token Guard: Plan Migration to a Slack App');
      await page.waitForSelector('iframe.webview.ready', { state: 'attached', timeout: 30_000 });
      await sleep(3000);
      await d.shot(opts.out, 'migration-plan');
      await d.command('View: Close All Editors');
    });

    await surface('walkthrough', async () => {
      // The first-run walkthrough (contributes.walkthroughs), on its first step; without the side
      // bar, so VS Code lays it out in two columns (steps beside the image) as on a wider window.
      await d.command('View: Close Primary Side Bar');
      await d.command('Welcome: Open Walkthrough');
      await page.keyboard.type('Slack Token Guard', { delay: 5 });
      await page.waitForSelector(SEL.quickInputRow, { state: 'visible', timeout: 10_000 });
      await sleep(300);
      await page.keyboard.press('Enter');
      await page.waitForSelector('.gettingStartedContainer .getting-started-step', { state: 'visible', timeout: 20_000 });
      await page.waitForSelector('.gettingStartedContainer .getting-started-media img', { state: 'visible', timeout: 20_000 }).catch(() => {});
      await sleep(2500);
      await d.shot(opts.out, 'walkthrough');
    });
  } finally {
    await stop();
  }
  if (failed.length) {
    console.log(`[screenshots] not produced: ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log('[screenshots] done');
}

main().catch((e) => {
  console.error(`[screenshots] ${e.message}`);
  process.exit(1);
});
