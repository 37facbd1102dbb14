import * as assert from 'node:assert/strict';
import {
  COMMERCIAL_ENDPOINT,
  GOV_ENDPOINT,
  INVALID_CODES,
  LEGACY_SCOPE_REPLACEMENTS,
  LEGACY_SCOPES,
  endpointLabel,
  isLegacyToken,
  messageForCode,
  normalizeEndpoint,
} from '../../src/core/slack';
import { PREFIX } from '../support/token-gen';

describe('Slack endpoints', () => {
  it('accepts Slack and GovSlack as they are', () => {
    assert.deepEqual(normalizeEndpoint(COMMERCIAL_ENDPOINT), { ok: true, endpoint: COMMERCIAL_ENDPOINT });
    assert.deepEqual(normalizeEndpoint(GOV_ENDPOINT), { ok: true, endpoint: GOV_ENDPOINT });
    assert.equal(endpointLabel(GOV_ENDPOINT), 'GovSlack');
  });

  it('adds the trailing slash', () => {
    assert.deepEqual(normalizeEndpoint('https://slack.example.org/api'), { ok: true, endpoint: 'https://slack.example.org/api/' });
  });

  it('allows plain http only on loopback', () => {
    for (const u of ['http://127.0.0.1:1234/api/', 'http://localhost:9/api/', 'http://[::1]:80/x/']) {
      assert.equal(normalizeEndpoint(u).ok, true, u);
    }
    for (const u of ['http://example.com/api/', 'http://10.0.0.1/api/', 'ftp://slack.com/api/', 'file:///etc/passwd', 'not a url']) {
      assert.equal(normalizeEndpoint(u).ok, false, u);
    }
  });

  it('refuses credentials, queries and fragments', () => {
    for (const u of ['https://u:p@slack.com/api/', 'https://slack.com/api/?x=1', 'https://slack.com/api/#f']) {
      assert.equal(normalizeEndpoint(u).ok, false, u);
    }
  });
});

describe('legacy classification and messages', () => {
  it('a user-ish token with a legacy scope is legacy; bots never are', () => {
    assert.equal(isLegacyToken(PREFIX.user + '1-2-3-abc', {}, ['identify', 'read']), true);
    assert.equal(isLegacyToken(PREFIX.user + '1-2-3-abc', {}, ['chat:write']), false);
    assert.equal(isLegacyToken(PREFIX.bot + '1-2-abc', { botId: 'B1' }, ['read']), false);
    assert.equal(isLegacyToken(PREFIX.user + '1-2-3-abc', { botId: 'B1' }, ['read']), false);
  });

  it('every legacy scope has a replacement entry', () => {
    for (const s of LEGACY_SCOPES) assert.ok(LEGACY_SCOPE_REPLACEMENTS[s].meaning.length > 0, s);
  });

  it('every dead-token code and unknown codes get a plain sentence without the raw body', () => {
    for (const c of INVALID_CODES) assert.ok(messageForCode(c).endsWith('.'), c);
    assert.match(messageForCode('some_new_code'), /some_new_code/);
    assert.match(messageForCode('<html>' + PREFIX.bot), /unexpected/);
  });
});
