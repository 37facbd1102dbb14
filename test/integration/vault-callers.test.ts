// Commands another extension can run. Any extension can call executeCommand with a vault id (or a
// plain object that looks like a tree node), and can open a terminal or read the clipboard. So a
// command that would put a token where it can read it, or change an entry, asks first when the
// caller named the token itself, and so does a node of the Tokens view: VS Code hands any caller
// that sends `{ $treeViewId, $treeItemHandle }` (through `runCommands`) the very object a menu click
// gets. Only the user's own pick and the extension's own buttons do not ask. And outside the test
// host no command returns ids or anything else it learnt to such a caller.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { redact } from '../../src/core/redact';
import { callerConfirmationText, isVouched, resultForCaller, vouched, workspaceLabel } from '../../src/features/caller';
import { Commands, Views } from '../../src/features/ids';
import type { ToggleResult } from '../../src/features/terminal-env';
import { EXPOSED_KEY } from '../../src/features/terminal-env/exposure';
import type { AddTokenResult, CopyTokenResult, StoredToken } from '../../src/features/vault';
import type { VaultNode } from '../../src/features/vault/tree';
import { readApiSettings } from '../../src/features/vault';
import { FakeSlack } from '../support/fake-slack';
import { editorApi, Tokens } from './editor-helpers';
import { waitFor } from './helpers';

const tokens = new Tokens(20261201);

type Answer = 'allow' | 'deny' | 'escape';
type Question = { message: string; modal: boolean; detail: string; buttons: string[] };

/**
 * Takes over the extension's own window API (the test and the extension share it): every warning
 * is recorded and answered with `answer` (the first button is Don't Allow, the second the action).
 */
function answerQuestions(answer: Answer): { answer: Answer; asked: Question[]; restore: () => void } {
  const win = vscode.window as unknown as { showWarningMessage: (...a: unknown[]) => Thenable<unknown> };
  const saved = win.showWarningMessage;
  const dialog = { answer, asked: [] as Question[], restore: () => void (win.showWarningMessage = saved) };
  win.showWarningMessage = async (message: unknown, options: unknown, ...buttons: unknown[]) => {
    const o = options as { modal?: boolean; detail?: string };
    dialog.asked.push({ message: String(message), modal: o?.modal === true, detail: String(o?.detail), buttons: buttons.map(String) });
    return dialog.answer === 'escape' ? undefined : dialog.answer === 'allow' ? buttons[1] : buttons[0];
  };
  return dialog;
}

