// Live diagnostics, the status items and suppression, in a real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint, KINDS } from '../../src/core/detect';
import type { KindId } from '../../src/core/detect/types';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { DIAGNOSTIC_SOURCE } from '../../src/features/ids';
import { PREFIX, type GeneratedKind } from '../support/token-gen';
import {
  closeAllWithoutSaving,
  editorApi,
  logText,
  removeScratch,
  scratchFile,
  setUserSetting,
  Tokens,
  untitled,
  waitForCount,
  waitForLiveToMatchFullScan,
  workspaceFile,
} from './editor-helpers';
import { ourDiagnostics, waitFor } from './helpers';
import { equalRedacted } from '../support/assert-redacted';

const tokens = new Tokens(5150);

/** Every family, as it would be written in a file (secrets need their key to be recognised). */
const FAMILIES: { kind: KindId; gen: GeneratedKind; before?: string }[] = [
  { kind: 'bot', gen: 'bot' },
  { kind: 'bot-legacy', gen: 'bot-legacy' },
  { kind: 'user', gen: 'user' },
  { kind: 'user-short', gen: 'user-short' },
  { kind: 'legacy-session', gen: 'legacy-session' },
  { kind: 'client', gen: 'client' },
  { kind: 'cookie', gen: 'cookie' },
  { kind: 'app', gen: 'app' },
  { kind: 'config-access', gen: 'config-access' },
  { kind: 'config-refresh', gen: 'config-refresh' },
  { kind: 'workspace', gen: 'workspace' },
  { kind: 'workflow-token', gen: 'workflow-token' },
  { kind: 'webhook', gen: 'webhook' },
  { kind: 'webhook', gen: 'webhook-gov' },
  { kind: 'workflow-webhook', gen: 'workflow-webhook' },
  { kind: 'trigger', gen: 'trigger' },
  { kind: 'signing-secret', gen: 'signing-secret', before: 'SLACK_SIGNING_SECRET=' },
  { kind: 'client-secret', gen: 'client-secret', before: 'SLACK_CLIENT_SECRET=' },
];

const USER_POWER = new Set<KindId>(['user', 'user-short', 'legacy-session', 'client', 'cookie']);

function expectedSeverity(kind: KindId): vscode.DiagnosticSeverity {
  const info = KINDS[kind];
  if (info.confidence === 'low') return vscode.DiagnosticSeverity.Information;
  if (info.legacy || USER_POWER.has(kind)) return vscode.DiagnosticSeverity.Error;
  return vscode.DiagnosticSeverity.Warning;
}

