// The vault in a real extension host: Secret Storage, the Tokens view, and test/revoke against a fake
// Slack on 127.0.0.1 that the extension reaches through a USER-level endpoint setting.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { KINDS } from '../../src/core/detect';
import { Commands } from '../../src/features/ids';
import type { AddTokenResult, CopyTokenResult, RevokeTokenResult, StoredToken, TestAllResult, TestTokenResult } from '../../src/features/vault';
import { CLIPBOARD_CLEAR_SECONDS, readApiSettings, revokeConfirmationText, TokenStore } from '../../src/features/vault';
import { ClipboardGuard } from '../../src/features/vault/clipboard';
import type { MigrationGuideResult } from '../../src/features/vault/commands/migration-guide';
import { shortMask } from '../../src/features/vault/tree';
import { FakeSlack } from '../support/fake-slack';
import { PREFIX, TokenGenerator } from '../support/token-gen';
import { activateExtension, waitFor, workspaceRoot } from './helpers';
import { equalRedacted } from '../support/assert-redacted';

const SECTION = 'slackTokenGuard';
const gen = new TokenGenerator(20261127);
/** Every token value this suite ever handles: none may show up anywhere but Secret Storage. */
const seen: string[] = [];
function token(kind: Parameters<TokenGenerator['token']>[0]): string {
  const t = gen.token(kind);
  seen.push(t);
  return t;
}
/** Every message a command returned (what the notifications said). */
const messages: string[] = [];

function exec<T>(command: string, ...args: unknown[]): Promise<T> {
  return Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).then((r) => {
    if (r && typeof r === 'object' && typeof (r as { message?: unknown }).message === 'string') {
      messages.push((r as unknown as { message: string }).message);
    }
    return r;
  });
}

interface ShownItem {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
}

