// Confirmations: which button Enter presses, and which command options may answer a dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withoutDialogAnswers } from '../../src/features/dialog-answers';
import { optionsArg } from '../../src/features/vault/commands/target';
import { removeButtons, revokeButtons } from '../../src/features/vault';
import { Commands } from '../../src/features/ids';
import type { LiteralResult } from '../../src/features/quick-fixes/literal-actions';
import { FakeSlack } from '../support/fake-slack';
import { closeAllWithoutSaving, Tokens, untitled, waitForCount } from './editor-helpers';

suite('Dialog answers and defaults', () => {
  const answers = { confirm: true, confirmEndpoint: true, remove: true, dryRun: false, allowGitUntrusted: true, quiet: true, label: 'kept', trusted: false };

  test('outside the test host, options that answer a confirmation are dropped; the rest stay', () => {
    for (const mode of [vscode.ExtensionMode.Production, vscode.ExtensionMode.Development]) {
      assert.deepEqual(withoutDialogAnswers(answers, mode), { label: 'kept', trusted: false });
      assert.deepEqual(optionsArg(answers, mode), { label: 'kept', trusted: false });
      // A dry run only ever does less than asked, so it is kept.
      assert.deepEqual(withoutDialogAnswers({ confirm: true, dryRun: true }, mode), { dryRun: true });
    }
    assert.deepEqual(answers.confirm, true, 'the caller’s object is not changed');
  });

  test('in the test host the same options answer the dialogs', () => {
    assert.deepEqual(withoutDialogAnswers(answers, vscode.ExtensionMode.Test), answers);
    assert.deepEqual(optionsArg(answers, vscode.ExtensionMode.Test), answers);
  });

  test('Revoke and Remove: the first button, the one Enter presses, changes nothing', () => {
    const revoke = revokeButtons();
    assert.equal(revoke[0], "Don't Revoke");
    assert.deepEqual(revoke.slice(1), ['Revoke', 'Dry Run First']);
    const remove = removeButtons();
    assert.equal(remove[0], 'Keep Token');
    assert.deepEqual(remove.slice(1), ['Remove']);
  });

  test('Test and Revoke on a literal the vault does not hold ask which Slack, never silently slack.com', async () => {
    const tokens = new Tokens(120612);
    const fake = await FakeSlack.start();
    try {
      const editor = await untitled(`token = "${tokens.make('bot')}"\n`, 'python');
      const [d] = await waitForCount(editor.document.uri, 1);
      const literal = { uri: editor.document.uri, range: d.range };
      for (const [command, extra] of [[Commands.testLiteral, {}], [Commands.revokeLiteral, { confirm: true }]] as const) {
        let settled = false;
        const run = Promise.resolve(vscode.commands.executeCommand<LiteralResult | undefined>(command, { ...literal, ...extra })).finally(() => (settled = true));
        // The endpoint quick pick is up: dismiss it as a user pressing Escape would.
        for (let i = 0; i < 200 && !settled; i++) {
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.equal(await run, undefined, `${command}: dismissing the question cancels`);
      }
      assert.equal(fake.count(), 0);
    } finally {
      await closeAllWithoutSaving();
      await fake.close();
    }
  });
});

