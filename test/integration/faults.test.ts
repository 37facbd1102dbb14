// Faults, in a real extension host: Slack failing in every way the fake can fail (HTTP 500, 429 with
// Retry-After, a malformed body, a connection reset, no answer at all) and DNS failing; Secret
// Storage failing; many store operations at once with changes arriving from "another window".
// Each fault has its defined outcome: a clear message, the recorded state unchanged, exactly one
// request (no retry storm), and no unhandled rejection.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import { fingerprint } from '../../src/core/detect';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { AddTokenResult, RevokeTokenResult, StoredToken, TestTokenResult } from '../../src/features/vault';
import { readApiSettings } from '../../src/features/vault';
import { FakeSlack } from '../support/fake-slack';
import { closeAllWithoutSaving, editorApi, logText, setUserSetting, Tokens, emptyVault, resetApiSettings } from './editor-helpers';
import { waitFor } from './helpers';

// The dns module object itself (an ES import gives a read-only namespace): the DNS test replaces lookup.
const dns = createRequire(__filename)('node:dns') as typeof import('node:dns');
const tokens = new Tokens(424242);
const SECTION = 'slackTokenGuard';
const UNRESOLVABLE = 'https://nonexistent.invalid/api/';

suite('Faults: Slack, DNS and Secret Storage failing', () => {
  let api: ExtensionTestApi;
  let fake: FakeSlack;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  function exec<T>(command: string, ...args: unknown[]): Thenable<T> {
    return vscode.commands.executeCommand<T>(command, ...args);
  }

  async function addChecked(label: string, endpoint = fake.url): Promise<{ value: string; t: StoredToken }> {
    const value = tokens.make('bot');
    fake.register(value, { team: 'Acme', user: label, botId: 'B0FAULT001', scopes: ['chat:write'] });
    const r = await exec<AddTokenResult>(Commands.addToken, { confirm: true, token: value, label, endpoint });
    assert.ok(r?.ok);
    if (endpoint === fake.url) {
      const first = await exec<TestTokenResult>(Commands.testToken, r.id, { confirm: true });
      assert.equal(first.status, 'valid');
    }
    const t = api.tokenStore.get(r.id);
    assert.ok(t);
    return { value, t };
  }

  suiteSetup(async () => {
    api = await editorApi();
    fake = await FakeSlack.start();
    await setUserSetting(`${SECTION}.api.extraEndpoints`, [fake.url, UNRESOLVABLE]);
    await setUserSetting(`${SECTION}.api.requestTimeoutSeconds`, 2);
    await waitFor(() => readApiSettings().timeoutMs === 2000, 10_000, 'timeout setting');
    process.on('unhandledRejection', onRejection);
  });

  suiteTeardown(async () => {
    process.off('unhandledRejection', onRejection);
    await closeAllWithoutSaving();
    await emptyVault(api);
    await resetApiSettings();
    await fake?.close();
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  setup(() => fake.setMode('normal'));

  const SLACK_FAULTS: { mode: 'http500' | 'ratelimit' | 'garbage' | 'reset' | 'hang'; reason: string; message: RegExp }[] = [
    { mode: 'http500', reason: 'http-error', message: /HTTP 500/ },
    { mode: 'ratelimit', reason: 'ratelimited', message: /rate limiting.*17 seconds/ },
    { mode: 'garbage', reason: 'malformed', message: /could not be read/ },
    { mode: 'reset', reason: 'network', message: /Could not reach Slack/ },
    { mode: 'hang', reason: 'timeout', message: /did not answer within 2 seconds/ },
  ];

  for (const f of SLACK_FAULTS) {
    test(`Slack ${f.mode}: test and revoke say why, change nothing, send one request each`, async () => {
      const { value, t } = await addChecked(`fault ${f.mode}`);
      const before = api.tokenStore.get(t.id);
      if (f.mode === 'ratelimit') fake.setMode('ratelimit', 17);
      else fake.setMode(f.mode);

      let n = fake.count();
      const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
      assert.equal(r.status, 'unknown');
      assert.equal(r.reason, f.reason);
      assert.match(r.message, f.message);
      assert.match(r.message, /unchanged/);
      tokens.assertAbsent(r.message, 'the message');
      assert.equal(fake.count(), n + 1, 'exactly one request: no retry');
      assert.deepEqual(api.tokenStore.get(t.id), before, 'the recorded state is unchanged');

      n = fake.count();
      const rv = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: true, dryRun: false });
      assert.equal(rv.outcome, 'unknown');
      assert.match(rv.message, /was not revoked/);
      tokens.assertAbsent(rv.message, 'the message');
      assert.equal(fake.count(), n + 1, 'exactly one revoke request');
      assert.equal(fake.isRevoked(value), false);
      assert.deepEqual(api.tokenStore.get(t.id), before);

      // The fault cleared, the next check works again (nothing was left in a bad state).
      fake.setMode('normal');
      assert.equal((await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true })).status, 'valid');
    });
  }

  test('DNS failure: an unresolvable endpoint fails fast as a network problem, without a query leaving the machine', async () => {
    // The resolver seam: names under .invalid (RFC 6761) never resolve; answering here also
    // guarantees that no DNS query leaves the machine, whatever the system resolver would do.
    const lookups: string[] = [];
    const original = dns.lookup;
    const patched = function (hostname: string, options: unknown, callback?: unknown) {
      const cb = (typeof options === 'function' ? options : callback) as (e: NodeJS.ErrnoException | null) => void;
      if (typeof hostname === 'string' && hostname.endsWith('.invalid')) {
        lookups.push(hostname);
        const e: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
        process.nextTick(() => cb(e));
        return {};
      }
      return (original as (...a: unknown[]) => unknown).call(dns, hostname, options, callback);
    };
    (dns as { lookup: unknown }).lookup = patched;
    try {
      const { value, t } = await addChecked('dns', UNRESOLVABLE);
      assert.equal(t.endpoint, UNRESOLVABLE);
      const n = fake.count();
      const r = await exec<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
      assert.equal(r.status, 'unknown');
      assert.equal(r.reason, 'network');
      assert.match(r.message, /Could not reach Slack/);
      assert.deepEqual(api.tokenStore.get(t.id), t, 'unchanged');
      assert.deepEqual(lookups, ['nonexistent.invalid'], 'one lookup: no retry');
      const rv = await exec<RevokeTokenResult>(Commands.revokeToken, t.id, { confirm: true });
      assert.equal(rv.outcome, 'unknown');
      assert.equal(lookups.length, 2);
      assert.equal(fake.count(), n, 'nothing went anywhere else');
      tokens.assertAbsent(r.message + rv.message, 'the messages');
      void value;
    } finally {
      (dns as { lookup: unknown }).lookup = original;
    }
  });

  test('Secret Storage get fails (locked keyring): a clear message, nothing sent, the entry kept', async () => {
    const { t } = await addChecked('locked');
    const secrets = api.secrets as { get: vscode.SecretStorage['get'] };
    const original = secrets.get;
    secrets.get = () => Promise.reject(new Error('Cannot unlock the collection'));
    const n = fake.count();
    try {
      assert.equal(await exec(Commands.testToken, t.id, { confirm: true }), undefined, 'the command wrapper shows the message');
      assert.equal(await exec(Commands.revokeToken, t.id, { confirm: true }), undefined);
      await assert.rejects(api.tokenStore.getSecret(t.id), (e: Error) => e.name === 'UserError' && /Secret Storage is not available/.test(e.message));
    } finally {
      secrets.get = original;
    }
    assert.equal(fake.count(), n, 'nothing sent');
    assert.deepEqual(api.tokenStore.get(t.id), t, 'a failing read never drops the entry: nothing lost');
    assert.ok(await api.tokenStore.getSecret(t.id), 'the secret is still there');
  });

  test('Secret Storage get returns nothing for an indexed token: the index is repaired, nothing sent', async () => {
    const { t } = await addChecked('vanished');
    const key = `slackTokenGuard.token.${t.id}`;
    const secrets = api.secrets as { get: vscode.SecretStorage['get'] };
    const original = secrets.get;
    secrets.get = (k: string) => (k === key ? Promise.resolve(undefined) : original.call(api.secrets, k));
    const n = fake.count();
    try {
      assert.equal(await exec(Commands.testToken, t.id, { confirm: true }), undefined, 'explained by the wrapper');
    } finally {
      secrets.get = original;
    }
    assert.equal(fake.count(), n, 'nothing sent');
    assert.equal(api.tokenStore.get(t.id), undefined, 'the entry is dropped: the list shows only usable tokens');
    assert.ok(!api.tokensTree.getChildren().some((node) => node.type === 'token' && node.token.id === t.id), 'and the tree follows');
    await api.secrets.delete(key);
  });

  test('Secret Storage store fails: Add says why and keeps the vault as it was', async () => {
    const { t } = await addChecked('kept');
    const before = api.tokenStore.list();
    const secrets = api.secrets as { store: vscode.SecretStorage['store'] };
    const original = secrets.store;
    secrets.store = () => Promise.reject(new Error('keyring unavailable'));
    try {
      const value = tokens.make('user');
      assert.equal(await exec(Commands.addToken, { confirm: true, token: value, label: 'fails', endpoint: fake.url }), undefined);
      assert.equal(api.tokenStore.findByFingerprint(fingerprint(value)), undefined, 'no index entry without its secret');
      await assert.rejects(api.tokenStore.add({ token: value }), (e: Error) => /Nothing was saved/.test(e.message));
    } finally {
      secrets.store = original;
    }
    assert.deepEqual(api.tokenStore.list(), before, 'nothing lost');
    assert.ok(await api.tokenStore.getSecret(t.id));
  });

  test('many concurrent adds, renames, removes and changes from another window leave index and secrets consistent', async () => {
    const store = api.tokenStore;
    const values = Array.from({ length: 16 }, () => tokens.make('bot'));
    const first = await Promise.all(values.slice(0, 8).map((v, i) => store.add({ token: v, label: `conc ${i}` })));
    const removed = new Set<string>();
    const ops: PromiseLike<unknown>[] = [];
    // New adds (some duplicates of each other and of existing ones), renames, removes, and another
    // window deleting secrets and storing an unknown key, all at once.
    for (const [i, v] of values.slice(8).entries()) ops.push(store.add({ token: v, label: `late ${i}` }));
    for (const v of values.slice(0, 4)) ops.push(store.add({ token: ` "${v}" ` }));
    for (const [i, a] of first.entries()) {
      if (i % 3 === 0) {
        removed.add(a.id);
        ops.push(store.remove(a.id));
      } else if (i % 3 === 1) {
        removed.add(a.id);
        ops.push(api.secrets.delete(`slackTokenGuard.token.${a.id}`));
      } else {
        ops.push(store.rename(a.id, `renamed ${i}`).catch(() => undefined));
      }
    }
    ops.push(api.secrets.store('slackTokenGuard.token.from-another-window', tokens.make('user')));
    ops.push(exec(Commands.testAllTokens, { cancellation: cancelled(), confirm: true }));
    const settled = await Promise.allSettled(ops);
    for (const s of settled) if (s.status === 'rejected') assert.fail(`an operation failed: ${(s.reason as Error)?.message}`);

    // Changes from "another window" arrive through onDidChange; the store catches up.
    await waitFor(() => first.every((a) => !removed.has(a.id) || store.get(a.id) === undefined), 15_000, 'removed entries dropped');
    await store.repair();
    const list = store.list();
    const fps = list.map((t) => t.fingerprint);
    assert.equal(new Set(fps).size, fps.length, 'no fingerprint twice');
    for (const t of list) {
      const secret = await api.secrets.get(`slackTokenGuard.token.${t.id}`);
      assert.ok(secret, `${t.label} has its secret`);
      assert.equal(fingerprint(secret), t.fingerprint, `${t.label}: the secret is the token the entry describes`);
    }
    for (const id of removed) {
      assert.equal(store.get(id), undefined);
      assert.equal(await api.secrets.get(`slackTokenGuard.token.${id}`), undefined, 'no secret left behind by remove');
    }
    for (const v of values.slice(8)) assert.ok(store.findByFingerprint(fingerprint(v)), 'every late add is listed');
    for (const [i, a] of first.entries()) if (i % 3 === 2) assert.equal(store.get(a.id)?.label, `renamed ${i}`);
    const shown = api.tokensTree.getChildren().flatMap((node) => (node.type === 'token' ? [node.token.id] : []));
    assert.deepEqual(shown, list.map((t) => t.id), 'the tree shows exactly the index');
    await api.secrets.delete('slackTokenGuard.token.from-another-window');
  });

  test('no unhandled rejection during any of the faults', async () => {
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(rejections.map((r) => String((r as Error)?.message ?? r)), []);
  });
});

function cancelled(): vscode.CancellationToken {
  const s = new vscode.CancellationTokenSource();
  s.cancel();
  return s.token;
}
