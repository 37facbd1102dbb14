// Safe paste in a real extension host. The provider is called the way VS Code calls it (a
// DataTransfer with text/plain, then resolve, then its edits applied); the browser-based test
// host cannot run a real clipboard paste (see the last test).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { SAFE_PASTE_KIND, type SafePasteEdit } from '../../src/features/paste';
import { PREFIX, type GeneratedKind } from '../support/token-gen';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, setUserSetting, Tokens, untitled, waitForCount, workspaceFile, emptyVault } from './editor-helpers';
import { ourDiagnostics } from './helpers';
import { equalRedacted } from '../support/assert-redacted';

const tokens = new Tokens(9001);

function clipboard(text: string): vscode.DataTransfer {
  const dt = new vscode.DataTransfer();
  dt.set('text/plain', new vscode.DataTransferItem(text));
  return dt;
}

const automatic: vscode.DocumentPasteEditContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };

/** Applies a paste edit as VS Code does: insertText at every range, plus its additional edit. */
async function apply(doc: vscode.TextDocument, ranges: readonly vscode.Range[], edit: vscode.DocumentPasteEdit): Promise<void> {
  const we = new vscode.WorkspaceEdit();
  const text = typeof edit.insertText === 'string' ? edit.insertText : edit.insertText.value;
  for (const r of ranges) we.replace(doc.uri, r, text);
  for (const [uri, edits] of edit.additionalEdit?.entries() ?? []) for (const e of edits) we.replace(uri, e.range, e.newText);
  assert.ok(await vscode.workspace.applyEdit(we), 'the paste applies');
}

interface PasteCase {
  name: string;
  file: string;
  kind: GeneratedKind;
  /** `|` is the cursor. */
  before: string;
  after: string;
  envVar: string;
  /** What the clipboard holds around the token (people paste quotes, `Bearer `, `KEY=`). */
  wrap?: (t: string) => string;
}

const CASES: PasteCase[] = [
  { name: 'TypeScript, between quotes', file: 'paste/a.ts', kind: 'bot', before: 'const slackToken = "|";\n', after: 'const slackToken = process.env.SLACK_TOKEN;\n', envVar: 'SLACK_TOKEN' },
  { name: 'JavaScript, bare', file: 'paste/b.js', kind: 'app', before: 'const socketToken = |;\n', after: 'const socketToken = process.env.SOCKET_TOKEN;\n', envVar: 'SOCKET_TOKEN', wrap: (t) => `  "${t}"\n` },
  { name: 'Python', file: 'paste/c.py', kind: 'user', before: "legacy_token = '|'\n", after: 'import os\nlegacy_token = os.environ["LEGACY_TOKEN"]\n', envVar: 'LEGACY_TOKEN', wrap: (t) => `Bearer ${t}` },
  { name: 'Go', file: 'paste/d.go', kind: 'webhook', before: 'var alertHook = "|"\n', after: 'var alertHook = os.Getenv("ALERT_HOOK")\n', envVar: 'ALERT_HOOK' },
  {
    name: 'Python, a multi-line snippet: all of it is kept but the token',
    file: 'paste/f.py',
    kind: 'bot',
    before: 'import os\n\n|\n',
    after: 'import os\n\n# post to the channel\nclient = WebClient(token=os.environ["SLACK_BOT_TOKEN"])\nclient.chat_postMessage(channel="#ops", text="hi")\n\n',
    envVar: 'SLACK_BOT_TOKEN',
    wrap: (t) => `# post to the channel\nclient = WebClient(token="${t}")\nclient.chat_postMessage(channel="#ops", text="hi")\n`,
  },
  {
    name: 'TypeScript, a multi-line snippet pasted inside a function',
    file: 'paste/g.ts',
    kind: 'app',
    before: 'function start() {\n  |\n}\n',
    after: 'function start() {\n  const app = new App({\n    appToken: process.env.APP_TOKEN,\n    socketMode: true,\n  });\n}\n',
    envVar: 'APP_TOKEN',
    wrap: (t) => `const app = new App({\n    appToken: "${t}",\n    socketMode: true,\n  });`,
  },
  { name: 'YAML', file: 'paste/e.yaml', kind: 'bot', before: 'slack:\n  bot_token: |\n', after: 'slack:\n  bot_token: ${BOT_TOKEN}\n', envVar: 'BOT_TOKEN' },
  { name: '.env', file: 'paste/.env', kind: 'app', before: 'SLACK_APP_TOKEN=|\n', after: "SLACK_APP_TOKEN= # SLACK_APP_TOKEN is in Slack Token Guard's Secret Storage\n", envVar: 'SLACK_APP_TOKEN', wrap: (t) => `SLACK_APP_TOKEN=${t}` },
];

