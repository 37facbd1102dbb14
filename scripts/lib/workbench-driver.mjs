// What the scripts that drive the real workbench through headless Chromium share (screenshots,
// the dialog session): the workbench selectors, a keyboard/palette driver, and the fake Slack.
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './editor-session.mjs';
import { bundleForNode } from './demo.mjs';

const require = createRequire(import.meta.url);

/** Selectors of VS Code 1.100's workbench the driver relies on (listed in the README's dev notes). */
export const SEL = {
  workbench: '.monaco-workbench',
  activityItem: '.activitybar .action-item a[aria-label^="Slack Token Guard"]',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  editor: '.editor-instance .monaco-editor',
  squiggle: '.monaco-editor .view-overlays [class*="squiggly-"], .monaco-editor .squiggly-error, .monaco-editor .squiggly-warning',
  hover: '.monaco-hover:not(.hidden) .monaco-hover-content',
  problems: '.markers-panel .monaco-list-row',
  actionWidget: '.action-widget .monaco-list-row',
  toast: '.notifications-toasts .notification-toast',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  tokensView: '.pane-header[aria-label^="Tokens"]',
  treeRow: '.pane-body .monaco-list-row',
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The fake Slack the integration tests use (test/support/fake-slack.ts), bundled for this script. */
export function loadFakeSlack() {
  const outfile = bundleForNode(path.join(ROOT, 'test', 'support', 'fake-slack.ts'), path.join(ROOT, '.cache', 'demo-build', 'fake-slack.cjs'));
  return require(outfile).FakeSlack;
}

export class Driver {
  constructor(page) {
    this.page = page;
  }

  /** F1, then type into the palette. `text` starting without '>' means quick open (files, :line). */
  async palette(text, { pickTimeout = 10_000 } = {}) {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.waitForSelector(SEL.quickInputBox, { state: 'visible', timeout: 10_000 });
    if (!text.startsWith('>')) await page.keyboard.press('Backspace'); // drop the '>' F1 puts there
    else text = text.slice(1);
    await page.keyboard.type(text, { delay: 5 });
    if (!text.startsWith(':')) await page.waitForSelector(SEL.quickInputRow, { state: 'visible', timeout: pickTimeout });
    await sleep(300);
    await page.keyboard.press('Enter');
    await sleep(300);
  }

  command(title) {
    return this.palette(`>${title}`);
  }

  async openFile(rel) {
    await this.palette(rel);
    await this.page.waitForSelector(`.tabs-container .tab[aria-label^="${path.posix.basename(rel)}"]`, { timeout: 10_000 });
    await this.page.waitForSelector(SEL.editor, { state: 'visible' });
  }

  /** Moves the cursor (1-based line and column), via quick open's `:line:column`. */
  async goto(line, column) {
    await this.palette(`:${line}:${column}`);
  }

  async shot(out, name) {
    const file = path.join(out, `${name}.png`);
    await this.page.screenshot({ path: file });
    console.log(`[screenshots] wrote ${path.relative(process.cwd(), file)}`);
    return file;
  }
}

