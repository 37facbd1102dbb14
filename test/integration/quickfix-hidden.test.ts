// The lightbulb on a token that hides, in a real extension host: a token or webhook URL split across
// string literals is reported over the whole expression and Move to Secret Storage replaces all of
// it; the Problems entries of split and base64-encoded tokens (also base64 wrapped across lines) say
// their form, masked as usual.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { MoveResult } from '../../src/features/quick-fixes/move-to-secret-storage';
import { TokenCodeActionProvider } from '../../src/features/quick-fixes';
import { locationArgs } from '../../src/features/quick-fixes/token-at';
import { equalRedacted } from '../support/assert-redacted';
import { closeAllWithoutSaving, editorApi, emptyVault, logText, removeScratch, Tokens, waitForCount, workspaceFile } from './editor-helpers';

const tokens = new Tokens(7131);
let api: ExtensionTestApi;

function preferredFix(doc: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction {
  const context: vscode.CodeActionContext = { diagnostics: [d], only: vscode.CodeActionKind.QuickFix, triggerKind: vscode.CodeActionTriggerKind.Invoke };
  const fix = new TokenCodeActionProvider(api.tokenStore).provideCodeActions(doc, d.range, context).find((a) => a.isPreferred);
  assert.ok(fix, 'Move to Secret Storage is offered');
  return fix;
}

suite('QuickFix: tokens split across literals or base64-encoded', () => {
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

  test('Move to Secret Storage replaces the whole "xoxb-" + "…" expression and stores the joined token', async () => {
    const token = tokens.make('bot');
    const doc = await workspaceFile('qf-hidden/app.js', `const slackToken = "${token.slice(0, 5)}" +\n  "${token.slice(5, 20)}" + '${token.slice(20)}';\n`);
    const [d] = await waitForCount(doc.uri, 1);
    assert.equal(d.range.start.line, 0);
    assert.equal(d.range.end.line, 1, 'the diagnostic covers the whole expression');
    assert.ok(d.message.includes('split across string literals'), 'the message says the form');
    assert.ok(d.message.includes(mask(token)), 'the token is masked as usual');
    tokens.assertAbsent(d.message, 'the diagnostic');
    const [args, ...rest] = preferredFix(doc, d).command!.arguments ?? [];
    const result = await vscode.commands.executeCommand<MoveResult>(Commands.moveToSecretStorage, args, ...rest);
    equalRedacted(doc.getText(), 'const slackToken = process.env.SLACK_TOKEN;\n');
    const stored = api.tokenStore.get(result.id)!;
    assert.equal(stored.fingerprint, fingerprint(token), 'the joined token is what is stored');
    equalRedacted(await api.tokenStore.getSecret(result.id), token, 'the secret is in Secret Storage');
    await waitForCount(doc.uri, 0);
  });

  test('a Python f-string with pieces (f"xoxb-{\'…\'}…"): Move replaces it with its f, and adds import os', async () => {
    const token = tokens.make('bot');
    const doc = await workspaceFile('qf-hidden/bot.py', `tok = f"${token.slice(0, 5)}{'${token.slice(5, 12)}'}${token.slice(12)}"\nprint(tok)\n`);
    const [d] = await waitForCount(doc.uri, 1);
    assert.ok(d.message.includes('split across string literals'), 'the message says the form');
    const [args, ...rest] = preferredFix(doc, d).command!.arguments ?? [];
    const result = await vscode.commands.executeCommand<MoveResult>(Commands.moveToSecretStorage, args, ...rest);
    equalRedacted(doc.getText(), `import os\ntok = os.environ["${result.envVar}"]\nprint(tok)\n`);
    assert.equal(api.tokenStore.get(result.id)!.fingerprint, fingerprint(token), 'the joined token is what is stored');
    await waitForCount(doc.uri, 0);
  });

  test('a webhook URL split across literals: one diagnostic over the expression, and Move replaces all of it', async () => {
    const url = tokens.make('webhook');
    const cut = url.indexOf('/services/') + '/services/'.length;
    const doc = await workspaceFile('qf-hidden/notify.js', `const hook = "${url.slice(0, cut)}" +\n  "${url.slice(cut, cut + 12)}" + '${url.slice(cut + 12)}';\npost(hook);\n`);
    const [d] = await waitForCount(doc.uri, 1);
    assert.equal(d.range.start.line, 0);
    assert.equal(d.range.end.line, 1, 'the diagnostic covers the whole expression');
    assert.ok(d.message.includes('split across string literals'), 'the message says the form');
    tokens.assertAbsent(d.message, 'the diagnostic');
    const [args, ...rest] = preferredFix(doc, d).command!.arguments ?? [];
    const result = await vscode.commands.executeCommand<MoveResult>(Commands.moveToSecretStorage, args, ...rest);
    equalRedacted(doc.getText(), `const hook = process.env.${result.envVar};\npost(hook);\n`);
    assert.equal(api.tokenStore.get(result.id)!.fingerprint, fingerprint(url), 'the joined URL is what is stored');
    equalRedacted(await api.tokenStore.getSecret(result.id), url, 'the URL is in Secret Storage');
    await waitForCount(doc.uri, 0);
  });

  test('a token in line-wrapped base64 (a YAML block, 76 columns) is reported on its lines, "base64-encoded", Revoke first and no Move', async () => {
    const token = tokens.make('bot');
    const encoded = Buffer.from(`SLACK_BOT_TOKEN=${token}\nPORT=3000\n`).toString('base64');
    const lines = encoded.match(/.{1,76}/g) ?? [];
    assert.ok(lines.length >= 2, 'the block wraps');
    const doc = await workspaceFile('qf-hidden/env-secret.yaml', `apiVersion: v1\nkind: Secret\nstringData:\n  env: |\n${lines.map((l) => `    ${l}`).join('\n')}\n`);
    const [d] = await waitForCount(doc.uri, 1);
    assert.equal(d.range.start.line, 4, 'from the line where the token starts');
    assert.equal(d.range.end.line, 5, 'to the line where it ends');
    assert.ok(d.message.includes('base64-encoded'), d.message);
    assert.ok(d.message.includes(mask(token)), 'masked as usual');
    tokens.assertAbsent(d.message, 'the diagnostic');
    const context: vscode.CodeActionContext = { diagnostics: [d], only: vscode.CodeActionKind.QuickFix, triggerKind: vscode.CodeActionTriggerKind.Invoke };
    const actions = new TokenCodeActionProvider(api.tokenStore).provideCodeActions(doc, d.range, context);
    assert.ok(!actions.some((a) => a.command?.command === Commands.moveToSecretStorage), 'no Move on a base64-encoded token');
    assert.equal(actions.find((a) => a.isPreferred)?.command?.command, Commands.revokeLiteral);
    const before = doc.getText();
    assert.equal(await vscode.commands.executeCommand(Commands.moveToSecretStorage, locationArgs(doc, d.range, 'bot')), undefined, 'Move run anyway says why');
    assert.equal(doc.getText(), before, 'the block is untouched');
  });

  test('a base64-encoded token in a Kubernetes Secret says "base64-encoded" in Problems', async () => {
    const token = tokens.make('app');
    const encoded = Buffer.from(token).toString('base64');
    const doc = await workspaceFile('qf-hidden/secret.yaml', `apiVersion: v1\nkind: Secret\ndata:\n  SLACK_APP_TOKEN: ${encoded}\n`);
    const [d] = await waitForCount(doc.uri, 1);
    assert.equal(doc.getText(d.range), encoded, 'reported on the encoded span');
    assert.ok(d.message.includes('base64-encoded'), d.message);
    assert.ok(d.message.includes(mask(token)));
    tokens.assertAbsent(d.message, 'the diagnostic');
    // Replacing the encoded span by a reference would corrupt the Secret: no Move, Revoke comes first.
    const context: vscode.CodeActionContext = { diagnostics: [d], only: vscode.CodeActionKind.QuickFix, triggerKind: vscode.CodeActionTriggerKind.Invoke };
    const actions = new TokenCodeActionProvider(api.tokenStore).provideCodeActions(doc, d.range, context);
    assert.ok(!actions.some((a) => a.command?.command === Commands.moveToSecretStorage), 'no Move on a base64-encoded token');
    assert.equal(actions.find((a) => a.isPreferred)?.command?.command, Commands.revokeLiteral);
    // Run anyway (another extension, a keybinding), Move says why and leaves the file alone.
    const args = locationArgs(doc, d.range, 'app');
    const storedBefore = api.tokenStore.list().length;
    assert.equal(await vscode.commands.executeCommand(Commands.moveToSecretStorage, args), undefined, 'the command says why and moves nothing');
    assert.equal(doc.getText(d.range), encoded, 'the Secret is untouched');
    assert.equal(api.tokenStore.list().length, storedBefore, 'nothing was stored');
  });
});