suite('Paste: store the token and paste a reference', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await editorApi();
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await removeScratch();
    await emptyVault(api);
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  teardown(closeAllWithoutSaving);

  for (const c of CASES) {
    test(`${c.name}: the reference lands, the token goes to Secret Storage and never into the file`, async () => {
      const token = tokens.make(c.kind);
      const at = c.before.indexOf('|');
      const doc = await workspaceFile(c.file, c.before.replace('|', ''));
      const ranges = [new vscode.Range(doc.positionAt(at), doc.positionAt(at))];
      const edits = await api.editor.safePaste.provideDocumentPasteEdits(doc, ranges, clipboard(c.wrap ? c.wrap(token) : token), automatic, new vscode.CancellationTokenSource().token);
      assert.equal(edits?.length, 1, 'one safe-paste edit is offered');
      const edit = edits[0];
      assert.equal(edit.kind.value, SAFE_PASTE_KIND.value);
      assert.ok(edit.yieldTo?.some((k) => k.value === vscode.DocumentDropOrPasteEditKind.Text.value), 'plain paste stays the default');
      assert.match(edit.title, /Store in Slack Token Guard/);
      tokens.assertAbsent(edit.title, 'the paste title');
      assert.equal(api.tokenStore.findByFingerprint(fingerprint(token)), undefined, 'nothing is stored before the edit is chosen');
      const resolved = (await api.editor.safePaste.resolveDocumentPasteEdit(edit)) as SafePasteEdit;
      const stored = api.tokenStore.findByFingerprint(fingerprint(token));
      assert.ok(stored, 'stored when resolved, before the edit is applied');
      assert.equal(stored.envVar, c.envVar);
      equalRedacted(await api.tokenStore.getSecret(stored.id), token);
      await apply(doc, ranges, resolved);
      equalRedacted(doc.getText(), c.after);
      assert.ok(!doc.getText().includes(token));
      assert.equal(ourDiagnostics(doc.uri).length, 0);
    });
  }

  test('the setting makes safe paste the default (no yielding to plain text)', async () => {
    await setUserSetting('slackTokenGuard.paste.safePasteByDefault', true);
    try {
      const editor = await untitled('const t = ;\n', 'javascript');
      const r = [new vscode.Range(0, 10, 0, 10)];
      const edits = await api.editor.safePaste.provideDocumentPasteEdits(editor.document, r, clipboard(tokens.make('bot')), automatic, new vscode.CancellationTokenSource().token);
      assert.equal(edits?.length, 1);
      assert.equal(edits[0].yieldTo, undefined);
    } finally {
      await setUserSetting('slackTokenGuard.paste.safePasteByDefault', undefined);
    }
  });

  test('text that is not a Slack credential gets no safe-paste edit', async () => {
    const editor = await untitled('x = \n', 'python');
    const r = [new vscode.Range(0, 4, 0, 4)];
    // Slack's own docs example webhook and a placeholder, built from parts (scanners flag the literals).
    const docsWebhook = `${PREFIX.hooks}services/T${'0'.repeat(8)}/B${'0'.repeat(8)}/${'X'.repeat(24)}`;
    for (const text of ['hello world', `${PREFIX.bot}your-token-here`, '', docsWebhook]) {
      const edits = await api.editor.safePaste.provideDocumentPasteEdits(editor.document, r, clipboard(text), automatic, new vscode.CancellationTokenSource().token);
      assert.equal(edits, undefined, JSON.stringify(text.slice(0, 12)));
    }
  });

  test('a failing store pastes nothing and leaves the document untouched', async () => {
    const token = tokens.make('bot');
    const doc = await workspaceFile('paste/fail.ts', 'const slackToken = "";\n');
    const ranges = [new vscode.Range(0, 20, 0, 20)];
    const edits = await api.editor.safePaste.provideDocumentPasteEdits(doc, ranges, clipboard(token), automatic, new vscode.CancellationTokenSource().token);
    const secrets = api.secrets as { store: vscode.SecretStorage['store'] };
    const original = secrets.store;
    secrets.store = () => Promise.reject(new Error('keyring unavailable'));
    let resolved: vscode.DocumentPasteEdit;
    try {
      resolved = (await api.editor.safePaste.resolveDocumentPasteEdit(edits![0])) as vscode.DocumentPasteEdit;
    } finally {
      secrets.store = original;
    }
    assert.equal(resolved.insertText, '');
    assert.equal(resolved.additionalEdit, undefined);
    await apply(doc, ranges, resolved);
    assert.equal(doc.getText(), 'const slackToken = "";\n', 'neither the token nor a dangling reference');
    assert.equal(api.tokenStore.findByFingerprint(fingerprint(token)), undefined);
    assert.equal(api.editor.safePaste.lastResult?.ok, false);
  });

  test('a plain paste (what the paste command does in this host) is flagged live like typed text', async () => {
    // In this browser-based host, editor.action.pasteAs and clipboardPasteAction fall back to
    // reading the clipboard and inserting it as text (headless Chromium refuses
    // document.execCommand('paste')), so paste providers are not consulted here; the provider is
    // exercised directly above. A plain paste must still be caught by live diagnostics.
    const doc = await workspaceFile('paste/plain.ts', 'const t = "";\n');
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 11, 0, 11);
    const token = tokens.make('user');
    await vscode.env.clipboard.writeText(token);
    try {
      await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
      const [d] = await waitForCount(doc.uri, 1);
      equalRedacted(doc.getText(d.range), token);
    } finally {
      await vscode.env.clipboard.writeText('');
    }
  });
});