suite('Vault', () => {
  let api: ExtensionTestApi;
  let store: ExtensionTestApi['tokenStore'];
  let fake: FakeSlack;

  function shown(): ShownItem[] {
    return api.tokensTree.getChildren().map((node) => {
      const item = api.tokensTree.getTreeItem(node);
      return {
        id: String(item.id),
        label: String(typeof item.label === 'string' ? item.label : item.label?.label),
        description: String(item.description ?? ''),
        tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
        contextValue: String(item.contextValue ?? ''),
      };
    });
  }

  /** The tree shows exactly what the store holds, in order, with each token's label and masked value. */
  function assertTreeMatchesStore(): void {
    const list = store.list();
    const items = shown();
    assert.deepEqual(
      items.map((i) => [i.id, i.label]),
      list.map((t) => [t.id, t.label]),
    );
    for (const [i, t] of list.entries()) assert.ok(items[i].description.startsWith(shortMask(t.masked)), items[i].description);
  }

  async function add(value: string, label: string, endpoint = fake.url): Promise<StoredToken> {
    const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: value, label, endpoint });
    assert.ok(r?.ok, `add ${label}`);
    const t = store.get(r.id);
    assert.ok(t);
    return t;
  }

  async function clearVault(): Promise<void> {
    for (const t of store.list()) await store.remove(t.id);
  }

  suiteSetup(async () => {
    const a = await activateExtension();
    assert.ok(a, 'the test-mode API');
    api = a;
    store = api.tokenStore;
    fake = await FakeSlack.start();
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('api.extraEndpoints', [fake.url], vscode.ConfigurationTarget.Global);
    await config.update('api.requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    await waitFor(() => readApiSettings().extraEndpoints.includes(fake.url), 10_000, 'the user-level endpoint setting');
    await clearVault();
  });

  suiteTeardown(async () => {
    await clearVault();
    const config = vscode.workspace.getConfiguration(SECTION);
    await config.update('api.extraEndpoints', undefined, vscode.ConfigurationTarget.Global);
    await config.update('api.requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  setup(() => {
    fake.setMode('normal');
  });

  test('Add Token accepts messy pastes, recognises the kind and stores only in Secret Storage', async () => {
    const quoted = token('bot');
    const bearer = token('user');
    const keyValue = token('bot');
    const spaced = token('app');
    const cases: [string, string, string][] = [
      [`  "${quoted}"  `, quoted, 'bot'],
      [`Bearer ${bearer}`, bearer, 'user'],
      [`SLACK_BOT_TOKEN=${keyValue}`, keyValue, 'bot'],
      [`\n\t'${spaced}'\n`, spaced, 'app'],
    ];
    for (const [paste, value, kind] of cases) {
      const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: paste, label: `paste ${kind}`, endpoint: fake.url });
      assert.ok(r?.ok, `accepted: ${kind}`);
      assert.equal(r.kind, kind);
      assert.equal(r.duplicate, false);
      equalRedacted(await store.getSecret(r.id), value, 'the secret is the normalised token');
      equalRedacted(await api.secrets.get(`slackTokenGuard.token.${r.id}`), value, 'under its own key');
      assertTreeMatchesStore();
    }
    // Two bot pastes under one label: the second is stored as "paste bot 2".
    const kv = store.list().find((t) => t.label === 'paste bot 2' && t.envVar === 'SLACK_BOT_TOKEN');
    assert.ok(kv, 'a KEY=value paste keeps its variable name');
  });

  test('Add Token refuses what is not a Slack credential, with the reason, and stores nothing', async () => {
    const before = store.list().length;
    for (const paste of ['hello world', `${PREFIX.bot}your-token-here`, '']) {
      const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: paste, label: 'nope', endpoint: fake.url });
      assert.equal(r?.ok, false, JSON.stringify(paste));
      assert.ok(!r.ok && r.reason.length > 10, 'a reason for the user');
    }
    assert.equal(store.list().length, before);
    assertTreeMatchesStore();
  });

  test('a duplicate is detected by fingerprint and not stored twice', async () => {
    const value = token('bot');
    const first = await add(value, 'original');
    const count = store.list().length;
    const again = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: ` '${value}' `, label: 'copy', endpoint: fake.url });
    assert.ok(again?.ok);
    assert.equal(again.duplicate, true);
    assert.equal(again.id, first.id);
    assert.equal(store.list().length, count);
    assert.equal(store.get(first.id)?.label, 'original');
  });

  test('Rename changes the label in the store and the tree; a token as label is refused', async () => {
    const value = token('bot');
    const t = await add(value, 'before rename');
    const r = await exec<{ label: string }>(Commands.renameToken, t.id, { label: '  Deploy bot  ', confirm: true });
    assert.equal(r.label, 'Deploy bot');
    assert.equal(store.get(t.id)?.label, 'Deploy bot');
    assertTreeMatchesStore();
    assert.ok(shown().some((i) => i.label === 'Deploy bot'));
    // The command wrapper shows the UserError and returns nothing.
    assert.equal(await exec(Commands.renameToken, t.id, { label: `my ${value}`, confirm: true }), undefined);
    assert.equal(store.get(t.id)?.label, 'Deploy bot');
    // Labels are cut to 200 characters: the cut must not leave a nearly whole token behind.
    const long = `${'n'.repeat(200 - value.length + 10)} ${value}`;
    assert.equal(await exec(Commands.renameToken, t.id, { label: long, confirm: true }), undefined);
    assert.equal(store.get(t.id)?.label, 'Deploy bot');
    assert.equal(await exec(Commands.addToken, { confirm: true, token: token('bot'), label: long, endpoint: fake.url }), undefined);
    assert.ok(!store.list().some((e) => e.label.startsWith('nnn')), 'no entry took the long label');
  });

  test('Add under a label another token has: says so, names both by label and mask, and stores it under a new name', async () => {
    const first = await add(token('bot'), 'Shared name');
    const value = token('bot');
    const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: value, label: ' Shared name ', endpoint: fake.url });
    assert.ok(r?.ok);
    assert.equal(r.label, 'Shared name 2');
    assert.equal(store.get(first.id)?.label, 'Shared name', 'the first keeps its name');
    assert.ok(r.message?.includes(first.masked) && r.message.includes(r.masked) && r.message.includes('Shared name 2'), r.message);
    assert.equal(new Set(store.list().map((t) => t.label)).size, store.list().length, 'every label is unique');
  });

  test('Copy puts the token on the clipboard, and says for how long', async () => {
    const value = token('user');
    const t = await add(value, 'to copy');
    const r = await exec<CopyTokenResult>(Commands.copyToken, t.id, { confirm: true });
    assert.equal(r.copied, true);
    assert.equal(r.masked, t.masked);
    assert.equal(r.clearsAfterSeconds, CLIPBOARD_CLEAR_SECONDS);
    assert.equal(await vscode.env.clipboard.readText(), value);
    // A caller cannot make the token stay longer.
    assert.equal((await exec<CopyTokenResult>(Commands.copyToken, t.id, { clearAfterSeconds: 3600, confirm: true })).clearsAfterSeconds, CLIPBOARD_CLEAR_SECONDS);
    await vscode.env.clipboard.writeText('');
  });

  test('Copy clears the clipboard afterwards if it still holds the token', async () => {
    const value = token('bot');
    const t = await add(value, 'copied briefly');
    await exec<CopyTokenResult>(Commands.copyToken, t.id, { clearAfterSeconds: 0.05, confirm: true });
    await waitFor(async () => (await vscode.env.clipboard.readText()) === '', 10_000, 'the clipboard is cleared');
  });

  test('the clipboard guard clears only its own copy: anything copied since is left alone', async () => {
    let text = '';
    const clipboard: vscode.Clipboard = { readText: async () => text, writeText: async (v) => void (text = v) };
    const guard = new ClipboardGuard(clipboard);
    const value = token('bot');
    await guard.copy(value);
    assert.equal(text, value);
    assert.equal(await guard.clearIfUnchanged(), true);
    assert.equal(text, '');
    await guard.copy(value);
    text = 'copied since';
    assert.equal(await guard.clearIfUnchanged(), false);
    assert.equal(text, 'copied since');
    await guard.copy(value);
    guard.dispose();
    await waitFor(() => text === '', 5_000, 'closing the window clears the copy too');
  });

  test('Test: a bot token is valid, with team, user, bot and scopes recorded and shown', async () => {
    const value = token('bot');
    fake.register(value, { team: 'Acme', user: 'deploybot', botId: 'B0DEPLOY01', scopes: ['chat:write', 'channels:read'] });
    const t = await add(value, 'bot under test');
    const r = await exec<TestTokenResult>(Commands.testToken, { type: 'token', token: t }, { confirm: true });
    assert.equal(r.status, 'valid');
    assert.equal(r.legacy, false);
    const after = store.get(t.id);
    assert.equal(after?.status, 'valid');
    assert.equal(after?.team, 'Acme');
    assert.equal(after?.user, 'deploybot');
    assert.equal(after?.botId, 'B0DEPLOY01');
    assert.deepEqual(after?.scopes, ['chat:write', 'channels:read']);
    assert.ok(after?.checkedAt);
    assertTreeMatchesStore();
    const item = shown().find((i) => i.id === t.id);
    assert.ok(item?.description.includes('Acme/deploybot'), item?.description);
    assert.ok(item?.description.includes('valid'));
    assert.ok(item?.tooltip.includes('chat:write'), 'scopes in the tooltip');
    assert.match(item?.contextValue ?? '', /\btestable\b/);
    const node = api.tokensTree.getChildren().find((n) => n.type === 'token' && n.token.id === t.id);
    assert.ok(node);
    const scopes = api.tokensTree.getChildren(node).map((n) => api.tokensTree.getTreeItem(n).label);
    assert.deepEqual(scopes, ['chat:write', 'channels:read'], 'expandable into its scopes');
  });

  test('Test: a legacy user token is flagged legacy with its scopes, and the guide lists replacements', async () => {
    const value = token('user');
    fake.register(value, { team: 'Acme', user: 'alice', scopes: ['identify', 'read', 'post', 'client'] });
    const t = await add(value, 'old tester token');
    const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
    assert.equal(r.status, 'valid');
    assert.equal(r.legacy, true);
    assert.match(r.message, /legacy token/);
    const after = store.get(t.id);
    assert.equal(after?.legacy, true);
    assert.deepEqual(after?.scopes, ['identify', 'read', 'post', 'client']);
    const item = shown().find((i) => i.id === t.id);
    assert.match(item?.contextValue ?? '', /\blegacy\b/);
    assert.ok(item?.description.includes('legacy'));
    const node = api.tokensTree.getChildren().find((n) => n.type === 'token' && n.token.id === t.id);
    const scopeItems = api.tokensTree.getChildren(node).map((n) => api.tokensTree.getTreeItem(n));
    assert.ok(scopeItems.some((s) => s.label === 'read' && s.contextValue === 'scope legacyScope'));

    const guide = await exec<MigrationGuideResult>(Commands.openMigrationGuide, t.id, { openExternal: false });
    assert.deepEqual(guide.legacyScopes, ['identify', 'read', 'post', 'client']);
    assert.ok(guide.markdown?.includes('channels:history'), 'read → granular read scopes');
    assert.ok(guide.markdown?.includes('chat:write'), 'post → chat:write');
    assert.ok(guide.url.startsWith('https://'));
    if (guide.markdown) messages.push(guide.markdown);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Test: a revoked token is recorded as revoked', async () => {
    const value = token('bot');
    fake.register(value, { team: 'Acme', user: 'oldbot', botId: 'B0OLD00001', revoked: true });
    const t = await add(value, 'revoked elsewhere');
    const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
    assert.equal(r.status, 'invalid');
    assert.equal(store.get(t.id)?.status, 'revoked');
    assert.ok(shown().find((i) => i.id === t.id)?.description.includes('revoked'));
  });

  test('Test: a rate limit is unknown with the wait, one request, and the stored state untouched', async () => {
    const value = token('bot');
    fake.register(value, { team: 'Acme', user: 'bot', botId: 'B0RATE0001', scopes: ['chat:write'] });
    const t = await add(value, 'rate limited');
    await exec(Commands.testToken, t.id, { confirm: true });
    const before = store.get(t.id);
    assert.equal(before?.status, 'valid');
    fake.setMode('ratelimit', 30);
    const n = fake.count('auth.test');
    const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
    assert.equal(r.status, 'unknown');
    assert.equal(r.reason, 'ratelimited');
    assert.equal(r.retryAfter, 30);
    assert.match(r.message, /30 seconds/);
    assert.equal(fake.count('auth.test'), n + 1, 'no retry');
    assert.deepEqual(store.get(t.id), before);
  });

  test('Test: a hang times out as unknown and leaves the state untouched', async () => {
    const value = token('user');
    fake.register(value, { team: 'Acme', user: 'bob', scopes: ['chat:write'] });
    const t = await add(value, 'hangs');
    const before = store.get(t.id);
    fake.setMode('hang');
    const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
    assert.equal(r.status, 'unknown');
    assert.equal(r.reason, 'timeout');
    assert.deepEqual(store.get(t.id), before);
    assert.equal(store.get(t.id)?.status, 'unchecked');
  });

  test('Test All: cancellable, and it stops at a rate limit instead of hammering Slack', async () => {
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    const none = await exec<TestAllResult>(Commands.testAllTokens, { cancellation: cancelled.token, confirm: true });
    assert.equal(none.cancelled, true);
    assert.equal(none.results.length, 0);

    const testable = store.list().filter((t) => KINDS[t.kind].testable);
    assert.ok(testable.length >= 2);
    const all = await exec<TestAllResult>(Commands.testAllTokens);
    assert.equal(all.cancelled, false);
    assert.equal(all.results.length, testable.length);

    fake.setMode('ratelimit', 5);
    const n = fake.count('auth.test');
    const limited = await exec<TestAllResult>(Commands.testAllTokens);
    assert.equal(limited.stoppedByRateLimit, true);
    assert.equal(limited.results.length, 1);
    assert.equal(fake.count('auth.test'), n + 1);
  });

  test('Revoke with a dry run revokes nothing; the real revoke marks it revoked', async () => {
    const value = token('bot');
    fake.register(value, { team: 'Acme', user: 'leaker', botId: 'B0LEAK0001', scopes: ['chat:write'] });
    const t = await add(value, 'leaked bot');
    const text = revokeConfirmationText(t);
    assert.match(text.detail, /deactivates the bot user/);
    assert.match(text.detail, /leaves every channel/);

    const dry = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: true, dryRun: true });
    assert.equal(dry.outcome, 'dry-run-ok');
    assert.equal(fake.isRevoked(value), false);
    assert.equal(fake.requests.at(-1)?.dryRun, true);
    assert.equal(store.get(t.id)?.status, 'unchecked');

    const real = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: true, dryRun: false });
    assert.equal(real.outcome, 'revoked');
    assert.equal(fake.isRevoked(value), true);
    assert.equal(store.get(t.id)?.status, 'revoked');
    const item = shown().find((i) => i.id === t.id);
    assert.ok(item?.description.includes('revoked'));
    assert.doesNotMatch(item?.contextValue ?? '', /\brevocable\b/);
    assertTreeMatchesStore();

    const declined = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: false });
    assert.equal(declined.outcome, 'cancelled');
  });

  test('Revoke and remove in one go; a webhook is explained instead of revoked', async () => {
    const value = token('user');
    fake.register(value, { team: 'Acme', user: 'carol', scopes: ['identify', 'read'] });
    const t = await add(value, 'revoke and remove');
    const r = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: true, remove: true });
    assert.equal(r.outcome, 'revoked');
    assert.equal(r.removed, true);
    assert.equal(store.get(t.id), undefined);
    assertTreeMatchesStore();

    const hook = token('webhook');
    const h = await add(hook, 'webhook');
    const n = fake.count();
    const w = await exec<RevokeTokenResult>(Commands.revokeToken, h.id, { confirm: true });
    assert.equal(w.outcome, 'not-by-api');
    assert.match(w.message, /Incoming Webhooks/);
    assert.equal(fake.count(), n, 'nothing sent to Slack');
  });

  test('a workspace-level endpoint setting is ignored: a workspace cannot redirect tokens', async () => {
    const evil = await FakeSlack.start();
    const settingsFile = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
    const original = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    try {
      const base = original ? (JSON.parse(original) as Record<string, unknown>) : {};
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(
        settingsFile,
        JSON.stringify({ ...base, 'slackTokenGuard.api.extraEndpoints': [evil.url], 'slackTokenGuard.api.requestTimeoutSeconds': 1, 'editor.tabSize': 7 }, null, 2),
      );
      // editor.tabSize shows that VS Code has read the file.
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 7, 15_000, 'workspace settings loaded');
      assert.ok(!readApiSettings().extraEndpoints.includes(evil.url));
      assert.equal(readApiSettings().timeoutMs, 2000, 'the workspace timeout is ignored too');

      const value = token('bot');
      evil.register(value, { team: 'Evil', user: 'x', botId: 'B0EVIL0001' });
      fake.register(value, { team: 'Acme', user: 'good', botId: 'B0GOOD0001' });
      assert.equal(await exec(Commands.addToken, { confirm: true, token: value, label: 'redirected?', endpoint: evil.url }), undefined, 'refused');
      assert.equal(store.list().some((t) => t.label === 'redirected?'), false);
      const t = await add(value, 'stays home');
      const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
      assert.equal(r.status, 'valid');
      assert.equal(store.get(t.id)?.team, 'Acme');
      assert.equal(evil.count(), 0, 'the workspace endpoint never received a request');
    } finally {
      if (original === undefined) fs.rmSync(settingsFile, { force: true });
      else fs.writeFileSync(settingsFile, original);
      await evil.close();
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue !== 7, 15_000, 'workspace settings restored');
    }
  });

  test('Remove asks, and removes from Secret Storage, the index and the tree', async () => {
    const value = token('bot');
    const t = await add(value, 'to remove');
    const kept = await exec<{ removed: boolean }>(Commands.removeToken, t.id, { confirm: false });
    assert.equal(kept.removed, false);
    assert.ok(store.get(t.id));
    const gone = await exec<{ removed: boolean }>(Commands.removeToken, { type: 'token', token: t }, { confirm: true });
    assert.equal(gone.removed, true);
    assert.equal(store.get(t.id), undefined);
    assert.equal(await api.secrets.get(`slackTokenGuard.token.${t.id}`), undefined);
    assertTreeMatchesStore();
  });

  test('the index repairs itself when a secret disappears (another window, a lost keyring)', async () => {
    const value = token('user');
    const t = await add(value, 'vanishing');
    await api.secrets.delete(`slackTokenGuard.token.${t.id}`);
    await waitFor(() => store.get(t.id) === undefined, 10_000, 'entry dropped after secrets.onDidChange');
    assertTreeMatchesStore();
    assert.equal(await store.getSecret(t.id), undefined);
  });

  test('concurrent adds, renames and removes stay consistent', async () => {
    const values = Array.from({ length: 6 }, () => token('bot'));
    const before = store.list().length;
    const added = await Promise.all(values.map((v, i) => store.add({ token: v, label: `c${i}`, endpoint: fake.url })));
    assert.equal(store.list().length, before + values.length);
    await Promise.all([...added.map((a, i) => store.rename(a.id, `renamed ${i}`)), store.add({ token: values[0] })]);
    assert.equal(store.list().length, before + values.length);
    await Promise.all(added.map((a) => store.remove(a.id)));
    assert.equal(store.list().length, before);
    for (const a of added) assert.equal(await api.secrets.get(`slackTokenGuard.token.${a.id}`), undefined);
    assertTreeMatchesStore();
  });

  test('a failing Secret Storage leaves nothing half-written and says why', async () => {
    const memory = new Map<string, unknown>();
    const memento: vscode.Memento = {
      keys: () => [...memory.keys()],
      get: <T>(key: string, dflt?: T) => (memory.has(key) ? (memory.get(key) as T) : dflt),
      update: async (key: string, value: unknown) => {
        memory.set(key, value);
      },
    };
    const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
    const broken: vscode.SecretStorage = {
      get: async () => undefined,
      store: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      delete: async () => undefined,
      onDidChange: changed.event,
    };
    const local = new TokenStore(broken, memento);
    try {
      await assert.rejects(local.add({ token: token('bot'), label: 'x' }), (e: Error) => {
        assert.equal(e.name, 'UserError');
        assert.match(e.message, /Secret Storage/);
        assert.match(e.message, /Nothing was saved/);
        return true;
      });
      assert.deepEqual(local.list(), []);
      assert.equal(memory.size, 0, 'no index entry written');
    } finally {
      local.dispose();
      changed.dispose();
    }
  });

  test('webhooks keep their cloud (GovSlack) and are never sent to auth.test', async () => {
    const hook = token('webhook-gov');
    const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: hook, label: 'gov hook' });
    assert.ok(r?.ok);
    assert.equal(r.kind, 'webhook');
    assert.equal(r.endpoint, 'https://slack-gov.com/api/');
    const n = fake.count();
    // Webhooks are checked by a probe to their own host, never auth.test; a test host without a
    // probe redirect refuses the probe (the suite kind-checks.test.ts redirects it to the fake).
    assert.equal(await exec(Commands.testToken, r.id, { confirm: true }), undefined, 'refused, not sent');
    assert.equal(fake.count(), n);
    assert.equal(store.get(r.id)?.status, 'unchecked');
  });

  test('afterwards no token is in globalState, settings, the tree, messages or the log', async () => {
    assert.ok(seen.length > 10);
    const leaks = (where: string, text: string) => {
      for (const v of seen) assert.ok(!text.includes(v), `a token leaked into ${where}`);
    };
    for (const key of api.globalState.keys()) leaks(`globalState ${key}`, JSON.stringify(api.globalState.get(key)));
    assert.ok(api.globalState.keys().some((k) => k.startsWith('slackTokenGuard.vault.entry.')), 'the index is in globalState, one key per entry');
    const inspected = vscode.workspace.getConfiguration(SECTION);
    leaks('settings', JSON.stringify(Object.keys(inspected).map((k) => inspected.inspect(k))));
    const wsSettings = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
    if (fs.existsSync(wsSettings)) leaks('workspace settings.json', fs.readFileSync(wsSettings, 'utf8'));
    for (const item of shown()) leaks('the tree', JSON.stringify(item));
    leaks('command messages', messages.join('\n'));
    assert.ok(messages.length > 5);
    const logDir = api.logUri.fsPath;
    const logText = await waitFor(
      () => {
        if (!fs.existsSync(logDir)) return undefined;
        const files = (fs.readdirSync(logDir, { recursive: true }) as string[]).map((f) => path.join(logDir, f)).filter((f) => fs.statSync(f).isFile());
        const text = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        return text.includes('vault:') ? text : undefined;
      },
      15_000,
      'the extension log has vault lines',
    );
    leaks('the log', logText);
  });
});
