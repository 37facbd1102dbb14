// Checks that fit each kind, against the fake Slack: app-level tokens through apps.connections.open
// (auth.test refuses them), browser session tokens with their d cookie, and webhook URLs through a
// probe whose payload Slack can only refuse. Every outcome: valid, invalid, unknown.
import * as assert from 'node:assert/strict';
import { answerCode, classifyWorkflowProbeAnswer, createSlackClient, probeTarget, probeWebhook, PROBE_BODY, startsWorkflow, SESSION_COOKIE_MESSAGE, SESSION_TOKEN_MESSAGE, type SlackClient } from '../../src/core/slack';
import { FakeSlack } from '../support/fake-slack';
import { fakeSlackPerSuite } from '../support/fake-slack-hooks';
import { TokenGenerator } from '../support/token-gen';

describe('checks that fit each kind, against the fake Slack', () => {
  let fake: FakeSlack;
  let client: SlackClient;
  let logLines: string[];
  const gen = new TokenGenerator(1313);
  const app = gen.token('app');
  const appNoScope = gen.token('app');
  const appRevoked = gen.token('app');
  const appUnknown = gen.token('app');
  const session = gen.token('client');
  const cookie = gen.token('cookie');
  const otherCookie = gen.token('cookie');
  const bot = gen.token('bot');
  const secrets = [app, appNoScope, appRevoked, appUnknown, session, cookie, otherCookie, bot];
  const origin = () => new URL(fake.url).origin;

  fakeSlackPerSuite((f) => (fake = f));
  beforeEach(() => {
    logLines = [];
    client = createSlackClient({ endpoint: fake.url, timeoutMs: 800, logger: { debug: (m) => logLines.push(m) } });
    fake.register(app, { team: 'Acme', user: 'app', scopes: ['connections:write'] });
    fake.register(appNoScope, { team: 'Acme', user: 'app', error: 'missing_scope' });
    fake.register(appRevoked, { team: 'Acme', user: 'app', revoked: true });
    fake.register(session, { team: 'Acme', user: 'alice', userId: 'U0ALICE001', cookie });
    fake.register(bot, { team: 'Acme', user: 'deploybot', botId: 'B0BOT00001' });
  });

  function assertNoLeak(value: unknown, extra: string[] = []): void {
    const text = JSON.stringify(value) + '\n' + logLines.join('\n');
    for (const s of [...secrets, ...extra]) assert.ok(!text.includes(s), 'a secret leaked');
    assert.ok(!/ticket|wss:/.test(text), 'the Socket Mode URL reached the result or the log');
  }

  describe('app-level tokens: apps.connections.open', () => {
    it('auth.test refuses an app-level token (not_allowed_token_type), so it cannot tell', async () => {
      const r = await client.authTest(app);
      assert.equal(r.status, 'unknown');
      assert.equal(r.status === 'unknown' && r.error, 'not_allowed_token_type');
    });

    it('a live token: valid, with its scopes; the WebSocket URL is neither returned nor logged', async () => {
      const r = await client.appTokenTest(app);
      assert.deepEqual(r, { status: 'valid', scopes: ['connections:write'], missingScope: false });
      assert.equal(fake.count('apps.connections.open'), 1);
      assert.equal(fake.count('auth.test'), 0);
      assert.equal(fake.requests[0].via, 'bearer');
      assertNoLeak(r);
      assert.ok(logLines.some((l) => l.includes('apps.connections.open: ok')));
    });

    it('a token without connections:write is still live: valid, missingScope', async () => {
      const r = await client.appTokenTest(appNoScope);
      assert.deepEqual(r, { status: 'valid', scopes: [], missingScope: true });
    });

    it('a revoked token is invalid (token_revoked)', async () => {
      const r = await client.appTokenTest(appRevoked);
      assert.equal(r.status, 'invalid');
      assert.equal(r.status === 'invalid' && r.error, 'token_revoked');
      assertNoLeak(r);
    });

    it('a token of another kind: unknown, saying it is not an app-level token', async () => {
      const r = await client.appTokenTest(bot);
      assert.equal(r.status, 'unknown');
      assert.match(r.status === 'unknown' ? r.message : '', /not an app-level token/);
    });

    it('rate limited or Slack failing: unknown, never invalid', async () => {
      fake.setMode('ratelimit', 7);
      const r = await client.appTokenTest(app);
      assert.equal(r.status, 'unknown');
      assert.equal(r.status === 'unknown' && r.retryAfter, 7);
      fake.setMode('http500');
      assert.equal((await client.appTokenTest(app)).status, 'unknown');
    });
  });

  describe('browser session tokens: the d cookie', () => {
    it('with its cookie: valid, with the identity; the cookie reaches Slack as a Cookie header, never the log', async () => {
      const r = await client.sessionTest(session, cookie);
      assert.equal(r.status, 'valid');
      assert.equal(r.status === 'valid' && r.identity.user, 'alice');
      assertNoLeak(r);
    });

    it('with another session\'s cookie: unknown (an ended session and a wrong cookie look alike)', async () => {
      const r = await client.sessionTest(session, otherCookie);
      assert.equal(r.status, 'unknown');
      assert.equal(r.status === 'unknown' && r.message, SESSION_COOKIE_MESSAGE);
      assertNoLeak(r);
    });

    it('without a cookie: unknown, saying the cookie is needed', async () => {
      const r = await client.authTest(session);
      assert.equal(r.status, 'unknown');
      assert.equal(r.status === 'unknown' && r.message, SESSION_TOKEN_MESSAGE);
    });

    it('a cookie given decoded is sent URL-encoded, as a browser sends it', async () => {
      const r = await client.sessionTest(session, decodeURIComponent(cookie));
      assert.equal(r.status, 'valid');
    });
  });

  describe('webhook URLs: a probe that posts nothing', () => {
    /** What Slack's hooks host answers for a removed URL (and the fake with it). */
    const DEAD_HOOKS = [
      ['no_service', 404],
      ['no_team', 404],
      ['invalid_token', 403],
      ['channel_is_archived', 410],
    ] as const;
    const hook = gen.token('webhook');
    const gov = gen.token('webhook-gov');
    const workflow = gen.token('workflow-webhook');
    const probe = (url: string, timeoutMs = 800) => probeWebhook(url, { timeoutMs, redirectTo: origin(), logger: { debug: (m) => logLines.push(m) } });

    it('a live incoming webhook: valid (Slack refuses the payload: invalid_payload), and nothing was posted', async () => {
      fake.kinds.registerWebhook(hook, 'live');
      const r = await probe(hook);
      assert.equal(r.status, 'valid');
      assert.equal(r.status === 'valid' && r.answer, 'invalid_payload');
      assert.deepEqual(fake.kinds.posted, []);
      assert.equal(fake.requests[0].method, 'webhook');
      assert.equal(fake.requests[0].status, 400);
      assertNoLeak(r, [hook, hook.split('/').pop()!]);
      assertNoLeak(fake.requests, [hook.split('/').pop()!]);
    });

    it('the probe body is not JSON; the fake answers a JSON body without text with no_text, and posts real text', async () => {
      assert.throws(() => JSON.parse(PROBE_BODY));
      const url = gen.token('webhook');
      fake.kinds.registerWebhook(url, 'live');
      const at = origin() + new URL(url).pathname;
      const post = (body: string) => fetch(at, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      const empty = await post('{}');
      assert.deepEqual([empty.status, await empty.text()], [400, 'no_text']);
      const real = await post(JSON.stringify({ text: 'hello' }));
      assert.deepEqual([real.status, await real.text()], [200, 'ok']);
      assert.deepEqual(fake.kinds.posted, ['hello']);
      fake.kinds.posted.length = 0;
    });

    it('GovSlack webhooks are probed the same way', async () => {
      fake.kinds.registerWebhook(gov, 'live');
      assert.equal((await probe(gov)).status, 'valid');
      assert.deepEqual(fake.kinds.posted, []);
    });

    it('a live workflow webhook or trigger URL: a GET that starts nothing, and unknown, never valid (what Slack answers is not published)', async () => {
      const trigger = gen.token('trigger');
      for (const url of [workflow, trigger]) {
        fake.kinds.registerWebhook(url, 'live');
        const before = fake.requests.length;
        const r = await probe(url);
        assert.equal(r.status, 'unknown');
        assert.equal(r.status === 'unknown' && r.httpStatus, 405);
        assert.match(r.message, /nothing was started/);
        assert.equal(fake.requests.length, before + 1, 'one request');
        assert.equal(fake.requests[before].method, 'webhook');
        assertNoLeak(r, [url, new URL(url).pathname]);
      }
      assert.deepEqual(fake.kinds.started, [], 'no probe started a workflow');
      assert.deepEqual(fake.kinds.posted, []);
      assert.ok(startsWorkflow(trigger) && startsWorkflow(workflow) && !startsWorkflow(hook));
    });

    it('the fake starts a workflow on a POST to a live trigger URL, answering {"ok": true}, which the probe never sends', async () => {
      const trigger = gen.token('trigger');
      fake.kinds.registerWebhook(trigger, 'live');
      const at = origin() + new URL(trigger).pathname;
      const res = await fetch(at, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      assert.deepEqual([res.status, await res.json()], [200, { ok: true }]);
      assert.deepEqual(fake.kinds.started, ['{}']);
      fake.kinds.started.length = 0;
    });

    for (const [state, http] of DEAD_HOOKS) {
      it(`a workflow webhook or trigger URL answering ${http} ${state}: unknown, Slack's word quoted, never invalid`, async () => {
        for (const kind of ['workflow-webhook', 'trigger'] as const) {
          const url = gen.token(kind);
          fake.kinds.registerWebhook(url, state);
          const r = await probe(url);
          assert.equal(r.status, 'unknown', kind);
          assert.equal(r.status === 'unknown' && r.error, state);
          assert.equal(r.status === 'unknown' && r.httpStatus, http);
          assert.match(r.message, new RegExp(`\\(${state}\\).*treat it as live`));
          assertNoLeak(r, [url]);
        }
        assert.deepEqual(fake.kinds.started, []);
      });
    }

    it('workflow and trigger answers: none is valid or invalid (what Slack answers a GET is unpublished)', () => {
      for (const [status, body, want] of [
        [404, 'no_service', 'unknown'],
        [404, '{"ok":false,"error":"no_service"}', 'unknown'],
        [403, '{"ok":false,"error":"invalid_token"}', 'unknown'],
        [404, '', 'unknown'], // a route that serves no GET may say 404 too
        [404, '<html>Not Found</html>', 'unknown'],
        [200, '{"ok":true}', 'unknown'],
        [200, 'ok', 'unknown'],
        [400, 'invalid_payload', 'unknown'],
        [400, '{"ok":false,"error":"invalid_workflow_id"}', 'unknown'],
        [401, '{"ok":false,"error":"invalid_auth"}', 'unknown'],
        [405, '{"ok":false,"error":"method_not_allowed"}', 'unknown'],
        [500, 'Internal Server Error', 'unknown'],
      ] as const) {
        const r = classifyWorkflowProbeAnswer(status, answerCode(body));
        assert.equal(r.status, want, `${status} ${body}`);
      }
      const limited = classifyWorkflowProbeAnswer(429, answerCode('{"ok":false,"error":"ratelimited"}'), '7');
      assert.equal(limited.status === 'unknown' && limited.reason, 'ratelimited');
      assert.equal(limited.status === 'unknown' && limited.retryAfter, 7);
    });

    for (const [state, http] of DEAD_HOOKS) {
      it(`a dead webhook (${http} ${state}): invalid`, async () => {
        const url = gen.token('webhook');
        fake.kinds.registerWebhook(url, state);
        const r = await probe(url);
        assert.equal(r.status, 'invalid');
        assert.equal(r.status === 'invalid' && r.httpStatus, http);
        assert.equal(r.status === 'invalid' && r.error, state);
        assertNoLeak(r, [url]);
      });
    }

    it('a webhook Slack does not know: invalid (404 no_service)', async () => {
      const r = await probe(gen.token('webhook'));
      assert.equal(r.status, 'invalid');
    });

    it('action_prohibited, rate limits, server errors, a proxy page, resets and timeouts: unknown', async () => {
      const url = gen.token('webhook');
      fake.kinds.registerWebhook(url, 'action_prohibited');
      assert.equal((await probe(url)).status, 'unknown');
      fake.kinds.registerWebhook(url, 'live');
      fake.setMode('ratelimit', 3);
      const limited = await probe(url);
      assert.equal(limited.status, 'unknown');
      assert.equal(limited.status === 'unknown' && limited.reason, 'ratelimited');
      assert.equal(limited.status === 'unknown' && limited.retryAfter, 3);
      fake.setMode('http500');
      assert.equal((await probe(url)).status, 'unknown');
      fake.setMode('garbage');
      const page = await probe(url);
      assert.equal(page.status === 'unknown' && page.reason, 'malformed');
      fake.setMode('reset');
      const reset = await probe(url);
      assert.equal(reset.status === 'unknown' && reset.reason, 'network');
      fake.setMode('hang');
      const hung = await probe(url, 300);
      assert.equal(hung.status === 'unknown' && hung.reason, 'timeout');
      assert.deepEqual(fake.kinds.posted, []);
      assertNoLeak([limited, page, reset, hung], [url]);
    });

    it('probes go only to the webhook\'s own Slack host, over https; a redirect only to loopback', () => {
      const path = new URL(hook).pathname;
      assert.deepEqual(probeTarget(hook), { ok: true, target: hook });
      assert.equal(probeTarget(`https://hooks.example.com${path}`).ok, false);
      assert.equal(probeTarget(`http://hooks.slack.com${path}`).ok, false);
      assert.equal(probeTarget(`https://hooks.slack.com:8443${path}`).ok, false);
      assert.equal(probeTarget(`${hook}?x=1`).ok, false);
      assert.equal(probeTarget('https://hooks.slack.com/other/path').ok, false);
      assert.equal(probeTarget(hook, 'https://example.com').ok, false);
      assert.deepEqual(probeTarget(hook, 'http://127.0.0.1:9'), { ok: true, target: `http://127.0.0.1:9${path}` });
      const refused = probeTarget(`https://hooks.example.com${path}`);
      assert.ok(!refused.ok && !refused.reason.includes(path), 'the refusal does not echo the URL');
    });
  });
});
