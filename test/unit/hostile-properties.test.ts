// Property tests on input nobody would write on purpose: any UTF-16 (lone surrogates, NUL and
// control characters), bytes decoded the way the CLI and the editor decode broken files, and
// inputs dense in token fragments. The detector never throws, its findings stay well formed, the
// incremental scan equals a full scan, and redact() leaves nothing a scan would find.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalScan, scanText, type Finding } from '../../src/core/detect';
import { redact } from '../../src/core/redact';
import { PREFIX } from '../support/token-gen';

function wellFormed(text: string, found: Finding[]): void {
  let prevEnd = 0;
  for (const f of found) {
    assert.ok(f.start >= prevEnd && f.end > f.start && f.end <= text.length, `${f.start}-${f.end} after ${prevEnd} in ${text.length}`);
    prevEnd = f.end;
  }
}

const fragments = fc.constantFrom(
  PREFIX.bot,
  PREFIX.user,
  PREFIX.app,
  PREFIX.cookie,
  'xoxe.',
  'xoxe-1-',
  'hooks.slack.com/services/T',
  '-',
  '0123456789',
  'ABCDEFGHJK',
  '\0',
  '\uD800',
  '\uDC00',
  '\uFFFD',
  '\r',
  '%2F',
);

/** Any UTF-16 text (lone surrogates included), or bytes decoded as UTF-8 and as Latin-1. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.array(fc.oneof(fragments, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 60 }).map((a) => a.join('')),
);

describe('detector on hostile text (properties)', function () {
  this.timeout(120_000);

  it('never throws, findings well formed, redact leaves nothing to find', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        wellFormed(text, scanText(text));
        wellFormed(text, scanText(text, { ignoreComments: false }));
        assert.equal(scanText(redact(text), { ignoreComments: false }).length, 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('incremental scan equals a full scan after random edits of hostile text', () => {
    const edit = fc.record({ pos: fc.nat(), del: fc.nat({ max: 30 }), ins: anyText });
    fc.assert(
      fc.property(anyText, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        const inc = new IncrementalScan(start);
        let text = start;
        for (const e of edits) {
          const o = e.pos % (text.length + 1);
          const l = Math.min(e.del, text.length - o);
          text = text.slice(0, o) + e.ins + text.slice(o + l);
          assert.deepEqual(inc.update(text, [{ rangeOffset: o, rangeLength: l, text: e.ins }]), scanText(text));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
