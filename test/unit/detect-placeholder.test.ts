// Placeholder words that occur by chance inside random ids and secrets (issue 13): FAKE, TEST and
// DUMMY turn up inside random upper-case webhook and app ids, and inside random secrets, about once in
// 100,000 values. There they are chance; they mean "not real" only as the whole id after its letter with
// filler around (`T0FAKE`, `BFAKE12345`), or as a whole run at a secret's start or end. Long words
// (EXAMPLE, SAMPLE, PLACEHOLDER…) count anywhere. Values are built at run time from the generator.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { scanText, type Finding } from '../../src/core/detect';
import { isPlaceholderId, isPlaceholderSecret, saysNotReal } from '../../src/core/detect/placeholder';
import { mask } from '../../src/core/redact';
import { PREFIX, TokenGenerator } from '../support/token-gen';

function spans(found: Finding[]): string {
  return found.map((f) => `${f.kind}@${f.start}-${f.end}`).join(', ') || '(none)';
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

suite('detect placeholder: short words by chance inside random ids', () => {
  const gen = new TokenGenerator(1401);
  const r = gen.rng;
  /** A random upper-case id body of n chars with `word` at `at`, as a random id holds it by chance. */
  const idWith = (n: number, word: string, at: number) => {
    const body = r.chars(UPPER_ALNUM, n);
    return body.slice(0, at) + word + body.slice(at + word.length);
  };

  test('FAKE, TEST, DUMMY among random chars in T, B and A ids: the webhook or app token is found', () => {
    let checked = 0;
    for (const w of ['FAKE', 'TEST', 'DUMMY']) {
      for (let at = 0; at + w.length <= 9; at++) {
        // Random chars on both sides, including letters: not filler a person types.
        const t = `T${idWith(9, w, at)}`;
        if (!/[A-Z]/.test(t.slice(1, 1 + at) + t.slice(1 + at + w.length))) continue;
        const b = `B${idWith(10, w, (at + 1) % (10 - w.length + 1))}`;
        const tail = gen.token('webhook').split('/').pop() ?? '';
        const url = `${PREFIX.hooks}services/${t}/${b}/${tail}`;
        const text = `url = "${url}"`;
        assert.equal(spans(scanText(text)), `webhook@7-${7 + url.length}`, `${w} at ${at}: ${mask(url)}`);
        const app = gen.token('app').split('-');
        app[2] = `A${idWith(10, w, at)}`;
        if (/[A-Z]/.test(app[2].slice(1).replace(w, ''))) {
          const tok = app.join('-');
          assert.equal(spans(scanText(`v = "${tok}"`)), `app@5-${5 + tok.length}`, `${w} in an app id at ${at}`);
        }
        checked++;
      }
    }
    assert.ok(checked > 10, 'ids were checked');
  });

  test('the ids of the generator that the old rule dropped (a word found in 100,000) now pass', () => {
    // Rebuilt from their shape: a short word with random upper-case chars around it.
    for (const id of ['F8TEST4U', 'TEST4JSE', 'G4FAKE4V', 'BPZEG4FAKE', '9HZKF8TEST', '8TEST55FL7']) {
      assert.equal(isPlaceholderId(id), false, id);
    }
  });

  test('ids a person typed: one char, a word with only filler around it, a long word anywhere', () => {
    for (const id of ['XXXXXXXX', '00000000', '0XXXXXXXX', 'FAKE', '0FAKE', 'FAKE12345', '0TEST0001', 'DUMMY0000', '0DUMMY01', '0EXAMPLE1', '0SAMPLE12', 'X7EXAMPLEQ', 'QZTESTINGK']) {
      assert.equal(isPlaceholderId(id), true, id);
    }
    const w = gen.token('webhook').split('/');
    for (const [tId, bId] of [
      ['T0FAKE0001', w[5]],
      [w[4], 'BFAKE12345'],
      ['TXXXXXXXXX', w[5]],
      ['T0XXXXXXXX', w[5]],
      [w[4], 'B0DUMMY000'],
    ]) {
      assert.equal(spans(scanText(`${PREFIX.hooks}services/${tId}/${bId}/${w[6]}`)), '(none)', `${tId}/${bId}`);
    }
  });
});

suite('detect placeholder: short words by chance inside random secrets', () => {
  const gen = new TokenGenerator(1402);
  const r = gen.rng;
  const B = PREFIX.bot;
  const id = () => r.digits(12);
  const LOWER = 'abcdefghijklmnopqrstuvwxyz';
  const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  /**
   * A random secret of n chars from `alphabet` with `word` at `at`, set off from the random chars
   * around it only by a change of case, so that it is a whole run of letters (what the old rule took
   * for a placeholder): a lower-case letter before a capital, a capital after a lower-case end, a
   * capital and a lower-case letter after an all-capital word (`mFAKEXy`). A word that starts in lower
   * case can only follow a digit (`Xfake` is one run).
   */
  const secretWith = (alphabet: string, n: number, word: string, at: number) => {
    const upperWord = word === word.toUpperCase();
    const left = /[a-z]/.test(word[0]) ? r.chars('0123456789', 1) : r.chars(LOWER, 1);
    const right = upperWord ? r.chars(UPPER, 1) + r.chars(LOWER, 1) : r.chars(UPPER, 1);
    for (;;) {
      const s = r.chars(alphabet, n);
      const v = s.slice(0, at - 1) + left + word + right + s.slice(at + word.length + right.length);
      if (/\d/.test(v) && v.length === n) return v;
    }
  };

  test('FAKE, TEST, DUMMY in the middle of a random secret, set off by case or digits: found', () => {
    for (const w of ['FAKE', 'fake', 'Fake', 'TEST', 'test', 'Test', 'DUMMY', 'dummy']) {
      for (const at of [3, 8, 14]) {
        const s = secretWith(ALNUM, 24, w, at);
        const tok = `${B}${id()}-${id()}-${s}`;
        assert.equal(spans(scanText(`v = "${tok}"`)), `bot@5-${5 + tok.length}`, `${w} at ${at}`);
        // Between digits in the middle, too (`…7FAKE3…`).
        const d = s.slice(0, at - 1) + '7' + w + '3' + s.slice(at + w.length + 1);
        assert.equal(isPlaceholderSecret(d), false, `${w} between digits at ${at}`);
      }
    }
    // Lower-case secrets (client tokens: 64 of a-z0-9) hold `fake` between digits by chance most often.
    for (const at of [5, 20, 40]) {
      const s = r.chars(LOWER_ALNUM, 64);
      const v = s.slice(0, at - 1) + '4fake9' + s.slice(at + 5);
      assert.equal(isPlaceholderSecret(v), false, `fake at ${at} in a lower-case secret`);
    }
  });

  test('a whole run at the start or end of the secret still says it is not real', () => {
    const tail = (n: number) => r.chars(ALNUM, n - 1) + '5';
    for (const w of ['FAKE', 'fake', 'Fake', 'TEST', 'test', 'Test', 'DUMMY', 'dummy']) {
      const n = 24 - w.length;
      for (const s of [
        w + '9' + tail(n - 1), // FAKE9…
        `9${w}7${tail(n - 2)}`, // 9FAKE7…
        tail(n - 1) + '3' + w, // …3FAKE
        `${tail(n - 2)}3${w}7`, // …3FAKE7
      ]) {
        assert.equal(saysNotReal(s), true, `${w} at ${s.indexOf(w)} of ${s.length}`);
        assert.equal(spans(scanText(`${B}${id()}-${id()}-${s}`)), '(none)', w);
      }
    }
    // A word glued to a longer run of one case at the edge is another word (`testsXy…`, `…xfake`).
    assert.equal(saysNotReal('tests' + '9' + tail(18)), false);
    assert.equal(saysNotReal(tail(18) + '9xfake'), false);
    // At the start a change of case ends the word (`FAKEToken…`, `testXyz…`).
    assert.equal(saysNotReal('FAKEToken' + tail(15)), true);
    assert.equal(saysNotReal('testXyz' + tail(17)), true);
  });

  test('the secrets of the generator that the old rule dropped now pass', () => {
    // Rebuilt from their shape: the word between a letter of the other case or digits, mid-secret.
    const shapes: Array<[string, number, string, number]> = [
      [ALNUM, 24, 'FAKE', 14],
      [ALNUM, 24, 'TEST', 11],
      [ALNUM, 24, 'fake', 3],
      [ALNUM, 40, 'TEST', 11],
      [ALNUM, 40, 'FAKE', 10],
    ];
    for (const [alphabet, n, w, at] of shapes) {
      const s = secretWith(alphabet, n, w, at);
      assert.equal(isPlaceholderSecret(s), false, `${w} at ${at} of ${n}`);
    }
  });
});
