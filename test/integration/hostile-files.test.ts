// Files designed to hurt, opened in a real editor: an edit at the end of a 200,000-line file
// rescans a bounded window (the live diagnostics' counter, not a clock); a huge single line over
// the live-scan limit gets no per-keystroke scan and the extension host keeps answering commands;
// invalid UTF-8 and NUL bytes on disk neither break nor fool the scan. (VS Code does not sync
// documents over 50 MB to extension hosts at all, so the largest line here is over the limit the
// user setting sets, which takes the same path as the 20 MB default.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scanText } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { AddTokenResult } from '../../src/features/vault';
import { PREFIX } from '../support/token-gen';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, scratchFile, setUserSetting, Tokens, untitled, waitForCount, emptyVault } from './editor-helpers';
import { ourDiagnostics, waitFor, workspaceRoot } from './helpers';

const tokens = new Tokens(606060);

async function insert(doc: vscode.TextDocument, at: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, at, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

suite('Hostile files in the editor', () => {
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

  test('an edit at the end of a 200,000-line file rescans a bounded window, and the result equals a full scan', async function () {
    this.timeout(180_000);
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(i % 20_000 === 0 ? `token${i} = "${tokens.make('bot')}"` : `value${i} = compute(${i}) # ${PREFIX.bot} near miss`);
    const uri = await scratchFile('hostile/long.py', lines.join('\n') + '\n');
    // Opened but not shown: the workbench need not render 8 MB, the extension host gets the
    // document and its edits all the same.
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitForCount(uri, 10, 60_000);
    const late = tokens.make('user');
    await insert(doc, new vscode.Position(doc.lineCount - 1, 0), `late = "${late}"\n`);
    await waitForCount(uri, 11, 60_000);
    const last = await waitFor(() => (api.editor.live.lastRescan?.uri === uri.toString() ? api.editor.live.lastRescan : undefined), 10_000, 'the rescan of the long file');
    assert.equal(last.incremental, true, 'the incremental path');
    assert.ok(doc.getText().length > 8_000_000);
    assert.ok(last.scannedChars < 8192, `the edit rescanned ${last.scannedChars} characters of ${doc.getText().length}`);
    assert.equal(ourDiagnostics(uri).length, scanText(doc.getText()).length);
    await doc.save();
  });

  test('a huge single line over the live limit is not rescanned per keystroke, and commands still complete', async function () {
    this.timeout(180_000);
    await setUserSetting('slackTokenGuard.diagnostics.maxLiveFileSizeKB', 1024);
    try {
      const token = tokens.make('app');
      const line = `var a=b("${PREFIX.bot}12345678901-"),c=d(1);`.repeat(Math.ceil((3 << 20) / 40)) + `k=${JSON.stringify(token)};`;
      // Plain text: as min.js, VS Code's TypeScript server would spend minutes on it, for every later test.
      const uri = await scratchFile('hostile/min.txt', line);
      const doc = await vscode.workspace.openTextDocument(uri);
      await waitForCount(uri, 1, 60_000);
      assert.equal(api.editor.live.isTracked(uri), true);
      const before = api.editor.live.lastRescan;
      await insert(doc, new vscode.Position(0, 0), `x=${JSON.stringify(tokens.make('bot'))};`);
      // The extension host answers a command round trip while the huge document is open and edited.
      const added = await vscode.commands.executeCommand<AddTokenResult>(Commands.addToken, { confirm: true, token: tokens.make('bot'), label: 'while huge', endpoint: 'https://slack.com/api/' });
      assert.ok(added?.ok, 'a command completed');
      const control = await untitled(tokens.make('user'), 'plaintext');
      await waitForCount(control.document.uri, 1);
      assert.notEqual(api.editor.live.lastRescan?.uri, uri.toString(), 'no rescan of the huge line per keystroke');
      assert.ok(api.editor.live.lastRescan !== before);
      assert.equal(ourDiagnostics(uri).length, 1, 'scanned once when opened');
      await doc.save();
    } finally {
      await setUserSetting('slackTokenGuard.diagnostics.maxLiveFileSizeKB', undefined);
    }
  });

  test('invalid UTF-8 on disk: the token between broken bytes is found; NUL bytes make a file binary and skipped', async () => {
    const token = tokens.make('user');
    const bad = new Uint8Array([0x78, 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]);
    const enc = new TextEncoder();
    const join = (...parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    };
    const badUri = vscode.Uri.joinPath(workspaceRoot(), '.stg-editor-tmp', 'hostile', 'bad.txt');
    await vscode.workspace.fs.writeFile(badUri, join(bad, enc.encode(` ${token} `), bad, enc.encode('\n')));
    const badDoc = await vscode.workspace.openTextDocument(badUri);
    await vscode.window.showTextDocument(badDoc, { preview: false });
    await waitForCount(badUri, 1);

    const nulUri = vscode.Uri.joinPath(workspaceRoot(), '.stg-editor-tmp', 'hostile', 'nul.txt');
    await vscode.workspace.fs.writeFile(nulUri, join(enc.encode('abc\0def '), enc.encode(tokens.make('bot')), new Uint8Array(100)));
    try {
      const nulDoc = await vscode.workspace.openTextDocument(nulUri);
      await vscode.window.showTextDocument(nulDoc, { preview: false }).then(undefined, () => undefined);
    } catch {
      // VS Code may refuse to open a binary file as text: then there is nothing to scan either.
    }
    const control = await untitled(tokens.make('bot'), 'plaintext');
    await waitForCount(control.document.uri, 1);
    assert.equal(ourDiagnostics(nulUri).length, 0, 'a binary file gets no diagnostics');
  });
});
