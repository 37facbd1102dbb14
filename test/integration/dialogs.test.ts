// Confirmations: which button Enter presses, and which command options may answer a dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withoutDialogAnswers } from '../../src/features/dialog-answers';
import { optionsArg } from '../../src/features/vault/commands/target';
import { removeButtons, revokeButtons } from '../../src/features/vault';

suite('Dialog answers and defaults', () => {
  const answers = { confirm: true, confirmEndpoint: true, remove: true, dryRun: false, label: 'kept', trusted: false };

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
});
