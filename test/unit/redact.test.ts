// mask() and redact(): the only way a credential is shown anywhere.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyToken, scanText } from '../../src/core/detect';
import { mask, redact } from '../../src/core/redact';
import { equalRedacted } from '../support/assert-redacted';
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

/** The secret part of a generated token, worked out from the token's documented shape (not from mask()). */
function secretPart(t: string): string {
  const last = t.split(/\/|%2F/).pop() ?? t;
  return last.replace(/^(?:xoxe\.)?(?:xox[a-z]|xapp|xwfp)-/, '').replace(/^(?:\d+-)+/, '');
}

suite('redact: mask shows at most a third of the secret', () => {
  test('every kind, including short legacy secrets, shows no more than a third of its secret part', () => {
    const gen = new TokenGenerator(23);
    let shortSeen = 0;
    for (let i = 0; i < 40; i++) {
      for (const k of KINDS) {
        const t = gen.token(k);
        const m = mask(t);
        const tail = m.slice(m.indexOf('…') + 1);
        const secret = secretPart(t);
        assert.ok(t.endsWith(tail), `${k}: the mask's tail is the token's end`);
        assert.ok(tail.length * 3 <= secret.length, `${k}: ${tail.length} characters shown of a ${secret.length}-character secret`);
        if (secret.length < 12) shortSeen++;
      }
    }
    assert.ok(shortSeen > 0, 'the generator made short legacy secrets');
  });
  test('a 10-digit legacy session secret shows 3 characters, a 6-digit one 2', () => {
    const t10 = `${PREFIX.session}123456789-123456789-123456789-0a1b2c3d4e`;
    assert.equal(mask(t10), `${PREFIX.session}…d4e`);
    const t6 = `${PREFIX.user}123456789-123456789-123456789-0a1b2c`;
    assert.equal(mask(t6), `${PREFIX.user}…2c`);
  });
});

suite('redact: glued and escaped tokens (property, checked against the detector)', () => {
  // Before the token: identifiers it is glued to and escapes it follows in JSON, C, URLs and logs.
  const before = fc.constantFrom('tok_', 'a', 'X9', '_', 'slackBot', '\\u0022', '\\x22', '\\"', '\\n', '\\\\', '%22', 'u0022', '\\u003d', '=', ' ', '');
  // After it: what ends a token but glues it in the detector's eyes (an underscore, a dash and a word), or an escape.
  const after = fc.constantFrom('_id', '_', '-x', '-v2', '\\u0022', '\\"', '\\n', '%22', '"', ';', '');
  const noise = fc.string({ maxLength: 12 }).map((s) => s.replace(/[A-Za-z0-9_%\\-]/g, ' '));
  const kind = fc.constantFrom(...KINDS);
  test('redact() leaves no tail of any token the detector recognises on its own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 30 }), kind, noise, before, after, noise, (seed, k, n1, b, a, n2) => {
        const token = new TokenGenerator(seed).token(k);
        // The oracle: the detector, given the token alone, reports exactly it.
        const alone = classifyToken(token);
        assert.ok(alone && alone.end === token.length, `${k} is a finding on its own`);
        const text = `${n1}${b}${token}${a}${n2}`;
        const out = redact(text);
        const secret = secretPart(token);
        assert.ok(!out.includes(secret.slice(-8)), `${k} between ${JSON.stringify(b)} and ${JSON.stringify(a)}: its secret's tail survived`);
        assert.ok(!out.includes(token), 'the token survived');
      }),
      { numRuns: 2000 },
    );
  });
  test('the forms the issue names: tok_xoxb-… and \\u0022xoxb-…', () => {
    const gen = new TokenGenerator(24);
    const t = gen.token('bot');
    assert.equal(scanText(`tok_${t}`).length, 0, 'the detector itself passes over a glued token (no finding)');
    equalRedacted(redact(`tok_${t}`), `tok_${mask(t)}`);
    equalRedacted(redact(`{\\u0022${t}\\u0022}`), `{\\u0022${mask(t)}\\u0022}`);
    equalRedacted(redact(`${t}_suffix`), `${mask(t)}_suffix`);
  });
});
