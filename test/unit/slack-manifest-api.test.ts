// apps.manifest.validate / apps.manifest.create through the Slack client, against the fake Slack
// server's answers (fake-slack-manifest.ts): the real error shapes, and no secret ever kept or logged.
import * as assert from 'node:assert/strict';
import { createSlackClient, type SlackClient } from '../../src/core/slack';
import { planMigrationSync } from '../../src/core/migrate';
import type { FakeSlack } from '../support/fake-slack';
import { fakeSlackPerSuite } from '../support/fake-slack-hooks';
import { SOCKET_MODE_JS } from '../support/migrate-fixtures';
import { TokenGenerator } from '../support/token-gen';

describe('Slack client: apps.manifest.validate and apps.manifest.create', () => {
  let fake: FakeSlack;
  let client: SlackClient;
  let logLines: string[];
  const gen = new TokenGenerator(777);
  const config = gen.token('config-access');
  const bot = gen.token('bot');
  const manifest = planMigrationSync(Object.entries(SOCKET_MODE_JS).map(([path, text]) => ({ path, text })), { name: 'Standup Bot' }).manifest;

  fakeSlackPerSuite((f) => (fake = f));
  beforeEach(() => {
    fake.manifestApps.reset();
    logLines = [];
    client = createSlackClient({ endpoint: fake.url, timeoutMs: 800, logger: { debug: (m) => logLines.push(m) } });
    fake.register(config, { team: 'Acme', user: 'alice', appConfiguration: true });
    fake.register(bot, { team: 'Acme', user: 'bot', botId: 'B1' });
  });

  it('validate: a generated manifest is valid', async () => {
    assert.deepEqual(await client.appsManifest('validate', config, manifest), { status: 'valid', appId: undefined, oauthAuthorizeUrl: undefined });
    assert.deepEqual(fake.manifestApps.validated, [JSON.parse(JSON.stringify(manifest))]);
  });

  it('validate: invalid_manifest comes back with its errors array', async () => {
    fake.manifestApps.rejectNext([{ message: 'Invalid scope: chat:wrote', pointer: '/oauth_config/scopes/bot/0' }]);
    assert.deepEqual(await client.appsManifest('validate', config, manifest), {
      status: 'invalid-manifest',
      problems: [{ message: 'Invalid scope: chat:wrote', pointer: '/oauth_config/scopes/bot/0' }],
      message: 'Slack found problems in the manifest.',
    });
    const noBot = { ...manifest, features: undefined };
    const r = await client.appsManifest('validate', config, noBot);
    assert.equal(r.status, 'invalid-manifest');
    if (r.status === 'invalid-manifest') assert.deepEqual(r.problems, [{ message: 'Bot scopes require a bot user', pointer: '/features/bot_user' }]);
  });

  it('a bot token is not_allowed_token_type, an unknown token invalid_auth, a rate limit is reported', async () => {
    const wrong = await client.appsManifest('create', bot, manifest);
    assert.equal(wrong.status, 'unknown');
    if (wrong.status === 'unknown') assert.equal(wrong.error, 'not_allowed_token_type');
    const dead = await client.appsManifest('create', gen.token('config-access'), manifest);
    assert.deepEqual(dead.status === 'unknown' && dead.error, 'invalid_auth');
    fake.setMode('ratelimit', 12);
    const limited = await client.appsManifest('validate', config, manifest);
    assert.deepEqual(limited.status === 'unknown' && [limited.reason, limited.retryAfter], ['ratelimited', 12]);
    assert.equal(fake.manifestApps.created.length, 0);
  });

  it('create: the app id and install URL, and the app\'s secrets are neither returned nor logged', async () => {
    const r = await client.appsManifest('create', config, manifest);
    assert.equal(r.status, 'valid');
    if (r.status !== 'valid') return;
    assert.equal(r.appId, 'A0FAKE0001');
    assert.match(r.oauthAuthorizeUrl ?? '', /^https:\/\/slack\.com\/oauth\/v2\/authorize\?client_id=/);
    assert.equal(fake.manifestApps.created.length, 1);
    const text = JSON.stringify(r) + logLines.join('\n');
    // create runs quiet: its answer never reaches the debug log, not even masked.
    assert.ok(logLines.some((l) => l.includes('apps.manifest.create')), 'the call itself is logged');
    assert.ok(!logLines.some((l) => /client_secret|signing_secret|verification_token|http request (body|result)/.test(l)), logLines.join('\n'));
    assert.ok(!/"(client_secret|signing_secret)":"[0-9a-f]{32}"/.test(text), 'a secret leaked');
    assert.ok(!text.includes(config));
  });

  it('validate is not quiet: its answer is in the debug log (only create\'s answer holds secrets)', async () => {
    await client.appsManifest('validate', config, manifest);
    assert.ok(logLines.some((l) => /http request result/.test(l)), logLines.join('\n'));
  });
});
