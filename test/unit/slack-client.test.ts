import * as assert from 'node:assert/strict';
import { createSlackClient, type SlackClient } from '../../src/core/slack';
import { FakeSlack } from '../support/fake-slack';
import { fakeSlackPerSuite } from '../support/fake-slack-hooks';
import { TokenGenerator } from '../support/token-gen';

describe('Slack client against the fake Slack', () => {
  let fake: FakeSlack;
  let client: SlackClient;
  let logLines: string[];
  const gen = new TokenGenerator(4242);
  const bot = gen.token('bot');
  const legacyUser = gen.token('user');
  const modernUser = gen.token('user');
  const unknownToken = gen.token('bot');

  fakeSlackPerSuite((f) => (fake = f));
  beforeEach(() => {
    logLines = [];
    client = createSlackClient({ endpoint: fake.url, timeoutMs: 800, logger: { debug: (m) => logLines.push(m) } });
    fake.register(bot, { team: 'Acme', user: 'deploybot', botId: 'B0BOT00001', scopes: ['chat:write', 'channels:read'] });
    fake.register(legacyUser, { team: 'Acme', user: 'alice', scopes: ['identify', 'read', 'post', 'client', 'admin'] });
    fake.register(modernUser, { team: 'Acme', user: 'bob', scopes: ['chat:write', 'users:read'] });
  });

  // Every request of every test: the token goes in a header or the body, never in the URL or query string.
  afterEach(() => {
    assert.deepEqual(fake.requestsWithTokenInUrl([bot, legacyUser, modernUser, unknownToken]), [], 'a request carried a token in its URL');
  });

  function assertNoTokenLeak(value: unknown): void {
    const text = JSON.stringify(value) + logLines.join('\n');
    for (const t of [bot, legacyUser, modernUser, unknownToken]) assert.ok(!text.includes(t), 'a token leaked');
  }

  it('auth.test on a bot token: valid, identity and scopes from X-OAuth-Scopes, not legacy', async () => {
    const r = await client.authTest(bot);
    assert.equal(r.status, 'valid');
    if (r.status !== 'valid') return;
    assert.equal(r.identity.team, 'Acme');
    assert.equal(r.identity.user, 'deploybot');
    assert.equal(r.identity.botId, 'B0BOT00001');
    assert.deepEqual(r.scopes, ['chat:write', 'channels:read']);
    assert.equal(r.legacy, false);
    assert.equal(fake.requests[0].via, 'bearer');
    assertNoTokenLeak(r);
  });

  it('a user token with legacy scopes is classified legacy, with the legacy scopes listed', async () => {
    const r = await client.authTest(legacyUser);
    assert.equal(r.status, 'valid');
    if (r.status !== 'valid') return;
    assert.equal(r.legacy, true);
    assert.deepEqual(r.legacyScopes, ['identify', 'read', 'post', 'client', 'admin']);
  });

  it('a user token with granular scopes is not legacy', async () => {
    const r = await client.authTest(modernUser);
    assert.equal(r.status, 'valid');
    assert.equal(r.status === 'valid' && r.legacy, false);
  });

  it('invalid_auth alone is unknown, not dead (an IP allow-list answers the same), and the outcome says what Slack said', async () => {
    const r = await client.authTest(unknownToken);
    assert.equal(r.status, 'unknown');
    if (r.status !== 'unknown') return;
    assert.deepEqual([r.reason, r.error], ['slack-error', 'invalid_auth']);
    assert.match(r.message, /"invalid_auth"/);
    assert.match(r.message, /allow-list/);
    assert.match(r.message, /status is unchanged/);
    const revoke = await client.authRevoke(unknownToken, { dryRun: false });
    assert.deepEqual([revoke.status, revoke.status === 'unknown' && revoke.error], ['unknown', 'invalid_auth']);
    assertNoTokenLeak([r, revoke]);
  });

  it('a browser session token without its d cookie is unknown, never dead', async () => {
    const r = await client.authTest(gen.token('client'));
    assert.equal(r.status, 'unknown');
    assert.match(r.status === 'unknown' ? r.message : '', /d cookie/);
  });

  for (const code of ['account_inactive', 'token_expired', 'token_revoked'] as const) {
    it(`${code} is invalid`, async () => {
      const t = gen.token('user');
      fake.register(t, { team: 'Acme', user: 'carol', error: code });
      const r = await client.authTest(t);
      assert.equal(r.status, 'invalid');
      assert.equal(r.status === 'invalid' && r.error, code);
    });
  }

  it('revoke with dry run leaves the token alive; the real revoke kills it for good', async () => {
    const dry = await client.authRevoke(bot, { dryRun: true });
    assert.deepEqual(dry, { status: 'valid', revoked: false, dryRun: true });
    assert.equal(fake.requests[0].dryRun, true);
    assert.equal((await client.authTest(bot)).status, 'valid');
    const real = await client.authRevoke(bot, { dryRun: false });
    assert.deepEqual(real, { status: 'valid', revoked: true, dryRun: false });
    const after = await client.authTest(bot);
    assert.equal(after.status, 'invalid');
    assert.equal(after.status === 'invalid' && after.error, 'token_revoked');
    const again = await client.authRevoke(bot, { dryRun: false });
    assert.equal(again.status, 'invalid');
  });

  it('rate limited: unknown with Retry-After seconds, and exactly one request (no retry)', async () => {
    fake.setMode('ratelimit', 17);
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    if (r.status !== 'unknown') return;
    assert.equal(r.reason, 'ratelimited');
    assert.equal(r.retryAfter, 17);
    assert.match(r.message, /17 seconds/);
    assert.equal(fake.count('auth.test'), 1);
  });

  it('a Slack error other than a dead-token code is unknown, with a plain sentence', async () => {
    fake.setMode('error', 'internal_error');
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    if (r.status !== 'unknown') return;
    assert.equal(r.reason, 'slack-error');
    assert.equal(r.error, 'internal_error');
    assert.match(r.message, /internal error/);
    assert.equal(fake.count(), 1);
  });

  it('HTTP 500 is unknown, once', async () => {
    fake.setMode('http500');
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    assert.equal(r.status === 'unknown' && r.reason, 'http-error');
    assert.equal(r.status === 'unknown' && r.httpStatus, 500);
    assert.equal(fake.count(), 1);
  });

  it('a hang ends in a timeout: unknown, once', async () => {
    fake.setMode('hang');
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    assert.equal(r.status === 'unknown' && r.reason, 'timeout');
    assert.equal(fake.count(), 1);
  });

  it('slower than the timeout is a timeout; slow but in time is fine', async () => {
    fake.setMode('slow', 1500);
    const late = await client.authTest(bot);
    assert.equal(late.status === 'unknown' && late.reason, 'timeout');
    fake.setMode('slow', 50);
    assert.equal((await client.authTest(bot)).status, 'valid');
  });

  it('a garbage body is unknown (malformed), never invalid', async () => {
    fake.setMode('garbage');
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    assert.equal(r.status === 'unknown' && r.reason, 'malformed');
  });

  it('a reset connection is unknown (network)', async () => {
    fake.setMode('reset');
    const r = await client.authTest(bot);
    assert.equal(r.status, 'unknown');
    assert.equal(r.status === 'unknown' && r.reason, 'network');
  });

  it('nothing listening is unknown (network)', async () => {
    const other = await FakeSlack.start();
    const url = other.url;
    await other.close();
    const c = createSlackClient({ endpoint: url, timeoutMs: 800 });
    const r = await c.authTest(bot);
    assert.equal(r.status === 'unknown' && r.reason, 'network');
  });

  it('errors during revoke map the same way and never mark anything', async () => {
    fake.setMode('ratelimit', 3);
    const r = await client.authRevoke(bot, { dryRun: false });
    assert.equal(r.status, 'unknown');
    fake.setMode('normal');
    assert.equal(fake.isRevoked(bot), false);
  });

  it('no log line or result contains a token, whatever happens', async () => {
    for (const mode of ['normal', 'garbage', 'http500', 'reset'] as const) {
      fake.setMode(mode);
      assertNoTokenLeak(await client.authTest(bot));
      assertNoTokenLeak(await client.authRevoke(legacyUser, { dryRun: true }));
    }
    fake.setMode('error', 'fatal_error');
    assertNoTokenLeak(await client.authTest(bot));
    assert.ok(logLines.length > 0, 'the SDK logs through the adapter at debug');
  });

  it('refuses a non-https endpoint', () => {
    assert.throws(() => createSlackClient({ endpoint: 'http://example.com/api/', timeoutMs: 1000 }));
  });

  it('sends nothing but what it is asked: one request per call', async () => {
    await client.authTest(bot);
    await client.authTest(legacyUser);
    assert.equal(fake.count('auth.test'), 2);
    assert.equal(fake.count('auth.revoke'), 0);
  });
});
