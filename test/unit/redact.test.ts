// mask() and redact(): the only way a credential is shown anywhere.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { scanText } from '../../src/core/detect';
import { mask, redact } from '../../src/core/redact';
import { PREFIX, TOKEN_KINDS, TokenGenerator } from '../support/token-gen';

const KINDS = TOKEN_KINDS;

suite('redact: mask', () => {
  const gen = new TokenGenerator(21);
  test('kind prefix, an ellipsis and the last four characters', () => {
    const b = gen.token('bot');
    assert.equal(mask(b), `${PREFIX.bot}…${b.slice(-4)}`);
    const c = gen.token('config-access');
    assert.equal(mask(c), `${c.slice(0, 10)}…${c.slice(-4)}`);
    assert.match(mask(c), /^xoxe\.xox[bp]-…/);
    const w = gen.token('webhook');
    assert.equal(mask(w), `${PREFIX.hooks}services/…${w.slice(-4)}`);
    const g = gen.token('webhook-gov');
    assert.equal(mask(g), `${PREFIX.hooksGov}services/…${g.slice(-4)}`);
    const s = gen.token('signing-secret');
    assert.equal(mask(s), `…${s.slice(-4)}`);
    const pct = encodeURIComponent(w);
    assert.equal(mask(pct), `https%3A%2F%2Fhooks.slack.com%2Fservices%2F…${w.slice(-4)}`);
    const esc = gen.token('trigger').replace(/\//g, '\\/');
    assert.ok(mask(esc).endsWith(`triggers\\/…${esc.slice(-4)}`));
  });
  test('never reveals more than four secret characters, and nothing of short values', () => {
    for (const k of KINDS) {
      const t = gen.token(k);
      const m = mask(t);
      assert.ok(m.length < 45, k);
      assert.equal(scanText(m).length, 0, `mask of ${k} is not itself a finding`);
    }
    assert.equal(mask(`${PREFIX.bot}abc`), `${PREFIX.bot}…`);
    assert.equal(mask('short'), '…');
  });
});

suite('redact: redact', () => {
  const gen = new TokenGenerator(22);
  test('replaces every credential, keeps the rest, ignores suppression comments', () => {
    const toks = KINDS.map((k) => gen.token(k));
    const s = gen.token('signing-secret');
    const text = toks.map((t, i) => `v${i} = "${t}" // slack-token-guard:ignore`).join('\n') + `\nSLACK_SIGNING_SECRET=${s}\n`;
    const out = redact(text);
    for (const t of toks) assert.ok(!out.includes(t.slice(-12)), 'a secret tail survived');
    assert.ok(!out.includes(s));
    assert.equal(scanText(out, { ignoreComments: false }).length, 0);
    assert.equal(out.split('\n').length, text.split('\n').length);
    assert.ok(out.includes(`v0 = "${mask(toks[0])}"`));
    assert.ok(out.includes(`SLACK_SIGNING_SECRET=${mask(s)}`));
  });
  test('text without credentials comes back unchanged (same string)', () => {
    const text = 'nothing to see: xoxb-… and https://hooks.slack.com/services/…';
    assert.equal(redact(text), text);
    assert.equal(redact(''), '');
  });
  test('error messages and JSON bodies', () => {
    const t = gen.token('user');
    const err = new Error(`request failed for token ${t}`);
    assert.ok(redact(err.message) === `request failed for token ${mask(t)}`, 'the token in an error message is masked');
    const body = JSON.stringify({ headers: { Authorization: `Bearer ${t}` } });
    assert.ok(!redact(body).includes(t));
  });
});
