// Recall and precision on a seeded corpus of realistic files (15 file types, CRLF, notebooks,
// minified bundles, non-ASCII text, hard negatives). The hold-out corpus uses its own seed and its
// own context templates, which were never used while tuning the detector.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import { generateCorpus, scoreCorpus, type Score } from '../support/corpus';

function describeScore(s: Score): string {
  return `recall ${(s.recall * 100).toFixed(2)}% precision ${(s.precision * 100).toFixed(2)}% (${s.truePositives}/${s.expected} expected, ${s.found} found) missed ${JSON.stringify(s.missedKinds)} wrong ${JSON.stringify(s.wrongKinds)}`;
}

suite('detect: corpus recall and precision', () => {
  test('hold-out corpus: recall >= 99%, precision >= 99.5%', function () {
    this.timeout(120_000);
    const s = scoreCorpus({ seed: 90210, files: 450, targetBytes: 6_000_000, variant: 'holdout', tokenRate: 10, negativeRate: 15 });
    assert.ok(s.expected > 1000, `corpus too small: ${s.expected} credentials`);
    assert.ok(s.recall >= 0.99 && s.precision >= 0.995, describeScore(s));
  });

  test('tuning corpus: recall >= 99%, precision >= 99.5%', function () {
    this.timeout(120_000);
    const s = scoreCorpus({ seed: 7, files: 150, targetBytes: 1_500_000, variant: 'tune' });
    assert.ok(s.recall >= 0.99 && s.precision >= 0.995, describeScore(s));
  });

  test('the corpus is deterministic and its offsets point at credentials', () => {
    const a = [...generateCorpus({ seed: 3, files: 20 })];
    const b = [...generateCorpus({ seed: 3, files: 20 })];
    assert.deepEqual(
      a.map((f) => [f.path, f.content.length, f.expected.length]),
      b.map((f) => [f.path, f.content.length, f.expected.length]),
    );
    const exts = new Set(a.map((f) => f.path.replace(/^.*?\.(min\.js|[a-z0-9]+)$/, '$1')));
    assert.ok(exts.size >= 15, [...exts].join(','));
    for (const f of a) for (const e of f.expected) assert.ok(e.end > e.start && e.end <= f.content.length);
  });
});
