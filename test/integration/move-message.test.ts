// After Move to Secret Storage, in a real extension host: the message says what happened and how the
// program now gets the value, and its button exposes the variable to terminals; the Tokens view
// shows the mask's tail at the start of the description.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mask } from '../../src/core/redact';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { MoveResult } from '../../src/features/quick-fixes/move-to-secret-storage';
import { closeAllWithoutSaving, editorApi, emptyVault, logText, removeScratch, Tokens, waitForCount, workspaceFile } from './editor-helpers';
import { waitFor } from './helpers';

const tokens = new Tokens(6262);

type Shown = { message: string; items: string[] };

/** Captures information messages and answers each with `answer(items)` (the button a user would press). */
function spyOnInfo(answer: (items: string[]) => string | undefined): { shown: Shown[]; restore: () => void } {
  const win = vscode.window as unknown as { showInformationMessage: (...a: unknown[]) => Thenable<unknown> };
  const saved = win.showInformationMessage;
  const shown: Shown[] = [];
  win.showInformationMessage = (message: unknown, ...rest: unknown[]) => {
    const items = rest.filter((r): r is string => typeof r === 'string');
    shown.push({ message: String(message), items });
    return Promise.resolve(answer(items));
  };
  return { shown, restore: () => (win.showInformationMessage = saved) };
}

suite('Move: the message after Move and the Tokens view', () => {
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

  const move = async (file: string, before: string, kind: 'webhook' | 'bot') => {
    const token = tokens.make(kind);
    const doc = await workspaceFile(file, before.replace('@', token));
    const [d] = await waitForCount(doc.uri, 1);
    const result = await vscode.commands.executeCommand<MoveResult>(Commands.moveToSecretStorage, { uri: doc.uri, range: d.range, kind: d.code && typeof d.code === 'object' ? d.code.value : undefined });
    return { token, result, doc };
  };

  test('says what moved where and how the program reads it; "Expose to Terminals" exposes it', async () => {
    const spy = spyOnInfo((items) => items.find((i) => i === 'Expose to Terminals'));
    try {
      const { token, result } = await move('move/notify.py', "alert_hook = '@'\n", 'webhook');
      const about = await waitFor(() => spy.shown.find((s) => s.message.includes(result.envVar) && s.message.includes('Secret Storage')), 10_000, 'the message after Move');
      tokens.assertAbsent(about.message, 'the message after Move');
      assert.ok(about.message.includes(mask(token)), 'names the token by its mask');
      assert.match(about.message, /reads the environment variable ALERT_HOOK/);
      assert.match(about.message, /Set ALERT_HOOK where the program runs, or expose it to the integrated terminals/);
      assert.deepEqual(about.items, ['Expose to Terminals']);
      // The button was pressed: the variable is exposed to new terminals.
      await waitFor(() => api.editor.terminalEnvironment.get('ALERT_HOOK') !== undefined, 10_000, 'in the terminal environment');
    } finally {
      spy.restore();
    }
  });

  test('the Tokens view puts the (short) mask first in the description, the team and user last', async () => {
    const spy = spyOnInfo(() => undefined);
    try {
      const { token, result } = await move('move/hook.ts', "export const hook = '@';\n", 'webhook');
      const stored = api.tokenStore.get(result.id)!;
      await api.tokenStore.update(result.id, { team: 'A Rather Long Team Name', user: 'a-rather-long-user-name' });
      const item = api.tokensTree.getTreeItem({ type: 'token', token: api.tokenStore.get(result.id)! } as never) as vscode.TreeItem;
      const description = String(item.description);
      tokens.assertAbsent(description, 'the Tokens view description');
      const tail = token.slice(-4);
      assert.ok(description.startsWith(`hooks.slack.com/…${tail} · `), description);
      assert.ok(description.endsWith('A Rather Long Team Name/a-rather-long-user-name'), description);
      // The tail ends within the description's first 21 characters (38 with the full webhook mask).
      assert.ok(description.indexOf(tail) + 4 <= 21, description);
      assert.equal(stored.masked, mask(token));
    } finally {
      spy.restore();
    }
  });
});