suite('Commands called with a bare id', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await editorApi();
  });
  teardown(async () => {
    for (const t of api.tokenStore.list()) if (t.label.startsWith('cc ')) await api.tokenStore.remove(t.id);
    await vscode.env.clipboard.writeText('');
  });

  const exec = <T>(command: string, ...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
  /** The node the Tokens view shows for an entry: what VS Code passes a command run from its menu. */
  const nodeOf = (t: StoredToken): VaultNode => {
    const node = api.tokensTree.getChildren().find((n) => n.type === 'token' && n.token.id === t.id);
    assert.ok(node, 'the view shows the entry');
    return node;
  };
  /** What another extension could hand over: the id, a StoredToken-shaped object, a copy of a node. */
  const forged = (t: StoredToken): unknown[] => [t.id, { id: t.id }, { type: 'token', token: { ...t } }, { type: 'token', token: t }];
  const exposed = () => (api.workspaceState.get<string[]>(EXPOSED_KEY) ?? []).slice();

  test('Expose to terminals with an id the caller named asks first: unanswered or refused, nothing is exposed', async () => {
    const value = tokens.make('bot');
    const t = await api.tokenStore.add({ token: value, label: 'cc expose', envVar: 'CC_EXPOSE_TOKEN' });
    for (const ref of forged(t)) {
      for (const confirm of [undefined, false]) {
        assert.equal(await exec(Commands.toggleTerminalEnv, ref, { expose: true, quiet: true, confirm }), undefined, `${JSON.stringify(ref).slice(0, 40)}, confirm ${confirm}`);
        assert.ok(!exposed().includes(t.id), 'not recorded for this workspace');
        assert.equal(api.editor.terminalEnvironment.get('CC_EXPOSE_TOKEN'), undefined, 'not in the terminals’ environment');
      }
    }
    // The modal's answer (honoured in the test host only) is what lets it through.
    const on = await exec<ToggleResult>(Commands.toggleTerminalEnv, t.id, { expose: true, quiet: true, confirm: true });
    assert.deepEqual(on, { id: t.id, envVar: 'CC_EXPOSE_TOKEN', exposed: true });
    await waitFor(() => api.editor.terminalEnvironment.get('CC_EXPOSE_TOKEN')?.value === value, 10_000, 'exposed once allowed');
    // Stopping only takes a token away: no question.
    const off = await exec<ToggleResult>(Commands.toggleTerminalEnv, t.id, { quiet: true });
    assert.equal(off.exposed, false);
    await waitFor(() => api.editor.terminalEnvironment.get('CC_EXPOSE_TOKEN') === undefined, 10_000, 'the variable removed');
  });

  test('Expose from a node of the Tokens view asks too: unanswered, nothing is exposed; allowed, it is', async () => {
    const value = tokens.make('user');
    const t = await api.tokenStore.add({ token: value, label: 'cc view', envVar: 'CC_VIEW_TOKEN' });
    const node = nodeOf(t);
    assert.ok(isVouched(node) === false, 'the test’s copy of the module knows nothing of the extension’s wrappers');
    assert.equal(await exec(Commands.toggleTerminalEnv, node, { expose: true, quiet: true }), undefined, 'the view’s node proves nothing: asked, unanswered');
    assert.ok(!exposed().includes(t.id), 'not exposed');
    const on = await exec<ToggleResult>(Commands.toggleTerminalEnv, node, { expose: true, quiet: true, confirm: true });
    assert.equal(on?.exposed, true, 'allowed');
    await waitFor(() => api.editor.terminalEnvironment.get('CC_VIEW_TOKEN')?.value === value, 10_000, 'exposed');
    await exec(Commands.toggleTerminalEnv, node, { expose: false, quiet: true });
    await waitFor(() => api.editor.terminalEnvironment.get('CC_VIEW_TOKEN') === undefined, 10_000, 'stopped');
  });

  test('Copy with an id the caller named asks first: unanswered, the clipboard keeps what it had', async () => {
    const value = tokens.make('bot');
    const t = await api.tokenStore.add({ token: value, label: 'cc copy' });
    await vscode.env.clipboard.writeText('before');
    for (const ref of forged(t)) {
      assert.equal(await exec(Commands.copyToken, ref), undefined);
      assert.equal(await vscode.env.clipboard.readText(), 'before', 'the token is not on the clipboard');
    }
    assert.equal(await exec(Commands.copyToken, nodeOf(t)), undefined, 'the view’s own node asks too');
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    const r = await exec<CopyTokenResult>(Commands.copyToken, nodeOf(t), { confirm: true });
    assert.equal(r?.copied, true, 'allowed');
    assert.equal(await vscode.env.clipboard.readText(), value);
  });

  test('Rename with an id (or a view node) and a label the caller named asks first; allowed, it renames', async () => {
    const t = await api.tokenStore.add({ token: tokens.make('bot'), label: 'cc rename' });
    for (const ref of [...forged(t), nodeOf(t)]) {
      assert.equal(await exec(Commands.renameToken, ref, { label: 'cc planted' }), undefined);
      assert.equal(api.tokenStore.get(t.id)?.label, 'cc rename', 'unchanged');
    }
    assert.equal((await exec<{ label: string }>(Commands.renameToken, nodeOf(t), { label: 'cc renamed', confirm: true }))?.label, 'cc renamed');
    assert.equal(api.tokenStore.get(t.id)?.label, 'cc renamed');
  });

  test('the question is a modal that names the token by its mask and the workspace; its answer decides', async () => {
    const value = tokens.make('bot');
    const t = await api.tokenStore.add({ token: value, label: 'cc asked', envVar: 'CC_ASKED_TOKEN' });
    const dialog = answerQuestions('deny');
    try {
      await vscode.env.clipboard.writeText('before');
      for (const a of ['escape', 'deny'] as const) {
        dialog.answer = a;
        assert.equal(await exec(Commands.copyToken, t.id), undefined);
        assert.equal(await exec(Commands.toggleTerminalEnv, t.id, { expose: true, quiet: true }), undefined);
        assert.equal(await vscode.env.clipboard.readText(), 'before', `${a}: not copied`);
        assert.ok(!exposed().includes(t.id), `${a}: not exposed`);
      }
      assert.equal(dialog.asked.length, 4, 'asked every time');
      for (const q of dialog.asked) {
        assert.ok(q.modal, 'a modal');
        assert.ok(q.message.includes(t.masked) && q.message.includes('cc asked') && q.message.includes(String(vscode.workspace.name)), q.message);
        assert.equal(q.buttons[0], "Don't Allow", 'the first button (Enter) changes nothing');
        tokens.assertAbsent(JSON.stringify(q), 'the question');
      }
      dialog.answer = 'allow';
      dialog.asked.length = 0;
      assert.equal((await exec<CopyTokenResult>(Commands.copyToken, t.id))?.copied, true);
      assert.equal(await vscode.env.clipboard.readText(), value, 'allowed: copied');
      assert.equal((await exec<ToggleResult>(Commands.toggleTerminalEnv, t.id, { expose: true, quiet: true }))?.exposed, true);
      await waitFor(() => api.editor.terminalEnvironment.get('CC_ASKED_TOKEN')?.value === value, 10_000, 'allowed: exposed');
      assert.deepEqual(dialog.asked.map((q) => q.buttons[1]), ['Copy', 'Expose']);
    } finally {
      dialog.restore();
      await exec(Commands.toggleTerminalEnv, t.id, { expose: false, quiet: true });
    }
  });

  test('another extension’s runCommands with the view’s item handle gets a question, not the token (Copy, Expose)', async () => {
    const value = tokens.make('bot');
    const t = await api.tokenStore.add({ token: value, label: 'cc handle', envVar: 'CC_HANDLE_TOKEN' });
    // The view must have shown the item: the extension host maps a handle only to an element its view fetched.
    const tree = api.tokensTree as unknown as { getChildren: (e?: VaultNode) => VaultNode[] };
    const ownGetChildren = tree.getChildren;
    let fetched = false;
    tree.getChildren = (e?: VaultNode) => {
      const nodes = ownGetChildren.call(api.tokensTree, e);
      if (!e && nodes.some((n) => n.type === 'token' && n.token.id === t.id)) fetched = true;
      return nodes;
    };
    const win = vscode.window as unknown as { showWarningMessage: (...a: unknown[]) => Thenable<unknown>; showQuickPick: (...a: unknown[]) => Thenable<unknown> };
    const saved = { warn: win.showWarningMessage, pick: win.showQuickPick };
    const asked: { message: string; modal: boolean; buttons: string[] }[] = [];
    win.showWarningMessage = async (message: unknown, options: unknown, ...buttons: unknown[]) => {
      asked.push({ message: String(message), modal: (options as { modal?: boolean })?.modal === true, buttons: buttons.map(String) });
      return buttons[0]; // Don't Allow
    };
    // Until the view maps the handle the command gets no argument, so it would offer a quick pick.
    win.showQuickPick = async () => undefined;
    try {
      await exec(`${Views.tokens}.focus`);
      api.tokensTree.refresh();
      await waitFor(() => fetched, 20_000, 'the Tokens view fetched the entry');
      await vscode.env.clipboard.writeText('before');
      // Exactly what another extension can send: VS Code's main thread relays it, and the extension
      // host turns the argument into the view's own element before our command sees it.
      const relay = (command: string, ...rest: unknown[]) =>
        exec('runCommands', { commands: [{ command, args: [{ $treeViewId: Views.tokens, $treeItemHandle: `1/${t.id}` }, ...rest] }] });
      for (const [command, rest, allow] of [
        [Commands.copyToken, [], 'Copy'],
        [Commands.toggleTerminalEnv, [{ expose: true, quiet: true }], 'Expose'],
      ] as const) {
        asked.length = 0;
        await waitFor(async () => {
          await relay(command, ...rest);
          return asked.length > 0;
        }, 20_000, `${command}: asked before acting on the view’s element (with no question it copies or exposes the token)`);
        assert.equal(asked.length, 1, `${command}: asked once`);
        assert.ok(asked[0].modal, 'a modal');
        assert.ok(asked[0].message.includes(t.masked) && asked[0].message.includes('cc handle'), asked[0].message);
        assert.deepEqual(asked[0].buttons, ["Don't Allow", allow], 'Don’t Allow first');
      }
      assert.equal(await vscode.env.clipboard.readText(), 'before', 'not copied');
      assert.ok(!exposed().includes(t.id), 'not exposed');
      assert.equal(api.editor.terminalEnvironment.get('CC_HANDLE_TOKEN'), undefined, 'not in the terminals’ environment');
    } finally {
      win.showWarningMessage = saved.warn;
      win.showQuickPick = saved.pick;
      tree.getChildren = ownGetChildren;
    }
  });

  test('Add Token handed a token and a label by another caller asks first (a modal, the token masked, Don’t Allow first): unanswered or refused, nothing is stored', async () => {
    const value = tokens.make('bot');
    const masked = redact(value);
    const stored = () => api.tokenStore.list().filter((t) => t.masked === masked);
    const dialog = answerQuestions('escape');
    const planted = { token: value, label: 'cc planted', endpoint: 'https://slack.com/api/' };
    try {
      for (const a of ['escape', 'deny'] as const) {
        dialog.answer = a;
        assert.equal(await exec(Commands.addToken, { ...planted }), undefined, a);
        assert.deepEqual(stored(), [], `${a}: nothing stored`);
      }
      assert.equal(dialog.asked.length, 2, 'asked every time');
      for (const q of dialog.asked) {
        assert.ok(q.modal, 'a modal');
        assert.ok(q.message.includes(masked) && q.message.includes('cc planted') && q.message.includes(String(vscode.workspace.name)), q.message);
        assert.deepEqual(q.buttons, ["Don't Allow", 'Store'], 'the first button (Enter) changes nothing');
        tokens.assertAbsent(JSON.stringify(q), 'the question');
      }
      // The test host's own answer counts too, and refuses without a modal.
      dialog.asked.length = 0;
      assert.equal(await exec(Commands.addToken, { ...planted, confirm: false }), undefined);
      assert.deepEqual([dialog.asked.length, stored().length], [0, 0]);
      dialog.answer = 'allow';
      const r = await exec<AddTokenResult>(Commands.addToken, { ...planted });
      assert.equal(r?.ok, true, 'allowed: stored');
      assert.deepEqual(stored().map((t) => t.label), ['cc planted']);
      assert.equal(dialog.asked.length, 1);
    } finally {
      dialog.restore();
    }
  });

  test('Add Token handed a signing secret or a client secret as KEY=<hex> asks with the secret masked: no form of it is in the question', async () => {
    const dialog = answerQuestions('escape');
    try {
      for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_CLIENT_SECRET']) {
        const secret = tokens.make('signing-secret');
        dialog.asked.length = 0;
        assert.equal(await exec(Commands.addToken, { token: `${name}=${secret}`, label: 'cc secret' }), undefined, name);
        assert.equal(dialog.asked.length, 1, `${name}: asked`);
        const text = JSON.stringify(dialog.asked[0]);
        tokens.assertAbsent(text, `the question for ${name}`);
        const lower = text.toLowerCase();
        // Not the whole secret, in any case, nor any 8 characters of it (a mask keeps at most 4).
        for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!lower.includes(secret.slice(i, i + 8).toLowerCase()), `${name}: part of the secret is in the question`);
        assert.ok(dialog.asked[0].message.includes('…'), `${name}: the question shows a mask`);
      }
    } finally {
      dialog.restore();
    }
  });

  test('Add Token handed a bad label, env var or a token that is not text says why before asking: no question, no crash, nothing stored', async () => {
    const value = tokens.make('bot');
    const secret = tokens.make('signing-secret');
    const masked = redact(value);
    const dialog = answerQuestions('allow');
    const win = vscode.window as unknown as { showErrorMessage: (...a: unknown[]) => Thenable<unknown> };
    const savedError = win.showErrorMessage;
    const errors: string[] = [];
    win.showErrorMessage = async (message: unknown) => void errors.push(String(message));
    const endpoint = 'https://slack.com/api/';
    const cases: [string, Record<string, unknown>][] = [
      ['a number as the token', { token: 1, label: 'cc number', endpoint }],
      ['an object as the token', { token: { id: 'x' }, label: 'cc object', endpoint }],
      ['a label over two lines', { token: value, label: 'cc two\nStore the token in Secret Storage as “Deploy bot”?', endpoint }],
      ['a label of 300 characters', { token: value, label: `cc ${'n'.repeat(300)}`, endpoint }],
      ['a label that is not text', { token: value, label: 7, endpoint }],
      ['a blank label', { token: value, label: '   ', endpoint }],
      ['an env var that is no name', { token: value, label: 'cc env', envVar: 'NOT A NAME', endpoint }],
      ['a label holding a token', { token: value, label: `cc ${tokens.make('user')}`, endpoint }],
      // A bare secret is one redact() cannot see: refused because it is the handed-over token itself.
      ['a label holding the handed-over secret', { token: `SLACK_SIGNING_SECRET=${secret}`, label: `cc ${secret}`, endpoint }],
    ];
    try {
      for (const [what, options] of cases) {
        dialog.asked.length = 0;
        errors.length = 0;
        assert.equal(await exec(Commands.addToken, options), undefined, what);
        assert.deepEqual(errors, [], `${what}: no failure message`);
        assert.equal(dialog.asked.filter((q) => q.modal).length, 0, `${what}: not asked`);
        const said = dialog.asked.map((q) => q.message);
        assert.equal(said.length, 1, `${what}: one message: ${said.join(' | ')}`);
        assert.ok(/label|token|variable/i.test(said[0]) && !said[0].includes('\n'), `${what}: says why: ${said[0]}`);
        tokens.assertAbsent(said[0], `the message for ${what}`);
      }
      assert.deepEqual(api.tokenStore.list().filter((t) => t.masked === masked), [], 'nothing stored');
    } finally {
      dialog.restore();
      win.showErrorMessage = savedError;
    }
  });

  test('Test, Test All with options and a revoke dry run on an id the caller named ask first: unanswered, nothing reaches Slack', async () => {
    const fake = await FakeSlack.start();
    const config = vscode.workspace.getConfiguration('slackTokenGuard');
    await config.update('api.extraEndpoints', [fake.url], vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => readApiSettings().extraEndpoints.includes(fake.url), 10_000, 'the user-level endpoint setting');
      const value = tokens.make('bot');
      fake.register(value, { team: 'Acme', user: 'deploy-bot', scopes: ['chat:write'] });
      const t = await api.tokenStore.add({ token: value, label: 'cc network', endpoint: fake.url });
      for (const ref of forged(t)) {
        assert.equal(await exec(Commands.testToken, ref), undefined, `Test ${JSON.stringify(ref).slice(0, 40)}`);
        assert.equal(await exec(Commands.testToken, ref, { confirm: false }), undefined, 'Test, refused');
        assert.equal(await exec(Commands.revokeToken, ref, { dryRun: true }), undefined, 'dry run');
      }
      assert.equal(await exec(Commands.testAllTokens, { trusted: true }), undefined, 'Test All handed options');
      assert.equal(fake.count(), 0, 'nothing reached Slack');
      assert.equal(api.tokenStore.get(t.id)?.status, 'unchecked', 'the entry is untouched');
      // Allowed (the modal's answer, honoured in the test host only), each goes through.
      assert.equal((await exec<{ status: string }>(Commands.testToken, t.id, { confirm: true }))?.status, 'valid');
      assert.equal((await exec<{ outcome: string }>(Commands.revokeToken, t.id, { dryRun: true, confirm: true }))?.outcome, 'dry-run-ok');
      assert.equal(fake.count('auth.revoke'), 1, 'only the dry run');
      // The view's own node tests without a question (its inline Test).
      const before = fake.count('auth.test');
      assert.equal((await exec<{ status: string }>(Commands.testToken, nodeOf(t)))?.status, 'valid');
      assert.ok(fake.count('auth.test') > before, 'sent from the view');
    } finally {
      await config.update('api.extraEndpoints', undefined, vscode.ConfigurationTarget.Global);
      await fake.close();
    }
  });

  test('the question names the token by its mask and the workspace it was asked in, and masks a token in a new label', () => {
    const value = tokens.make('bot');
    const t = { label: 'Deploy bot', masked: `${value.slice(0, 5)}…${value.slice(-4)}` };
    const workspace = workspaceLabel();
    assert.equal(workspace, vscode.workspace.name, 'the window’s workspace');
    for (const action of ['expose', 'copy', 'rename'] as const) {
      const text = callerConfirmationText(action, t, workspace, `new ${value}`);
      assert.ok(text.message.includes(t.masked) && text.message.includes('Deploy bot') && text.message.includes(workspace!), text.message);
      assert.notEqual(text.deny, text.allow);
      tokens.assertAbsent(JSON.stringify(text), `the ${action} question`);
    }
    assert.match(callerConfirmationText('expose', t, workspace).message, /terminal/);
    assert.match(callerConfirmationText('copy', t, workspace).message, /clipboard/);
  });

  test('outside the test host a command returns nothing to a caller that is not this extension', () => {
    const result = { results: [{ id: 'entry-id', status: 'valid' }] };
    for (const mode of [vscode.ExtensionMode.Production, vscode.ExtensionMode.Development]) {
      assert.equal(resultForCaller(result, ['entry-id', { confirm: true }], mode), undefined, 'an id');
      assert.equal(resultForCaller(result, [{ type: 'token', token: { id: 'entry-id' } }], mode), undefined, 'a forged node');
      assert.equal(resultForCaller(result, [], mode), undefined, 'Test All: no arguments');
      assert.equal(resultForCaller(result, [vouched({ id: 'entry-id' })], mode), result, 'this extension’s own call');
    }
    assert.equal(resultForCaller(result, ['entry-id'], vscode.ExtensionMode.Test), result, 'the tests read results');
  });
});
