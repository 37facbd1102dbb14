// Issue 13, cost: the CLI's cheaper ways of doing the same work agree with the plain ones. Values
// come from the seeded generator at run time (no token literal in the repository); messages show
// only masks or lengths.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { credentialText, fingerprint, scanText } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { applyCliV8Flags, CLI_V8_FLAGS, CLI_V8_FLAGS_NODE_MAJORS } from '../../src/cli/v8-flags';
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

describe('CLI cost: V8 flags the CLI sets for itself', () => {
  it('every flag is one this Node accepts (an unknown one would print "unrecognized flag" on every run)', () => {
    assert.ok(CLI_V8_FLAGS.length > 0);
    for (const flag of CLI_V8_FLAGS) {
      const r = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
      assert.equal(r.stderr, '', flag);
    }
  });

  it('are left alone on a Node they were not measured on', () => {
    for (const v of ['18.20.0', '22.11.0', '24.0.0', 'x']) assert.equal(applyCliV8Flags(v), false, v);
  });

  it('the built CLI sets them on a measured Node, and neither editor bundle ever sets a V8 flag', () => {
    const dist = path.resolve(__dirname, '../../../dist');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-flags-'));
    try {
      const record = path.join(dir, 'flags.txt');
      const preload = path.join(dir, 'record-flags.js');
      fs.writeFileSync(
        preload,
        `const v8 = require('node:v8'); const set = v8.setFlagsFromString;
         v8.setFlagsFromString = (f) => { require('node:fs').appendFileSync(${JSON.stringify(record)}, f + '\\n'); return set(f); };`,
      );
      fs.writeFileSync(path.join(dir, 'a.txt'), 'nothing here\n');
      const r = spawnSync(process.execPath, ['--require', preload, path.join(dist, 'cli.js'), 'scan', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const set = fs.existsSync(record) ? fs.readFileSync(record, 'utf8').trim().split('\n') : [];
      const measured = CLI_V8_FLAGS_NODE_MAJORS.includes(Number(process.versions.node.split('.')[0]));
      assert.deepEqual(set, measured ? [...CLI_V8_FLAGS] : []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const bundle of ['extension.js', 'scan-worker.js']) {
      assert.ok(!fs.readFileSync(path.join(dist, bundle), 'utf8').includes('setFlagsFromString'), bundle);
    }
  });

  it('the built CLI reports the same findings as the detector with them set: positions, fingerprints and masks, on two worker threads and on one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-cost-'));
    try {
      const want: string[] = [];
      let i = 0;
      for (const f of generateCorpus({ seed: 1305, files: 40, targetBytes: 40 * 8000 })) {
        const name = `f${String(i++).padStart(3, '0')}.txt`;
        fs.writeFileSync(path.join(dir, name), f.content);
        for (const x of scanText(f.content)) {
          const line = f.content.slice(0, x.start).split('\n').length;
          const column = x.start - f.content.lastIndexOf('\n', x.start - 1);
          const secret = credentialText(f.content, x);
          want.push(`${name}:${line}:${column}:${x.kind}:${fingerprint(secret)}:${mask(secret)}`);
        }
      }
      const cli = path.resolve(__dirname, '../../../dist/cli.js');
      for (const extra of [['--threads', '2'], ['--threads', '1']]) {
        const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', ...extra, '.'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 1, r.stderr);
        const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; line: number; column: number; kind: string; fingerprint: string; masked: string });
        assert.equal(rows.length, want.length, `findings with ${extra.join(' ') || 'auto threads'}`);
        assert.deepEqual(rows.map((x) => `${x.file}:${x.line}:${x.column}:${x.kind}:${x.fingerprint}:${x.masked}`), want);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
