// The Test command on kinds auth.test cannot check, in a real extension host against the fake Slack:
// app-level tokens (apps.connections.open), browser session tokens (with the vault's d cookie, or
// not at all without one) and webhook URLs (a probe that posts nothing, redirected to the fake
// through the test API: the only seam, honoured only in a test extension host).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { AddTokenResult, StoredToken, TestAllResult, TestTokenResult } from '../../src/features/vault';
import { readApiSettings } from '../../src/features/vault';
import { FakeSlack } from '../support/fake-slack';
import { TokenGenerator, type GeneratedKind } from '../support/token-gen';
import { emptyVault, logText, resetApiSettings } from './editor-helpers';
import { activateExtension, waitFor } from './helpers';

const gen = new TokenGenerator(13_0002);
const seen: string[] = [];
function make(kind: GeneratedKind): string {
  const t = gen.token(kind);
  seen.push(t);
  return t;
}

suite('Vault: checks that fit each kind', () => {
  let api: ExtensionTestApi;
  let fake: FakeSlack;
  const messages: string[] = [];

  async function add(value: string, label: string): Promise<StoredToken> {
    const r = await vscode.commands.executeCommand<AddTokenResult>(Commands.addToken, { confirm: true, token: value, label, endpoint: fake.url });
    assert.ok(r?.ok, `add ${label}`);
    return api.tokenStore.get(r.id)!;
  }
  async function check(t: StoredToken): Promise<TestTokenResult> {
    const r = await vscode.commands.executeCommand<TestTokenResult>(Commands.testToken, t.id, { confirm: true });
    assert.ok(r, `tested ${t.label}`);
    messages.push(r.message);
    return r;
  }

  suiteSetup(async () => {
    const a = await activateExtension();
    assert.ok(a);
    api = a;
    fake = await FakeSlack.start();
    await vscode.workspace.getConfiguration('slackTokenGuard').update('api.extraEndpoints', [fake.url], vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('slackTokenGuard').update('api.requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    await waitFor(() => readApiSettings().extraEndpoints.includes(fake.url), 10_000, 'the user-level endpoint setting');
    await emptyVault(api);
    api.redirectWebhookProbes(new URL(fake.url).origin);
  });

  suiteTeardown(async () => {
    api.redirectWebhookProbes(undefined);
    await emptyVault(api);
    await resetApiSettings();
    await fake?.close();
  });

  setup(() => {
    fake.setMode('normal');
    fake.resetLog();
  });

  test('an app-level token is checked with apps.connections.open, never auth.test: valid, then revoked', async () => {
    const value = make('app');
    fake.register(value, { team: 'Acme', user: 'app', scopes: ['connections:write'] });
    const t = await add(value, 'socket app');
    const r = await check(t);
    assert.equal(r.status, 'valid');
    assert.match(r.message, /app-level token/);
    assert.deepEqual(api.tokenStore.get(t.id)?.scopes, ['connections:write']);
    assert.equal(fake.count('apps.connections.open'), 1);
    assert.equal(fake.count('auth.test'), 0);

    fake.register(value, { team: 'Acme', user: 'app', revoked: true });
    const dead = await check(t);
    assert.equal(dead.status, 'invalid');
    assert.equal(api.tokenStore.get(t.id)?.status, 'revoked');

    fake.setMode('ratelimit', 4);
    const limited = await check(t);
    assert.equal(limited.status, 'unknown');
    assert.equal(limited.retryAfter, 4);
    assert.equal(api.tokenStore.get(t.id)?.status, 'revoked', 'unknown changes nothing');
  });

  test('Test this token on an app-level token in a document uses apps.connections.open too', async () => {
    const value = make('app');
    fake.register(value, { team: 'Acme', user: 'app', scopes: ['connections:write'] });
    const doc = await vscode.workspace.openTextDocument({ content: `SLACK_APP_TOKEN=${value}\n`, language: 'dotenv' });
    const start = doc.getText().indexOf(value);
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + value.length));
    const r = await vscode.commands.executeCommand<{ status: string; message: string }>(Commands.testLiteral, { uri: doc.uri.toString(), range, endpoint: fake.url });
    assert.equal(r?.status, 'valid');
    messages.push(r.message);
    assert.equal(fake.count('apps.connections.open'), 1);
    assert.equal(fake.count('auth.test'), 0);
  });

  test('a browser session token without a d cookie in the vault: says it needs the cookie and sends nothing', async () => {
    await emptyVault(api);
    const session = make('client');
    const cookie = make('cookie');
    fake.register(session, { team: 'Acme', user: 'alice', cookie });
    const t = await add(session, 'browser session');
    const r = await check(t);
    assert.equal(r.status, 'unknown');
    assert.equal(r.reason, 'needs-cookie');
    assert.match(r.message, /d cookie/);
    assert.equal(fake.count(), 0, 'nothing was sent');
    assert.equal(api.tokenStore.get(t.id)?.status, 'unchecked');
  });

  test('a browser session token with its d cookie in the vault: valid; with another session\'s cookie: unknown', async () => {
    await emptyVault(api);
    const session = make('client');
    const cookie = make('cookie');
    fake.register(session, { team: 'Acme', user: 'alice', userId: 'U0ALICE001', cookie });
    const t = await add(session, 'browser session');
    const wrong = await add(make('cookie'), 'another cookie');
    const unknown = await check(t);
    assert.equal(unknown.status, 'unknown');
    assert.match(unknown.message, /cookie/);
    assert.equal(fake.count('auth.test'), 1);
    assert.equal(api.tokenStore.get(t.id)?.status, 'unchecked');

    await add(cookie, 'its cookie');
    const r = await check(t);
    assert.equal(r.status, 'valid');
    assert.equal(api.tokenStore.get(t.id)?.user, 'alice');
    // The newest cookie is tried first, so the right one answered without trying the other again.
    assert.equal(fake.count('auth.test'), 2);
    await api.tokenStore.remove(wrong.id);
  });

  test('webhook URLs are probed with a payload Slack can only refuse: live, dead, could not tell; nothing is posted', async () => {
    await emptyVault(api);
    const live = make('webhook');
    const removed = make('webhook');
    const archived = make('workflow-webhook');
    const gov = make('webhook-gov');
    const trigger = make('trigger');
    fake.kinds.registerWebhook(live, 'live');
    fake.kinds.registerWebhook(trigger, 'live');
    fake.kinds.registerWebhook(removed, 'no_service');
    fake.kinds.registerWebhook(archived, 'channel_is_archived');
    fake.kinds.registerWebhook(gov, 'live');
    const tLive = await add(live, 'alerts hook');
    const tRemoved = await add(removed, 'old hook');
    const tArchived = await add(archived, 'workflow hook');
    const tGov = await add(gov, 'gov hook');
    const tTrigger = await add(trigger, 'workflow trigger');

    const r = await check(tLive);
    assert.equal(r.status, 'valid');
    assert.match(r.message, /nothing was posted/);
    assert.equal(api.tokenStore.get(tLive.id)?.status, 'valid');
    assert.equal((await check(tGov)).status, 'valid');
    const gone = await check(tRemoved);
    assert.equal(gone.status, 'invalid');
    assert.equal(api.tokenStore.get(tRemoved.id)?.status, 'invalid');
    // An archived workflow webhook answers with a removed-URL word, but what Slack answers a workflow
    // URL's GET is unpublished: the word is quoted, the status stays as it was.
    const archivedAnswer = await check(tArchived);
    assert.equal(archivedAnswer.status, 'unknown');
    assert.match(archivedAnswer.message, /\(channel_is_archived\).*treat it as live/);
    assert.ok(!['valid', 'invalid', 'revoked'].includes(api.tokenStore.get(tArchived.id)?.status ?? ''));
    // A trigger URL starts its workflow on a POST: it gets a GET, and Slack does not publish what a
    // live one answers, so it can only be "could not tell", and nothing was started.
    const tried = await check(tTrigger);
    assert.equal(tried.status, 'unknown');
    assert.match(tried.message, /nothing was started/);
    assert.ok(!['valid', 'invalid', 'revoked'].includes(api.tokenStore.get(tTrigger.id)?.status ?? ''), 'an answer that tells nothing changes nothing');
    assert.deepEqual(fake.kinds.started, [], 'no probe started a workflow');

    fake.setMode('http500');
    const failing = await check(tLive);
    assert.equal(failing.status, 'unknown');
    assert.equal(api.tokenStore.get(tLive.id)?.status, 'valid', 'unknown changes nothing');
    fake.setMode('normal');

    assert.deepEqual(fake.kinds.posted, [], 'no probe posted a message');
    assert.equal(fake.count('auth.test'), 0);
    assert.equal(fake.count('webhook'), 6);

    const all = await vscode.commands.executeCommand<TestAllResult>(Commands.testAllTokens);
    assert.equal(all.results.length, 5, 'Test All probes the webhooks and the trigger URL too');
    assert.deepEqual(fake.kinds.posted, []);
  });

  test('afterwards no secret reached a message or the log', async () => {
    const text = messages.join('\n') + '\n' + logText(api);
    assert.ok(messages.length >= 8);
    for (const v of seen) {
      assert.ok(!text.includes(v), 'a secret leaked');
      const path = v.startsWith('https://') ? new URL(v).pathname : undefined;
      if (path) assert.ok(!text.includes(path), 'a webhook path leaked');
    }
  });
});
