// Hostile workspaces, in a real extension host: a workspace's .vscode/settings.json cannot change
// where a token goes, and an untrusted workspace gets detection but no network action without a
// confirmation that names the endpoint. (The test host runs with workspace trust disabled, so the
// commands' `trusted: false` seam stands in for an untrusted workspace; it can only make the check
// stricter, and production reads vscode.workspace.isTrusted.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { LiteralResult } from '../../src/features/quick-fixes/literal-actions';
import type { RevokeTokenResult, TestAllResult, TestTokenResult } from '../../src/features/vault';
import { allowedEndpoints, readApiSettings, untrustedConfirmationText } from '../../src/features/vault';
import { FakeSlack } from '../support/fake-slack';
import { closeAllWithoutSaving, editorApi, logText, setUserSetting, Tokens, untitled, waitForCount, emptyVault, resetApiSettings } from './editor-helpers';
import { getExtension, waitFor, workspaceRoot } from './helpers';

const tokens = new Tokens(777001);
const SECTION = 'slackTokenGuard';

/** Every setting that decides where a token goes or how it leaves the editor. */
const ROUTING_SETTINGS = ['api.extraEndpoints', 'api.requestTimeoutSeconds', 'paste.safePasteByDefault'];

function clipboard(text: string): vscode.DataTransfer {
  const dt = new vscode.DataTransfer();
  dt.set('text/plain', new vscode.DataTransferItem(text));
  return dt;
}

