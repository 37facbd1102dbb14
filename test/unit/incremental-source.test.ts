// IncrementalScan.updateFrom reads the text after an edit only through a TextSource (an editor's
// getText(range) and lineAt): the result must equal a full scan, whatever window a source hands
// back, and an edit must read a bounded amount of text however large the document is.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { scanText, type TextChange } from '../../src/core/detect';
import { IncrementalScan, stringSource, type TextSource } from '../../src/core/detect/incremental';
import { PREFIX, Rng, TOKEN_KINDS, TokenGenerator } from '../support/token-gen';

/** A source over `t` that counts what it hands out and widens each window by up to `widen` chars. */
function countingSource(t: string, rng: Rng, widen: number): TextSource & { chars: number; lines: number } {
  const inner = stringSource(t);
  const src = {
    length: t.length,
    chars: 0,
    lines: 0,
    read(start: number, end: number) {
      const from = Math.max(0, start - rng.int(0, widen));
      const to = Math.min(t.length, end + rng.int(0, widen));
      src.chars += to - from;
      return { from, text: t.slice(from, to) };
    },
    lineAt(pos: number) {
      src.lines++;
      return inner.lineAt(pos);
    },
  };
  return src;
}

const FILLER = ['const a = 1;', ' // ', '\n', '\r\n', 'x', '"', PREFIX.bot, PREFIX.app, 'hooks.slack.com/', 'SLACK_SIGNING_SECRET=', 'slack-token-guard:ignore', 'slack-token-guard:ignore-next-line', '日本', '🙂'];

suite('incremental scan through a text source', () => {
  test('random edits through a source that widens its windows equal a full scan', () => {
    const rng = new Rng(1313);
    const gen = new TokenGenerator(1314);
    const piece = () => (rng.next() < 0.2 ? gen.token(rng.pick(TOKEN_KINDS)) : rng.pick(FILLER));
    for (let run = 0; run < 150; run++) {
      let text = Array.from({ length: rng.int(0, 60) }, piece).join('');
      const inc = new IncrementalScan(text);
      for (let step = 0; step < 12; step++) {
        const changes: TextChange[] = [];
        for (let k = rng.int(1, 3); k > 0; k--) {
          const o = rng.int(0, text.length);
          const l = Math.min(rng.int(0, 30), text.length - o);
          const ins = rng.next() < 0.3 ? '' : Array.from({ length: rng.int(1, 3) }, piece).join('');
          changes.push({ rangeOffset: o, rangeLength: l, text: ins });
          text = text.slice(0, o) + ins + text.slice(o + l);
        }
        const got = inc.updateFrom(countingSource(text, rng, 40), changes);
        assert.ok(got, `run ${run} step ${step}: the changes add up`);
        assert.deepEqual(got, scanText(text), `run ${run} step ${step}`);
        assert.ok(inc.lastEdit, 'the edit span is reported');
      }
    }
  });

  test('an edit in a 5 MB text reads a bounded window and no line lookups without markers', () => {
    const gen = new TokenGenerator(77);
    const lines: string[] = [];
    for (let i = 0; lines.length < 120_000; i++) lines.push(i % 600 === 0 ? `t${i} = "${gen.token('bot')}";` : `const v${i} = compute(${i}, "${PREFIX.bot}" + x); // filler`);
    let text = lines.join('\n');
    assert.ok(text.length > 5_000_000, `${text.length}`);
    const inc = new IncrementalScan(text);
    const count = inc.findings.length;
    const at = text.indexOf('compute(60001,');
    const tok = `"${gen.token('user')}" `;
    text = text.slice(0, at) + tok + text.slice(at);
    const src = countingSource(text, new Rng(1), 0);
    const got = inc.updateFrom(src, [{ rangeOffset: at, rangeLength: 0, text: tok }]);
    assert.equal(got?.length, count + 1);
    assert.deepEqual(got, scanText(text));
    assert.ok(src.chars < 16_384, `read ${src.chars} characters`);
    assert.equal(src.lines, 0);
    assert.deepEqual(inc.lastEdit, { lo: at, oldEnd: at, newEnd: at + tok.length, delta: tok.length });
  });

  test('changes that do not lead to the source length give undefined (the caller rescans)', () => {
    const inc = new IncrementalScan('abc');
    assert.equal(inc.updateFrom(stringSource('abcd'), [{ rangeOffset: 0, rangeLength: 1, text: '' }]), undefined);
    assert.equal(inc.updateFrom(stringSource('abc'), []), undefined);
    assert.equal(inc.updateFrom(stringSource('abc'), [{ rangeOffset: 5, rangeLength: 1, text: 'x' }]), undefined);
  });
});
