// Files designed to hurt, in plain Node: the editor's incremental rescan of a 200,000-line text
// after an edit at its end scans a bounded window (counted, not timed), and the built CLI gives
// correct, masked output on a 50 MB single line, millions of `xoxb-` fragments, invalid UTF-8 and
// NUL bytes. Linearity in size is measured by `npm run bench` (hostile inputs at two sizes).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IncrementalScan, scanText } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { equalRedacted } from '../support/assert-redacted';
import { PREFIX, TokenGenerator } from '../support/token-gen';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const MB = 1 << 20;

function cli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * MB });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hostile files', function () {
  this.timeout(120_000);
  const gen = new TokenGenerator(5150);
  let tmp: string;

  before(function () {
    if (!fs.existsSync(CLI)) {
      const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-hostile-'));
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('an edit at the end of a 200,000-line text rescans a bounded window, with the full-scan result', () => {
    const lines: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      if (i % 5000 === 0) {
        const t = gen.token('bot');
        tokens.push(t);
        lines.push(`const token${i} = "${t}";`);
      } else lines.push(`const value${i} = compute(${i}, "${PREFIX.bot}" + x); // near miss`);
    }
    let text = lines.join('\n');
    const scan = new IncrementalScan(text);
    assert.equal(scan.lastScannedChars, text.length, 'the first scan reads everything');
    assert.equal(scan.findings.length, tokens.length);
    // Type a token at the end, one character at a time, then delete it.
    const added = '\nconst late = "' + gen.token('user') + '";';
    let maxScanned = 0;
    for (const ch of added) {
      const at = text.length;
      text += ch;
      scan.update(text, [{ rangeOffset: at, rangeLength: 0, text: ch }]);
      maxScanned = Math.max(maxScanned, scan.lastScannedChars);
    }
    assert.deepEqual(scan.findings, scanText(text));
    assert.equal(scan.findings.length, tokens.length + 1);
    const at = text.length - added.length;
    scan.update(text.slice(0, at), [{ rangeOffset: at, rangeLength: added.length, text: '' }]);
    text = text.slice(0, at);
    maxScanned = Math.max(maxScanned, scan.lastScannedChars);
    assert.deepEqual(scan.findings, scanText(text));
    // Bounded by the scanner's look-behind/look-ahead and token length, not by the 10 MB text.
    assert.ok(text.length > 10_000_000, `${text.length}`);
    assert.ok(maxScanned < 8192, `an edit rescanned ${maxScanned} characters`);
  });

  it('an edit in the middle of a 50 MB single line rescans a bounded window too', () => {
    const t = gen.token('app');
    let text = 'x=' + '"abc",'.repeat((50 * MB) / 6) + JSON.stringify(t) + ';';
    const scan = new IncrementalScan(text);
    assert.equal(scan.findings.length, 1);
    const mid = 25 * MB;
    text = text.slice(0, mid) + 'Q' + text.slice(mid);
    scan.update(text, [{ rangeOffset: mid, rangeLength: 0, text: 'Q' }]);
    assert.ok(scan.lastScannedChars < 8192, `${scan.lastScannedChars}`);
    assert.equal(scan.findings.length, 1);
    equalRedacted(text.slice(scan.findings[0].start, scan.findings[0].end), t);
  });

  it('CLI: a 50 MB single line with tokens inside is scanned (size limit raised) with masked results', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'line-'));
    const want = [gen.token('bot'), gen.token('user'), gen.token('webhook')];
    const chunk = `var a=b.c("${PREFIX.bot}12345678901-"),d=e("${PREFIX.user}1234-5678-",f);`;
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; len < 50 * MB; i++) {
      const p = i % 200_000 === 100_000 ? `k=${JSON.stringify(want[(i / 200_000) | 0] ?? want[0])};` : chunk;
      parts.push(p);
      len += p.length;
    }
    const text = parts.join('');
    fs.writeFileSync(path.join(dir, 'min.js'), text);
    const expected = scanText(text);
    assert.ok(expected.length >= 3);
    const skipped = cli(dir, ['scan', '--format', 'json', '--verbose', '.']);
    assert.equal(skipped.status, 0, 'over the default 5M limit: skipped');
    assert.match(skipped.stderr, /min\.js/);
    const r = cli(dir, ['scan', '--format', 'json', '--max-file-size', '64M', '.']);
    assert.equal(r.status, 1, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; column: number; masked?: string; match?: string });
    assert.equal(rows.length, expected.length);
    for (const row of rows) assert.equal(row.line, 1);
    for (const t of want) {
      assert.ok(!r.stdout.includes(t), 'masked');
      assert.ok(r.stdout.includes(mask(t)), `${mask(t)} reported`);
    }
  });

  it('CLI: millions of xoxb- fragments give no finding; a real token among them is found', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'frag-'));
    const t = gen.token('bot');
    const fragments = `${PREFIX.bot} `.repeat(2_000_000);
    fs.writeFileSync(path.join(dir, 'frag.txt'), fragments + '\n' + t + '\n' + `${PREFIX.bot}`.repeat(1_000_000));
    const r = cli(dir, ['scan', '--max-file-size', '64M', '.']);
    assert.equal(r.status, 1, r.stderr);
    const out = r.stdout.trim().split('\n');
    assert.equal(out.length, 1, r.stdout.slice(0, 500));
    assert.match(out[0], /frag\.txt:2:1/);
    assert.ok(out[0].includes(mask(t)) && !out[0].includes(t));
  });

  it('CLI: invalid UTF-8 around a token still finds it; NUL bytes make a file binary (skipped, said with --verbose)', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bytes-'));
    const t = gen.token('user');
    // (Not at the start: FF FE there is a UTF-16 byte order mark, and the file would be UTF-16.)
    const bad = Buffer.from([0x78, 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]);
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.concat([bad, Buffer.from(` ${t} `), bad, Buffer.from('\n'), bad]));
    fs.writeFileSync(path.join(dir, 'nul.bin'), Buffer.concat([Buffer.from('abc\0def '), Buffer.from(gen.token('bot')), Buffer.alloc(1000)]));
    const r = cli(dir, ['scan', '--format', 'json', '--verbose', '.']);
    assert.equal(r.status, 1, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; kind: string });
    assert.equal(rows.length, 1, r.stdout);
    assert.match(rows[0].file, /bad\.txt$/);
    assert.ok(!r.stdout.includes(t));
    assert.match(r.stderr, /nul\.bin/);
    assert.match(r.stderr, /binary/i);
  });

  it('CLI: a 200,000-line file with tokens at both ends', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'long-'));
    const a = gen.token('bot');
    const b = gen.token('app');
    const body = Array.from({ length: 200_000 }, (_, i) => `line ${i} ${PREFIX.bot}${i}`).join('\n');
    fs.writeFileSync(path.join(dir, 'long.txt'), `${a}\n${body}\n${b}\n`);
    const r = cli(dir, ['scan', '.']);
    assert.equal(r.status, 1, r.stderr);
    const out = r.stdout.trim().split('\n');
    assert.deepEqual(
      out.map((l) => l.split(' ')[0]),
      ['long.txt:1:1', 'long.txt:200002:1'],
    );
    assert.ok(!r.stdout.includes(a) && !r.stdout.includes(b));
  });
});
