// Issue 13, cost: the CLI's cheaper ways of doing the same work agree with the plain ones. Values
// come from the seeded generator at run time (no token literal in the repository); messages show
// only masks or lengths.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { fingerprint, scanText } from '../../src/core/detect';
import { CLI_V8_FLAGS } from '../../src/cli/v8-flags';
import { ANCHOR_SOURCES } from '../../src/core/detect/scan';
import { generateCorpus } from '../support/corpus';
import { Rng, TOKEN_KINDS, TokenGenerator } from '../support/token-gen';

/** The fingerprint as it was computed before: a Hash object over the UTF-8 bytes. */
const refFingerprint = (token: string) => 'stg1:' + createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 32);

describe('CLI cost: fingerprints', () => {
  it('the one-shot hash gives the same fingerprint as a Hash object, for every kind and for non-ASCII text', () => {
    const gen = new TokenGenerator(1301);
    const r = new Rng(1302);
    const values: string[] = ['', 'a', '設定トークン', 'émoji 🔑', '\ud800 lone surrogate', 'x'.repeat(5000)];
    for (let i = 0; i < 400; i++) values.push(gen.token(TOKEN_KINDS[i % TOKEN_KINDS.length]));
    for (let i = 0; i < 200; i++) values.push(Array.from({ length: r.int(1, 60) }, () => String.fromCharCode(r.int(0, 0xffff))).join(''));
    for (const v of values) assert.equal(fingerprint(v), refFingerprint(v), `value of length ${v.length}`);
  });
});

/**
 * The anchor regex as one literal: its families are composed from named parts (so that changes to
 * one family merge cleanly), and the composition must stay this regex, whose cost was measured.
 */
const REFERENCE_ANCHORS =
  /["'`][xh][a-z.:/]{0,18}(?:["'`]|\$?\{)|(?:xox[abcdeoprs]|xapp|xwfp)-|hooks\.slack|[Ss]ecret|SECRET|SignatureVerifier\(|G(?:94|Fw(?:cC|\r?\n[ \t]{0,64}c))|H(?:dm(?:cC|\r?\n[ \t]{0,64}c)|R0(?:\r?\n[ \t]{0,64}c|cHM6(?:\r?\n[ \t]{0,64}L|Ly9o(?:\r?\n[ \t]{0,64}b|b29r(?:\r?\n[ \t]{0,64}c|cy5z(?:\r?\n[ \t]{0,64}b|bGFj))))|cDov(?:\r?\n[ \t]{0,64}L|L2hv(?:\r?\n[ \t]{0,64}b|b2tz(?:\r?\n[ \t]{0,64}L|LnNs(?:\r?\n[ \t]{0,64}Y|YWNr)))))|Rw(?:\r?\n[ \t]{0,64}[cO]|czov(?:\r?\n[ \t]{0,64}L|L2hv(?:\r?\n[ \t]{0,64}b|b2tz(?:\r?\n[ \t]{0,64}L|LnNs(?:\r?\n[ \t]{0,64}Y|YWNr))))|Oi8v(?:\r?\n[ \t]{0,64}a|aG9v(?:\r?\n[ \t]{0,64}a|a3Mu(?:\r?\n[ \t]{0,64}c|c2xh(?:\r?\n[ \t]{0,64}Y|Y2))))))|hv(?:e[CGH]|\r?\n[ \t]{0,64}e)|hh(?:cHA|\r?\n[ \t]{0,64}c)|h3(?:ZnA|\r?\n[ \t]{0,64}Z)|h0(?:\r?\n[ \t]{0,64}d|dHBz(?:\r?\n[ \t]{0,64}O|Oi8v(?:\r?\n[ \t]{0,64}a|aG9v(?:\r?\n[ \t]{0,64}a|a3Mu(?:\r?\n[ \t]{0,64}c|c2xh(?:\r?\n[ \t]{0,64}Y|Y2)))))|dHA6(?:\r?\n[ \t]{0,64}L|Ly9o(?:\r?\n[ \t]{0,64}b|b29r(?:\r?\n[ \t]{0,64}c|cy5z(?:\r?\n[ \t]{0,64}b|bGFj(?:\r?\n[ \t]{0,64}a|a))))))|4(?:b3[gh]|YXBw(?:L|\r?\n[ \t]{0,64}L)|d2Zw(?:L|\r?\n[ \t]{0,64}L)|\r?\n[ \t]{0,64}[bYd])/g;

/** Every match start (restarting one past each start, as the scan loop may) and its length. */
function allMatches(re: RegExp, t: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    out.push([m.index, m[0].length]);
    re.lastIndex = m.index + 1;
  }
  return out;
}

describe('CLI cost: the anchor regex', () => {
  it('is composed from its families into the one alternation that was measured, and matches as it does', () => {
    assert.equal(ANCHOR_SOURCES.full, REFERENCE_ANCHORS.source);
    const composed = new RegExp(ANCHOR_SOURCES.full, 'g');
    const texts: string[] = [];
    for (const f of generateCorpus({ seed: 1303, files: 60, targetBytes: 60 * 6000 })) texts.push(f.content);
    const gen = new TokenGenerator(1304);
    const r = gen.rng;
    const bits = ['SignatureVerifier(', '"xo" + "', "'h", '`x${', 'hooks.slack', 'secret', 'SECRET', 'eG94', 'hveC', '4b3h', 'aHR0cHM6Ly9ob29rcy5zbGFj', ' ', '\n', '"'];
    for (let i = 0; i < 100; i++) {
      const parts: string[] = [];
      for (let k = 0; k < 40; k++) parts.push(r.next() < 0.3 ? gen.token(TOKEN_KINDS[r.int(0, TOKEN_KINDS.length - 1)]) : r.pick(bits));
      const t = parts.join(r.next() < 0.5 ? '' : ' ');
      texts.push(t, Buffer.from(t).toString('base64'));
    }
    let anchors = 0;
    for (const t of texts) {
      const want = allMatches(REFERENCE_ANCHORS, t);
      anchors += want.length;
      assert.deepEqual(allMatches(composed, t), want, `a text of ${t.length} chars`);
    }
    assert.ok(anchors > 2000, `only ${anchors} anchors were compared`);
  });
});

describe('CLI cost: V8 flags the CLI sets for itself', () => {
  it('every flag is one this Node accepts (an unknown one would be ignored without a word by setFlagsFromString)', () => {
    assert.ok(CLI_V8_FLAGS.length > 0);
    for (const flag of CLI_V8_FLAGS) {
      const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
    }
  });

  it('the built CLI reports the same findings as the detector with them set (auto and one thread)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-cost-'));
    try {
      const want: string[] = [];
      let i = 0;
      for (const f of generateCorpus({ seed: 1305, files: 40, targetBytes: 40 * 8000 })) {
        const name = `f${String(i++).padStart(3, '0')}.txt`;
        fs.writeFileSync(path.join(dir, name), f.content);
        for (const x of scanText(f.content)) want.push(`${name}:${x.start}:${x.kind}`);
      }
      const cli = path.resolve(__dirname, '../../../dist/cli.js');
      for (const extra of [[], ['--threads', '1']]) {
        const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', ...extra, '.'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 1, r.stderr);
        const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; kind: string });
        assert.equal(rows.length, want.length, `findings with ${extra.join(' ') || 'auto threads'}`);
        assert.deepEqual(rows.map((x) => `${x.file}:${x.kind}`), want.map((w) => w.replace(/:\d+:/, ':')));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
