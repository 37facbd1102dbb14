#!/usr/bin/env node
// `npm test` (after the integration suite): the confirmation dialogs answered as a user answers
// them, both ways, in the real editor. VS Code refuses modal dialogs while an extension host runs
// tests, so this drives a normal code-server session (not test mode: no option can answer a
// dialog here) with headless Chromium and the keyboard, and checks the outcome at a fake Slack on
// 127.0.0.1. Prints `N passed, N failed`; exits 1 when a check failed.
import fs from 'node:fs';
import path from 'node:path';
import { ensureEditor } from './install-editor.mjs';
import { ROOT, launchBrowser, makeRunDir, serverEnv, sessionCleanup, startCodeServer, workbenchUrl, writeUserSettings } from './lib/editor-session.mjs';
import { buildExtension, installExtensionFolder, writeDemoWorkspace } from './lib/demo.mjs';
import { Driver, loadFakeSlack, SEL, sleep } from './lib/workbench-driver.mjs';

const DIALOG = '.monaco-dialog-box';
const DIALOG_BUTTON = `${DIALOG} .dialog-buttons .monaco-button`;

const results = [];
const assert = (cond, message) => {
  if (!cond) throw new Error(message);
};

/**
 * One editor session on a fresh demo workspace with a fake Slack; `fn(h)` runs the checks.
 * `workspaceTrust`: VS Code's workspace trust stays on and the folder opens in Restricted Mode.
 */
