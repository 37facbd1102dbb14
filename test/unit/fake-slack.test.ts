import * as assert from 'node:assert/strict';
import { equalRedacted } from '../support/assert-redacted';
import { describeWire, FakeSlack, fakeFingerprint } from '../support/fake-slack';
import { fakeSlackPerSuite } from '../support/fake-slack-hooks';
import { TokenGenerator } from '../support/token-gen';

describe('fake Slack server', () => {
  let fake: FakeSlack;
  const gen = new TokenGenerator(99);
  const token = gen.token('user');

  fakeSlackPerSuite((f) => (fake = f));
  beforeEach(() => {
    fake.register(token, { team: 'Acme', user: 'alice', scopes: ['identify', 'read'] });
  });

  const post = (method: string, body: string, headers: Record<string, string>) =>
    fetch(`${fake.url}${method}`, { method: 'POST', body, headers });

  it('listens on loopback only', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('reads the token from a form field and sends scopes in X-OAuth-Scopes', async () => {
    const res = await post('auth.test', new URLSearchParams({ token }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-oauth-scopes'), 'identify,read');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.ok, true);
    assert.equal(body.user, 'alice');
    assert.equal(fake.requests[0].via, 'form');
  });

  it('accepts JSON with a Bearer header, refuses a token inside JSON (as Slack does)', async () => {
    const ok = await post('auth.test', '{}', { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });
    assert.equal(((await ok.json()) as { ok: boolean }).ok, true);
    const bad = await post('auth.test', JSON.stringify({ token }), { 'Content-Type': 'application/json' });
    assert.equal(bad.status, 200);
    assert.deepEqual(await bad.json(), { ok: false, error: 'not_authed' });
  });

  it('answers 429 with Retry-After in ratelimit mode', async () => {
    fake.setMode('ratelimit', 42);
    const res = await post('auth.test', '', { Authorization: `Bearer ${token}` });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '42');
  });

  it('test=1 does not revoke; a real revoke sticks', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${token}` };
    assert.deepEqual(await (await post('auth.revoke', 'test=1', form)).json(), { ok: true, revoked: false });
    assert.equal(fake.isRevoked(token), false);
    assert.deepEqual(await (await post('auth.revoke', '', form)).json(), { ok: true, revoked: true });
    assert.deepEqual(await (await post('auth.test', '', form)).json(), { ok: false, error: 'token_revoked' });
    assert.equal(fake.isRevoked(token), true);
  });

  it('logs fingerprints and counts per method, never raw tokens', async () => {
    await post('auth.test', '', { Authorization: `Bearer ${token}` });
    await post('auth.test', '', { Authorization: `Bearer ${token}` });
    assert.equal(fake.count('auth.test'), 2);
    assert.equal(fake.count('auth.revoke'), 0);
    assert.equal(fake.requests[0].tokenFingerprint, fakeFingerprint(token));
    assert.ok(!JSON.stringify(fake.requests).includes(token));
  });

  it('answers garbage and 500 when told to', async () => {
    fake.setMode('garbage');
    const g = await post('auth.test', '', {});
    assert.ok(!(await g.text()).trim().startsWith('{'));
    fake.setMode('http500');
    assert.equal((await post('auth.test', '', {})).status, 500);
  });
});

describe('fake Slack server: the wire record', () => {
  const gen = new TokenGenerator(98);
  const token = gen.token('bot');
  let fake: FakeSlack;
  before(async () => (fake = await FakeSlack.start()));
  after(async () => await fake.close());

  it('keeps the full request URL (query string included) and body apart from the printable log, and describes them redacted', async () => {
    fake.register(token, { team: 'Acme', user: 'bot' });
    await fetch(`${fake.url}auth.test?pretty=1&token=${encodeURIComponent(token)}`, { method: 'POST', body: `token=${token}&test=1`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const [r] = fake.requests;
    const w = fake.wire(r);
    assert.equal(w.httpMethod, 'POST');
    equalRedacted(w.url, `/api/auth.test?pretty=1&token=${encodeURIComponent(token)}`);
    equalRedacted(w.body, `token=${token}&test=1`);
    assert.ok(!JSON.stringify(fake.requests).includes(token), 'the printable log holds no token');
    const line = describeWire(w);
    assert.ok(!line.includes(token.slice(-12)), 'describeWire masks the token');
    assert.match(line, /^POST \/api\/auth\.test\?pretty=1&token=xoxb-…/);
    // The check the leak tests rely on sees a token in a query string (known or not), and not in a body.
    assert.equal(fake.requestsWithTokenInUrl([token]).length, 1);
    assert.equal(fake.requestsWithTokenInUrl([]).length, 1, 'found by the detector without being told the token');
    await fetch(`${fake.url}auth.test`, { method: 'POST', body: `token=${token}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(fake.requestsWithTokenInUrl([token]).length, 1, 'a token in the body is where it belongs');
  });
});
