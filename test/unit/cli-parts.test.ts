// The CLI's pure pieces, in-process: positions, sizes, ignore files, decoding, baselines, SARIF rules.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCliArgs, parseSize, UsageError } from '../../src/cli/args';
import { readBaseline, writeBaseline } from '../../src/cli/baseline';
import { parseToolIgnoreFile } from '../../src/core/ignore-rules';
import { ruleId, sarifRules } from '../../src/cli/report';
import { decodeText, positionsOf } from '../../src/core/scan-file';
import { KINDS } from '../../src/core/detect';
import { refPosition } from '../support/line-split';

describe('CLI parts: positions', () => {
  it('matches a line split for every offset, with LF, CRLF, lone CR and empty lines', () => {
    for (const text of ['', 'abc', 'a\nb', 'ab\r\ncd\ref\ngh\n\nij', '\r\n\r\n', '\n\r', 'x\r', '🔑\n鍵\r\nz']) {
      const offsets = [...Array(text.length + 1).keys()];
      assert.deepEqual(positionsOf(text, offsets), offsets.map((o) => refPosition(text, o)), JSON.stringify(text));
    }
  });
});

describe('CLI parts: arguments', () => {
  it('parses sizes with suffixes', () => {
    assert.equal(parseSize('1024'), 1024);
    assert.equal(parseSize('2k'), 2048);
    assert.equal(parseSize('5M'), 5 * 1024 * 1024);
    assert.equal(parseSize('5MB'), 5 * 1024 * 1024);
    assert.equal(parseSize('1GiB'), 1024 ** 3);
    assert.throws(() => parseSize('lots'), UsageError);
  });

  it('defaults to scanning the current folder as text with masking', () => {
    const a = parseCliArgs(['scan']);
    assert.equal(a.command, 'scan');
    if (a.command !== 'scan') return;
    assert.deepEqual(a.paths, ['.']);
    assert.equal(a.format, 'text');
    assert.equal(a.showSecrets, false);
    assert.equal(a.threads, undefined);
    assert.equal(a.maxFileSize, 5 * 1024 * 1024);
  });

  it('rejects unknown commands, formats and options', () => {
    for (const argv of [['scna'], ['scan', '--format', 'html'], ['scan', '-x'], ['scan', '-', '-'], ['scan', '--color', '--no-color']]) {
      assert.throws(() => parseCliArgs(argv), UsageError, argv.join(' '));
    }
  });
});

describe('CLI parts: ignore file and baselines', () => {
  it('splits an ignore file into path patterns and fingerprints', () => {
    const fp = 'stg1:' + 'ab'.repeat(16);
    assert.deepEqual(parseToolIgnoreFile(`# comment\r\nfixtures/\r\n${fp}\r\n\r\n!fixtures/keep.json\n`), {
      patterns: ['fixtures/', '!fixtures/keep.json'],
      fingerprints: [fp],
    });
  });

  it('reads baselines as our JSON, a JSON array or plain lines, and writes sorted ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-baseline-'));
    try {
      const a = 'stg1:' + '1'.repeat(32);
      const b = 'stg1:' + '2'.repeat(32);
      const file = path.join(dir, 'b.json');
      writeBaseline(file, [
        { fingerprint: b, file: 'z.ts', line: 3, kind: 'bot' },
        { fingerprint: a, file: 'a.ts', line: 9, kind: 'user' },
      ]);
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as { findings: { file: string }[] };
      assert.deepEqual(written.findings.map((f) => f.file), ['a.ts', 'z.ts']);
      assert.deepEqual(readBaseline(file), new Set([a, b]));
      fs.writeFileSync(file, JSON.stringify([a]));
      assert.deepEqual(readBaseline(file), new Set([a]));
      fs.writeFileSync(file, `# accepted\n${b}\n`);
      assert.deepEqual(readBaseline(file), new Set([b]));
      fs.writeFileSync(file, 'not a baseline\n');
      assert.throws(() => readBaseline(file), /neither JSON nor a list/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CLI parts: decoding and SARIF rules', () => {
  it('treats a NUL byte in the first 8 KB as binary, and decodes BOMs like an editor', () => {
    assert.equal(decodeText(Buffer.from([0x61, 0, 0x62])), undefined);
    assert.equal(decodeText(Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])), 'a'.repeat(9000) + '\0');
    assert.equal(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69])), 'hi');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé', 'utf16le')])), 'hé');
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('hé', 'utf16le').swap16()])), 'hé');
  });

  it('has one SARIF rule per kind of the detector table, with its docs link', () => {
    const rules = sarifRules() as { id: string; helpUri: string }[];
    assert.deepEqual(rules.map((r) => r.id), Object.keys(KINDS).map((k) => ruleId(k as keyof typeof KINDS)));
    for (const r of rules) assert.equal(r.helpUri, KINDS[r.id.replace(/^slack-/, '') as keyof typeof KINDS].docsUrl);
  });
});