async function session({ workspaceTrust = false }, fn) {
  const run = makeRunDir('stg-dialogs-');
  const manifest = writeDemoWorkspace(run.workspace);
  const FakeSlack = loadFakeSlack();
  const fake = await FakeSlack.start();
  const token = manifest.files['src/config.ts'].findings[0].value;
  fake.register(token, { team: 'Acme Demo', user: 'deploy-bot', botId: 'B0DEMO', scopes: ['chat:write'] });
  writeUserSettings(run, {
    'slackTokenGuard.api.extraEndpoints': [fake.url],
    // Restricted Mode without the startup question: an untrusted folder opens restricted.
    ...(workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
  });
  installExtensionFolder(run.extensionsDir);
  // The first-start walkthrough would take the focus from the dialogs this script drives.
  const server = startCodeServer(run, { env: { ...serverEnv(run), SLACK_TOKEN_GUARD_NO_WALKTHROUGH: '1' }, workspaceTrust });
  let browser;
  let d;
  const stop = sessionCleanup({ run, server, fake, browser: () => browser });
  /** One check: a failure is reported (with a screenshot) and the next check still runs. */
  const check = async (name, body) => {
    try {
      await body();
      results.push({ name, ok: true });
      console.log(`[dialogs] ✔ ${name}`);
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`[dialogs] ✘ ${name}: ${String(e.message).split('\n')[0]}`);
      const dir = path.join(ROOT, '.cache', 'dialogs-failed');
      fs.mkdirSync(dir, { recursive: true });
      await d?.page.screenshot({ path: path.join(dir, `${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    }
    await d?.page.keyboard.press('Escape').catch(() => {});
  };
  try {
    const port = await server.ready;
    browser = await launchBrowser();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    d = new Driver(page);
    await page.goto(workbenchUrl(port, { folder: run.workspace, skipWelcome: true }));
    await page.waitForSelector(SEL.workbench, { timeout: 60_000 });
    await page.waitForSelector(SEL.activityItem, { timeout: 60_000 });
    await sleep(1500);

    /** Runs a vault command on the (only) stored token and waits for its modal; returns the focused button's text. */
    const openModal = async (command) => {
      await d.command(command);
      await page.waitForSelector(SEL.quickInputRow, { state: 'visible', timeout: 10_000 }); // which token?
      await page.keyboard.press('Enter');
      await page.waitForSelector(DIALOG, { state: 'visible', timeout: 15_000 });
      await sleep(300);
      return page.evaluate(() => globalThis.document.activeElement?.textContent?.trim() ?? '');
    };
    const closed = () => page.waitForSelector(DIALOG, { state: 'detached', timeout: 10_000 });
    const clickButton = async (label) => {
      await page.locator(DIALOG_BUTTON, { hasText: new RegExp(`^${label}$`) }).first().click({ timeout: 5_000 });
      await closed();
    };
    const addToken = async () => {
      await d.command('Slack Token Guard: Add Token');
      await page.waitForSelector(SEL.quickInputBox, { state: 'visible' });
      await page.fill(SEL.quickInputBox, token);
      await page.keyboard.press('Enter');
      await sleep(500);
      await page.keyboard.press('Enter'); // the proposed label
      await sleep(500);
      await page.keyboard.type('127.0.0.1'); // the fake Slack
      await page.waitForSelector(SEL.quickInputRow, { state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator(SEL.toastMessage, { hasText: /Stored/ }).first().waitFor({ timeout: 15_000 });
    };
    await fn({ page, d, fake, token, check, openModal, closed, clickButton, addToken });
  } finally {
    await stop();
  }
}

async function main() {
  ensureEditor();
  buildExtension();

  await session({}, async ({ page, d, fake, token, check, openModal, closed, clickButton, addToken }) => {
    const revokes = () => fake.requests.filter((r) => r.method === 'auth.revoke' && !r.dryRun).length;
    await check('add a token (password box, label, endpoint pick)', addToken);

    await check('Revoke: Enter on the confirmation keeps the token (the default button is "Don\'t Revoke")', async () => {
      const focused = await openModal('Slack Token Guard: Revoke Token');
      assert(focused === "Don't Revoke", `focused button: ${JSON.stringify(focused)}`);
      await page.keyboard.press('Enter');
      await closed();
      await sleep(1000);
      assert(revokes() === 0 && !fake.isRevoked(token), 'nothing was revoked');
    });

    await check('Revoke: Escape keeps the token', async () => {
      await openModal('Slack Token Guard: Revoke Token');
      await page.keyboard.press('Escape');
      await closed();
      await sleep(1000);
      assert(revokes() === 0 && !fake.isRevoked(token), 'nothing was revoked');
    });

    await check('Revoke: clicking "Revoke" revokes it at Slack', async () => {
      await openModal('Slack Token Guard: Revoke Token');
      await clickButton('Revoke');
      await page.locator(SEL.toastMessage, { hasText: /is revoked/ }).first().waitFor({ timeout: 15_000 });
      assert(fake.isRevoked(token) && revokes() === 1, 'revoked once');
    });

    await check('Remove: Enter on the confirmation keeps the token (the default button is "Keep Token")', async () => {
      const focused = await openModal('Slack Token Guard: Remove Token');
      assert(focused === 'Keep Token', `focused button: ${JSON.stringify(focused)}`);
      await page.keyboard.press('Enter');
      await closed();
      // Still in the vault: Remove offers it again.
      await d.command('Slack Token Guard: Remove Token');
      await page.waitForSelector(SEL.quickInputRow, { state: 'visible', timeout: 10_000 });
    });

    await check('Remove: clicking "Remove" empties the vault', async () => {
      await openModal('Slack Token Guard: Remove Token');
      await clickButton('Remove');
      // The vault is empty: the Tokens view shows its welcome content again.
      await d.command('Slack Token Guard: Focus on Tokens View');
      await page.locator('.pane-body .welcome-view-content', { hasText: /Add Token|token/i }).first().waitFor({ timeout: 15_000 });
    });
  });

  await session({ workspaceTrust: true }, async ({ fake, check, openModal, closed, clickButton, addToken, page }) => {
    const tests = () => fake.count('auth.test');
    await check('Restricted Mode: add a token', addToken);

    await check('Restricted Mode: Escape on "Send the token to …?" sends nothing', async () => {
      await openModal('Slack Token Guard: Test Token (auth.test)');
      const text = await page.locator(DIALOG).innerText();
      assert(/not trusted/.test(text) && text.includes(fake.url), 'the dialog names the endpoint');
      await page.keyboard.press('Escape');
      await closed();
      await sleep(1000);
      assert(tests() === 0, `${tests()} auth.test request(s)`);
    });

    await check('Restricted Mode: clicking "Send" tests the token', async () => {
      await openModal('Slack Token Guard: Test Token (auth.test)');
      await clickButton('Send');
      await page.locator(SEL.toastMessage, { hasText: /Acme Demo|valid/ }).first().waitFor({ timeout: 15_000 });
      assert(tests() === 1, `${tests()} auth.test request(s)`);
    });
  });

  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed || results.length === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`[dialogs] ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
