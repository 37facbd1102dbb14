// A `.slack-token-guard-ignore` that hides everything (`*`) or some tokens: the status bar and the
// language status say how many are hidden and by which file, never "no tokens".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { closeAllWithoutSaving, editorApi, removeScratch, Tokens, waitForCount, workspaceFile } from './editor-helpers';
import { waitFor } from './helpers';

const tokens = new Tokens(120602);

suite('Ignore rules in the status', () => {
  let api: ExtensionTestApi;
  const ignoreFile = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.slack-token-guard-ignore');
  const writeIgnore = async (text: string) => {
    await vscode.workspace.fs.writeFile(ignoreFile(), new TextEncoder().encode(text));
    await api.editor.ignoreFiles.refresh();
  };

  suiteSetup(async () => {
    api = await editorApi();
  });

  teardown(async () => {
    await vscode.workspace.fs.delete(ignoreFile()).then(undefined, () => undefined);
    await api.editor.ignoreFiles.refresh();
    await closeAllWithoutSaving();
    await removeScratch();
  });

  test('a path rule that hides everything: "hidden by .slack-token-guard-ignore", not "no tokens"', async () => {
    const doc = await workspaceFile('ignore-status/all.py', `a = "${tokens.make('bot')}"\nb = "${tokens.make('user')}"\n`);
    await waitForCount(doc.uri, 2);
    await writeIgnore('*\n');
    await waitForCount(doc.uri, 0);
    const s = await waitFor(() => (api.editor.status().bar === '$(eye-closed) 2' ? api.editor.status() : undefined), 10_000, 'status shows the hidden count');
    assert.doesNotMatch(s.language, /No Slack tokens$/);
    assert.match(s.language, /No Slack tokens shown/);
    assert.match(s.languageDetail, /2 hidden by (\S+\/)?\.slack-token-guard-ignore \(a path rule covers this whole file\)/);
    assert.match(s.barTooltip ?? '', /2 hidden by (\S+\/)?\.slack-token-guard-ignore/);
    assert.doesNotMatch(s.languageDetail, /holds none/);
  });

  test('a fingerprint rule hides one of two: the count shown and the count hidden', async () => {
    const hiddenToken = tokens.make('bot');
    const doc = await workspaceFile('ignore-status/one.py', `a = "${hiddenToken}"\nb = "${tokens.make('bot')}"\n`);
    await waitForCount(doc.uri, 2);
    await writeIgnore(`# test\n${fingerprint(hiddenToken)}\n`);
    await waitForCount(doc.uri, 1);
    const s = await waitFor(() => (api.editor.status().bar === '$(key) 1' ? api.editor.status() : undefined), 10_000, 'status shows 1');
    assert.match(s.language, /1 Slack token/);
    assert.match(s.languageDetail, /1 hidden by (\S+\/)?\.slack-token-guard-ignore$/);
    for (const text of [s.language, s.languageDetail, s.barTooltip ?? '']) tokens.assertAbsent(text, 'the status');
  });
});