suite('Hostile workspace: settings and trust', () => {
  let api: ExtensionTestApi;
  let fake: FakeSlack;
  let evil: FakeSlack;
  const settingsFile = () => path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  let original: string | undefined;

  suiteSetup(async () => {
    api = await editorApi();
    fake = await FakeSlack.start();
    evil = await FakeSlack.start();
    await setUserSetting(`${SECTION}.api.extraEndpoints`, [fake.url]);
    await setUserSetting(`${SECTION}.api.requestTimeoutSeconds`, 10);
  });

  suiteTeardown(async () => {
    await closeAllWithoutSaving();
    await emptyVault(api);
    await resetApiSettings();
    await fake?.close();
    await evil?.close();
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  setup(() => fake.setMode('normal'));

  test('every routing setting is application- or machine-scoped in the manifest', () => {
    const props = (getExtension().packageJSON as { contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] } })
      .contributes.configuration;
    const all = Object.assign({}, ...(Array.isArray(props) ? props : [props]).map((c) => c.properties)) as Record<string, { scope?: string }>;
    for (const key of ROUTING_SETTINGS) {
      const scope = all[`${SECTION}.${key}`]?.scope;
      assert.ok(scope === 'application' || scope === 'machine', `${key} has scope ${scope}`);
    }
  });

  test('a workspace settings.json naming the endpoint, timeout and safe-paste default changes nothing', async () => {
    original = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
    const before = { api: readApiSettings(), allowed: allowedEndpoints() };
    const userPaste = vscode.workspace.getConfiguration(SECTION).get<boolean>('paste.safePasteByDefault', false);
    try {
      const base = original ? (JSON.parse(original) as Record<string, unknown>) : {};
      fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
      fs.writeFileSync(
        settingsFile(),
        JSON.stringify(
          {
            ...base,
            'slackTokenGuard.api.extraEndpoints': [evil.url, 'https://collector.example/api/'],
            'slackTokenGuard.api.requestTimeoutSeconds': 120,
            'slackTokenGuard.paste.safePasteByDefault': !userPaste,
            'editor.tabSize': 5,
          },
          null,
          2,
        ),
      );
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 5, 15_000, 'workspace settings loaded');

      // The settings the extension reads are the user's.
      assert.deepEqual(readApiSettings(), before.api);
      assert.deepEqual(allowedEndpoints(), before.allowed);
      assert.ok(!allowedEndpoints().includes(evil.url));
      assert.equal(vscode.workspace.getConfiguration(SECTION).get<boolean>('paste.safePasteByDefault', false), userPaste, 'safe paste default');

      // Safe paste keeps the user's ordering (plain paste first by default).
      const token = tokens.make('bot');
      const editor = await untitled('const slackToken = "";\n', 'javascript');
      const pos = new vscode.Position(0, 20);
      const edits = await api.editor.safePaste.provideDocumentPasteEdits(
        editor.document,
        [new vscode.Range(pos, pos)],
        clipboard(token),
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic },
        new vscode.CancellationTokenSource().token,
      );
      assert.equal(edits?.length, 1);
      assert.equal(!!edits?.[0].yieldTo?.length, !userPaste, 'plain paste still comes first');

      // Nothing can be sent to the workspace's endpoint: not via Add, Test this token or Revoke this token.
      evil.register(token, { team: 'Evil', user: 'x', botId: 'B0EVIL0002' });
      fake.register(token, { team: 'Acme', user: 'good', botId: 'B0GOOD0002' });
      assert.equal(await vscode.commands.executeCommand(Commands.addToken, { confirm: true, token, label: 'to evil', endpoint: evil.url }), undefined);
      const doc = await untitled(`token = "${token}"\n`, 'python');
      const [d] = await waitForCount(doc.document.uri, 1);
      const literal = { uri: doc.document.uri, range: d.range };
      assert.equal(await vscode.commands.executeCommand(Commands.testLiteral, { ...literal, endpoint: evil.url }), undefined, 'test refused');
      assert.equal(await vscode.commands.executeCommand(Commands.revokeLiteral, { ...literal, endpoint: evil.url, confirm: true }), undefined, 'revoke refused');
      const ok = await vscode.commands.executeCommand<LiteralResult>(Commands.testLiteral, { ...literal, endpoint: fake.url });
      assert.equal(ok.status, 'valid', `the user-level endpoint still works: ${ok.message} ${JSON.stringify(fake.requests.at(-1))}`);
      assert.equal(evil.count(), 0, 'the workspace endpoint never received a request');
    } finally {
      if (original === undefined) fs.rmSync(settingsFile(), { force: true });
      else fs.writeFileSync(settingsFile(), original);
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue !== 5, 15_000, 'workspace settings restored');
    }
  });

  test('the untrusted-workspace confirmation names every endpoint', () => {
    const text = untrustedConfirmationText([fake.url, 'https://slack-gov.com/api/', fake.url]);
    assert.ok(text.message.includes(fake.url), text.message);
    assert.ok(text.message.includes('https://slack-gov.com/api/'));
    assert.ok(text.detail.includes(fake.url));
    assert.match(text.message, /not trusted/);
  });

  test('untrusted: detection works, but test, test all, revoke and the literal actions send nothing unless confirmed', async () => {
    const token = tokens.make('bot');
    fake.register(token, { team: 'Acme', user: 'trusty', botId: 'B0TRUST001', scopes: ['chat:write'] });
    const add = await vscode.commands.executeCommand<{ id: string }>(Commands.addToken, { confirm: true, token, label: 'untrusted test', endpoint: fake.url });
    const id = add.id;
    const stored = api.tokenStore.get(id);
    // Detection is local and needs no trust.
    const editor = await untitled(`token = "${token}"\nother = "${tokens.make('user')}"\n`, 'python');
    const [d] = (await waitForCount(editor.document.uri, 2)).filter((x) => x.range.start.line === 0);
    const literal = { uri: editor.document.uri, range: d.range, endpoint: fake.url };
    const other = { uri: editor.document.uri, range: ourSecond(editor.document), endpoint: fake.url };

    const n = fake.count();
    const declined = { trusted: false, confirmEndpoint: false, confirm: true };
    assert.equal(await vscode.commands.executeCommand(Commands.testToken, id, declined), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.testAllTokens, declined), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.revokeToken, id, { ...declined, confirm: true }), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.testLiteral, { ...other, ...declined }), undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.revokeLiteral, { ...other, ...declined, confirm: true }), undefined);
    // A stored literal goes through the vault's command with the same answer.
    assert.equal((await vscode.commands.executeCommand<LiteralResult>(Commands.testLiteral, { ...literal, ...declined }))?.status ?? 'unknown', 'unknown');
    // No answer at all: the modal is the only way through (test hosts refuse modals, so: nothing sent).
    await vscode.commands.executeCommand(Commands.testToken, id, { trusted: false, confirm: true });
    assert.equal(fake.count(), n, 'nothing reached Slack without the confirmation');
    assert.deepEqual(api.tokenStore.get(id), stored, 'the recorded state is unchanged');
    assert.equal(fake.isRevoked(token), false);

    // Confirmed: the action goes ahead, to the endpoint named.
    const confirmed = { trusted: false, confirmEndpoint: true, confirm: true };
    const t = await vscode.commands.executeCommand<TestTokenResult>(Commands.testToken, id, confirmed);
    assert.equal(t.status, 'valid');
    const all = await vscode.commands.executeCommand<TestAllResult>(Commands.testAllTokens, confirmed);
    assert.ok(all.results.length >= 1);
    const lit = await vscode.commands.executeCommand<LiteralResult>(Commands.testLiteral, { ...other, ...confirmed });
    // The fake does not know this literal: Slack's invalid_auth is reported, not taken for dead.
    assert.equal(lit.status, 'unknown', lit.message);
    assert.match(lit.message, /invalid_auth/);
    const dry = await vscode.commands.executeCommand<RevokeTokenResult>(Commands.revokeToken, id, { ...confirmed, confirm: true, dryRun: true });
    assert.equal(dry.outcome, 'dry-run-ok');
    assert.ok(fake.count() > n);
    assert.equal(evilCountIsZero(), true);
  });

  function ourSecond(doc: vscode.TextDocument): vscode.Range {
    const line = doc.lineAt(1);
    const start = line.text.indexOf('"') + 1;
    return new vscode.Range(1, start, 1, line.text.lastIndexOf('"'));
  }

  function evilCountIsZero(): boolean {
    return evil.count() === 0;
  }
});
