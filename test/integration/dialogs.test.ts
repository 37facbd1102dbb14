// Confirmations: which button Enter presses, and which command options may answer a dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withoutDialogAnswers } from '../../src/features/dialog-answers';
import { optionsArg } from '../../src/features/vault/commands/target';
import { removeButtons, revokeButtons } from '../../src/features/vault';
import { Commands } from '../../src/features/ids';
import type { LiteralResult } from '../../src/features/quick-fixes/literal-actions';
import { FakeSlack } from '../support/fake-slack';
import { closeAllWithoutSaving, resetApiSettings, setUserSetting, Tokens, untitled, waitForCount } from './editor-helpers';

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

  test('Test and Revoke on a literal the vault does not hold ask which Slack, never silently slack.com, and use the answer', async () => {
    const tokens = new Tokens(120612);
    const fake = await FakeSlack.start();
    const win = vscode.window as unknown as { showQuickPick: (...a: unknown[]) => Thenable<unknown> };
    const saved = win.showQuickPick;
    // The extension's own window API (the test and the extension share it): record each question and answer it.
    const asked: string[] = [];
    let answer: 'dismiss' | 'the fake' = 'dismiss';
    win.showQuickPick = async (items: unknown, options?: unknown) => {
      const choices = (await items) as { endpoint?: string }[];
      asked.push(String((options as { title?: string } | undefined)?.title));
      assert.ok(choices.some((c) => c.endpoint === 'https://slack.com/api/') && choices.some((c) => c.endpoint === 'https://slack-gov.com/api/'), 'Slack and GovSlack are offered');
      return answer === 'the fake' ? choices.find((c) => c.endpoint === fake.url) : undefined;
    };
    try {
      await setUserSetting('slackTokenGuard.api.extraEndpoints', [fake.url]);
      const value = tokens.make('bot');
      fake.register(value, { team: 'Acme', user: 'asked', botId: 'B0ASKED001', scopes: ['chat:write'] });
      const editor = await untitled(`token = "${value}"\n`, 'python');
      const [d] = await waitForCount(editor.document.uri, 1);
      const literal = { uri: editor.document.uri, range: d.range };
      for (const [command, extra, method, done] of [
        [Commands.testLiteral, {}, 'auth.test', 'valid'],
        [Commands.revokeLiteral, { confirm: true }, 'auth.revoke', 'revoked'],
      ] as const) {
        answer = 'dismiss';
        asked.length = 0;
        const before = fake.count();
        assert.equal(await vscode.commands.executeCommand<LiteralResult | undefined>(command, { ...literal, ...extra }), undefined, `${command}: dismissing the question cancels`);
        assert.deepEqual(asked, ['Which Slack does this token belong to?'], `${command}: the question was asked`);
        assert.equal(fake.count(), before, `${command}: nothing was sent when dismissed`);

        answer = 'the fake';
        asked.length = 0;
        const r = await vscode.commands.executeCommand<LiteralResult | undefined>(command, { ...literal, ...extra });
        assert.deepEqual(asked, ['Which Slack does this token belong to?'], `${command}: asked again (nothing remembered for a literal)`);
        assert.equal(r?.status, done, `${command}: the chosen Slack answered`);
        assert.equal(fake.count(method), 1, `${command}: sent to the Slack the user chose`);
      }
      assert.ok(fake.isRevoked(value));
    } finally {
      win.showQuickPick = saved;
      await resetApiSettings();
      await closeAllWithoutSaving();
      await fake.close();
    }
  });
});