suite('Editor: live diagnostics', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await editorApi();
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await removeScratch();
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  teardown(closeAllWithoutSaving);

  for (const family of FAMILIES) {
    test(`a ${family.gen} token inserted into a document: range, severity, masked one-line message, docs link`, async () => {
      const token = tokens.make(family.gen);
      const editor = await untitled('// config\nvalue: \n', 'yaml');
      const doc = editor.document;
      const line = 1;
      const insertAt = new vscode.Position(line, 'value: '.length);
      const before = family.before ?? '';
      await editor.edit((b) => b.insert(insertAt, before + token));
      const [d] = await waitForCount(doc.uri, 1);
      const start = insertAt.translate(0, before.length);
      assert.deepEqual([d.range.start, d.range.end], [start, start.translate(0, token.length)], 'the range covers the whole token');
      equalRedacted(doc.getText(d.range), token);
      assert.equal(d.source, DIAGNOSTIC_SOURCE);
      assert.equal(d.severity, expectedSeverity(family.kind), `severity of ${family.kind}`);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.value, family.kind);
      assert.equal(code.target.toString(), vscode.Uri.parse(KINDS[family.kind].docsUrl).toString());
      assert.ok(d.message.includes(KINDS[family.kind].label), d.message);
      assert.ok(d.message.includes(mask(token)), 'the message shows the masked token');
      assert.ok(!d.message.includes(token), 'the message never shows the token');
      assert.ok(!/[\r\n]/.test(d.message), 'one line');
    });
  }

  test('legacy tokens say why they matter ("acts as you, with full access to your workspace")', async () => {
    const token = tokens.make('legacy-session');
    const editor = await untitled(`token = "${token}"\n`, 'python');
    const [d] = await waitForCount(editor.document.uri, 1);
    assert.match(d.message, /acts as you, with full access to your workspace/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  });

  test('a token typed character by character is flagged once complete, with the right range', async () => {
    const token = tokens.make('bot');
    const editor = await untitled('const t = "";\n', 'javascript');
    editor.selection = new vscode.Selection(0, 11, 0, 11);
    // Type it in a few bursts, as a person (or a paste-by-typing tool) would.
    for (let i = 0; i < token.length; i += 9) {
      await vscode.commands.executeCommand('type', { text: token.slice(i, i + 9) });
    }
    equalRedacted(editor.document.lineAt(0).text, `const t = "${token}";`);
    const [d] = await waitForCount(editor.document.uri, 1);
    equalRedacted(editor.document.getText(d.range), token);
  });

  test('several tokens on a line, then a multi-cursor edit in one change event, stay exact', async () => {
    const a = tokens.make('bot');
    const b = tokens.make('user');
    const c = tokens.make('webhook');
    const lines = [`x = "${a}" y = "${b}"`, 'filler line', `url: ${c}`, 'z = ""', 'w = ""'];
    const editor = await untitled(lines.join('\n') + '\n', 'plaintext');
    const doc = editor.document;
    await waitForCount(doc.uri, 3);
    const changes: vscode.TextDocumentContentChangeEvent[][] = [];
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc) changes.push([...e.contentChanges]);
    });
    const d1 = tokens.make('app');
    const d2 = tokens.make('bot-legacy');
    try {
      // One edit with several ranges: new tokens on lines 4 and 5, one token broken on line 1.
      await editor.edit((e) => {
        e.insert(new vscode.Position(3, 5), d1);
        e.insert(new vscode.Position(4, 5), d2);
        e.delete(new vscode.Range(0, 6, 0, 8));
      });
    } finally {
      sub.dispose();
    }
    assert.equal(changes.length, 1, 'one change event');
    assert.ok(changes[0].length >= 3, 'with several changes');
    const diags = await waitForLiveToMatchFullScan(doc);
    assert.equal(diags.length, 4, 'a is broken; b, c, d1 and d2 remain');
    // And an edit that pastes two tokens at two cursors in one go, then undo.
    await vscode.commands.executeCommand('undo');
    await waitForLiveToMatchFullScan(doc);
    assert.equal(ourDiagnostics(doc.uri).length, 3);
  });

  test('several consecutive edits inside the debounce window are all taken into account', async () => {
    const editor = await untitled('a\nb\nc\n', 'plaintext');
    const doc = editor.document;
    const t1 = tokens.make('bot');
    const t2 = tokens.make('trigger');
    await editor.edit((e) => e.insert(new vscode.Position(0, 1), ` ${t1}`));
    await editor.edit((e) => e.insert(new vscode.Position(2, 1), ` ${t2}`));
    await editor.edit((e) => e.delete(new vscode.Range(0, 2, 0, 4)));
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'x'));
    const diags = await waitForLiveToMatchFullScan(doc);
    assert.equal(diags.length, 1, 'the first token was broken, the second remains');
  });

  test('every kind of document: untitled, JSON, Markdown, .env in the workspace', async () => {
    const t = tokens.make('bot');
    const json = await untitled(`{ "token": "${t}" }`, 'json');
    await waitForCount(json.document.uri, 1);
    const md = await untitled(`Use \`${tokens.make('user')}\` for now.`, 'markdown');
    await waitForCount(md.document.uri, 1);
    const env = await workspaceFile('editor/.env', `SLACK_APP_TOKEN=${tokens.make('app')}\nPORT=1\n`);
    await waitForCount(env.uri, 1);
  });

  test('notebook cells are scanned like any document', async () => {
    const token = tokens.make('user');
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Setup', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, `client = WebClient(token="${token}")`, 'python'),
    ]);
    const nb = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const cell = nb.cellAt(1).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    const [d] = await waitForCount(cell.uri, 1);
    equalRedacted(cell.getText(d.range), token);
  });

  test("VS Code's own settings.json is scanned", async () => {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    const editor = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && /\/User\/settings\.json$/.test(e.document.uri.path) ? e : undefined;
    }, 15_000, `the user settings.json editor (active: ${vscode.window.activeTextEditor?.document.uri.toString()})`);
    const doc = editor.document;
    const before = ourDiagnostics(doc.uri).length;
    const token = tokens.make('bot');
    const end = doc.positionAt(doc.getText().lastIndexOf('}'));
    await editor.edit((e) => e.insert(end, `  // "slack.token": "${token}"\n`));
    try {
      const diags = await waitForCount(doc.uri, before + 1);
      assert.ok(diags.some((d) => doc.getText(d.range) === token));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('closing a document clears its diagnostics', async () => {
    // Opened through the workbench, not openTextDocument: documents an extension opens stay
    // referenced (and open) for minutes after their editor closes.
    const uri = await scratchFile('editor/closing.txt', `t = '${tokens.make('bot')}'\n`);
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForCount(uri, 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 20_000, 'the document to close');
    await waitForCount(uri, 0);
  });

  test('binary-looking documents are skipped', async () => {
    const token = tokens.make('bot');
    // VS Code refuses to open binary files as text; binary-looking text still reaches extensions
    // through buffers created with content (an extension's, or a paste into a new file).
    const bin = { document: await vscode.workspace.openTextDocument({ content: `\u0000\u0001PK\u0000 ${token} \u0000`, language: 'plaintext' }) };
    // A normal document opened after it is scanned, so the binary one has been looked at by then.
    const control = await untitled(`t = ${tokens.make('bot')}`, 'plaintext');
    await waitForCount(control.document.uri, 1);
    assert.equal(ourDiagnostics(bin.document.uri).length, 0);
  });

  test('a document over the size limit is scanned once, not per keystroke', async () => {
    await setUserSetting('slackTokenGuard.diagnostics.maxLiveFileSizeKB', 1);
    try {
      const filler = '// filler\n'.repeat(150);
      const editor = await untitled(`${filler}t = "${tokens.make('bot')}"\n`, 'javascript');
      const doc = editor.document;
      await waitForCount(doc.uri, 1);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), `u = "${tokens.make('app')}"\n`));
      // A small document typed into at the same time is rescanned: once it shows its token, the
      // large one has had every chance to be rescanned too, and must not have been.
      const control = await untitled('', 'plaintext');
      await control.edit((e) => e.insert(new vscode.Position(0, 0), tokens.make('bot')));
      await waitForCount(control.document.uri, 1);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(ourDiagnostics(doc.uri).length, 1, 'the large document was not rescanned per keystroke');
    } finally {
      await setUserSetting('slackTokenGuard.diagnostics.maxLiveFileSizeKB', undefined);
    }
  });

  test('severity follows the settings', async () => {
    const editor = await untitled(`a = "${tokens.make('bot')}"\nb = "${tokens.make('user')}"\n`, 'python');
    const uri = editor.document.uri;
    await waitForCount(uri, 2);
    await setUserSetting('slackTokenGuard.diagnostics.severity.default', 'hint');
    await setUserSetting('slackTokenGuard.diagnostics.severity.legacy', 'warning');
    try {
      await waitFor(() => {
        const [bot, user] = ourDiagnostics(uri).sort((x, y) => x.range.start.line - y.range.start.line);
        return bot?.severity === vscode.DiagnosticSeverity.Hint && user?.severity === vscode.DiagnosticSeverity.Warning;
      }, 10_000, 'severities from settings');
    } finally {
      await setUserSetting('slackTokenGuard.diagnostics.severity.default', undefined);
      await setUserSetting('slackTokenGuard.diagnostics.severity.legacy', undefined);
    }
  });

  test('the status bar and the language status count the active file\'s tokens', async () => {
    const editor = await untitled(`a = "${tokens.make('bot')}"\nb = "${tokens.make('user-short')}"\n`, 'python');
    await waitForCount(editor.document.uri, 2);
    await waitFor(() => api.editor.status().bar === '$(key) 2', 10_000, 'status bar shows 2');
    assert.match(api.editor.status().language, /2 Slack tokens/);
    const clean = await untitled('nothing here', 'plaintext');
    await waitFor(() => vscode.window.activeTextEditor?.document === clean.document && api.editor.status().bar === undefined, 10_000, 'hidden for a clean file');
    assert.match(api.editor.status().language, /No Slack tokens/);
  });

  test('a slack-token-guard:ignore comment suppresses, and removing it brings the diagnostic back', async () => {
    const token = tokens.make('bot');
    const editor = await untitled(`const a = "${token}"; // slack-token-guard:ignore\nconst b = 1;\n`, 'typescript');
    const doc = editor.document;
    const control = await untitled(`x ${tokens.make('bot')}`, 'plaintext');
    await waitForCount(control.document.uri, 1);
    assert.equal(ourDiagnostics(doc.uri).length, 0);
    const shown = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(0).text;
    await shown.edit((e) => e.delete(new vscode.Range(0, line.indexOf(' //'), 0, line.length)));
    await waitForCount(doc.uri, 1);
    // ignore-next-line on the line above works too.
    await shown.edit((e) => e.insert(new vscode.Position(0, 0), '// slack-token-guard:ignore-next-line\n'));
    await waitForCount(doc.uri, 0);
  });

  test('a fingerprint in .slack-token-guard-ignore suppresses the token in open documents', async () => {
    const token = tokens.make('app');
    const doc = await workspaceFile('editor/ignored.json', `{"appToken": "${token}"}\n`);
    await waitForCount(doc.uri, 1);
    const folder = vscode.workspace.workspaceFolders![0];
    await api.editor.ignoreFiles.addFingerprint(folder, fingerprint(token), 'test');
    try {
      await waitForCount(doc.uri, 0);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, '.slack-token-guard-ignore'));
      await api.editor.ignoreFiles.refresh();
    }
    await waitForCount(doc.uri, 1);
  });

  test('diagnostics go away when the token is removed, and prefixes alone are not findings', async () => {
    const token = tokens.make('bot');
    const editor = await untitled(`t = "${token}"`, 'plaintext');
    const doc = editor.document;
    await waitForCount(doc.uri, 1);
    await editor.edit((e) => e.replace(new vscode.Range(0, 5, 0, 5 + token.length), `${PREFIX.bot}…`));
    await waitForCount(doc.uri, 0);
  });
});
