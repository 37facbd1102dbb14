// The ground every other integration test stands on: the extension activates in a real extension
// host, registers what it declares, can use SecretStorage, and its diagnostics reach VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../src/features/ids';
import {
  activateExtension,
  closeAllEditors,
  fixtureManifest,
  getExtension,
  openFixture,
  ourDiagnostics,
  waitFor,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

suite('Activation', () => {
  suiteTeardown(closeAllEditors);

  test('the extension activates in the host', async () => {
    const ext = getExtension();
    await activateExtension();
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.name, 'slack-token-guard');
    // The run opens the generated fixture workspace; other tests rely on it.
    assert.ok(workspaceRoot(), 'a workspace folder is open');
    console.log(`    host: ${vscode.env.appName} ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remote ${vscode.env.remoteName ?? 'none'}`);
  });

  test('every command in contributes.commands is registered', async () => {
    await activateExtension();
    const declared: string[] = getExtension().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(declared.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  test('SecretStorage round-trips through the test-mode API (a packaged build exposes none)', async () => {
    const api = await activateExtension();
    if (process.env.STG_INSTALLED_VSIX === '1') {
      // A packaged extension (--installed-vsix) runs in production mode: it must expose nothing,
      // because every other extension can read an extension's exports.
      assert.equal(api, undefined);
      return;
    }
    assert.ok(api?.secrets, 'activate() returns { secrets } when context.extensionMode is Test');
    const key = `integration-test.${Date.now()}`;
    const value = `not-a-token-${Math.random().toString(36).slice(2)}`;
    const changed: string[] = [];
    const sub = api.secrets.onDidChange((e) => changed.push(e.key));
    try {
      assert.equal(await api.secrets.get(key), undefined);
      await api.secrets.store(key, value);
      assert.equal(await api.secrets.get(key), value);
      await api.secrets.delete(key);
      assert.equal(await api.secrets.get(key), undefined);
      await waitFor(() => changed.filter((k) => k === key).length >= 2, 5_000, 'onDidChange for store and delete');
    } finally {
      sub.dispose();
    }
  });

  test(`a token in an open document gets a "${DIAGNOSTIC_SOURCE}" diagnostic`, async () => {
    await activateExtension();
    const file = 'src/config.ts';
    const expected = fixtureManifest().files[file].findings;
    assert.equal(expected.length, 1);
    const editor = await openFixture(file);
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, 1, 20_000);
    const range = new vscode.Range(expected[0].line, expected[0].character, expected[0].line, expected[0].character + expected[0].value.length);
    assert.ok(diagnostic.range.isEqual(range), `diagnostic at ${JSON.stringify(diagnostic.range)}, expected ${JSON.stringify(range)}`);
    assert.ok(!diagnostic.message.includes(expected[0].value), 'the diagnostic message never holds the token');
    assert.deepEqual(ourDiagnostics(editor.document.uri).length, 1);
  });
});
