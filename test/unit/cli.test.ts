// Runs the BUILT command-line scanner (dist/cli.js, as users get it) on temporary folders filled
// with generated tokens, and checks every format, the exit codes and the masking.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, ensureBuilt, jsonLines, ROOT, write, type Run } from '../support/cli-run';
import { equalRedacted } from '../support/assert-redacted';
import { TokenGenerator } from '../support/token-gen';
import { mask } from '../../src/core/redact';

/** Text of 1-based line `line` (CR, LF or CRLF breaks), columns in UTF-16 code units. */
function sliceAt(text: string, line: number, column: number, endColumn: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line - 1].slice(column - 1, endColumn - 1);
}

describe('CLI: slack-token-guard scan (built dist/cli.js)', function () {
  this.timeout(60000);
  const gen = new TokenGenerator(2024);
  const BOT = gen.token('bot');
  const USER = gen.token('user');
  const APP = gen.token('app');
  const HOOK = gen.token('webhook');
  const LEGACY_BOT = gen.token('bot-legacy');
  const ALL = [BOT, USER, APP, HOOK, LEGACY_BOT];
  let tmp: string;
  let n = 0;
  /** A fresh folder per test. */
  const folder = () => fs.mkdtempSync(path.join(tmp, `t${n++}-`));

  /** The standard tree: tokens in several file types, one per line or several on a line. */
  function tree(): string {
    const d = folder();
    write(d, 'src/app.ts', `// config\nconst token = "${BOT}";\nexport const other = '${USER}';\n`);
    write(d, 'config/.env', `SLACK_APP_TOKEN=${APP}\nWEBHOOK=${HOOK}\n`);
    write(d, 'notes/readme.md', `Two on one line: ${BOT} and ${LEGACY_BOT}\n`);
    write(d, 'clean.txt', 'nothing to see here\n');
    return d;
  }

  const assertNoSecrets = (r: Run, tokens = ALL) => {
    for (const t of tokens) {
      assert.ok(!r.stdout.includes(t), 'a token reached stdout');
      assert.ok(!r.stderr.includes(t), 'a token reached stderr');
    }
  };

  before(function () {
    this.timeout(120000);
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-cli-test-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints --help and --version and exits 0', () => {
    const help = cli(tmp, ['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: slack-token-guard scan/);
    const version = cli(tmp, ['--version']);
    assert.equal(version.status, 0);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), manifest.version);
  });

  it('text format: file:line:col kind masked, sorted by path, summary on stderr, exit 1', () => {
    const d = tree();
    const r = cli(d, ['scan']);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 6, r.stdout);
    for (const l of lines) assert.match(l, /^[^:\s]+:\d+:\d+ [a-z-]+ \S+$/);
    assert.deepEqual(
      lines.map((l) => l.split(' ')[0]),
      ['config/.env:1:17', 'config/.env:2:9', 'notes/readme.md:1:18', `notes/readme.md:1:${18 + BOT.length + 5}`, 'src/app.ts:2:16', 'src/app.ts:3:23'],
    );
    assert.ok(lines[0].includes(' app xapp-…'), lines[0]);
    assert.ok(lines[4].endsWith(`bot xoxb-…${BOT.slice(-4)}`), lines[4]);
    assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
    assert.match(r.stderr, /6 Slack credentials in 3 files/);
    assertNoSecrets(r);
  });

  it('colours text only when asked (or on a terminal) and never with NO_COLOR', () => {
    const d = tree();
    assert.ok(cli(d, ['scan', '--color']).stdout.includes('\x1b['));
    assert.ok(!cli(d, ['scan'], undefined, { NO_COLOR: '1' }).stdout.includes('\x1b['));
  });

  it('json format: one object a line with 1-based positions that point at the token', () => {
    const d = folder();
    // Non-BMP and CJK text before the token: columns count UTF-16 code units.
    const content = `first line\n  title = "🔑 鍵 ${BOT}" # ${USER}\n`;
    write(d, 'a/b.toml', content);
    const r = cli(d, ['scan', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const rows = jsonLines(r.stdout);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), ['column', 'confidence', 'endColumn', 'endLine', 'file', 'fingerprint', 'kind', 'legacy', 'line', 'masked'].sort());
      assert.equal(row.file, 'a/b.toml');
      assert.equal(typeof row.legacy, 'boolean');
      assert.match(String(row.fingerprint), /^stg1:[0-9a-f]+$/);
    }
    assert.equal(rows[0].kind, 'bot');
    assert.equal(rows[1].kind, 'user');
    equalRedacted(sliceAt(content, rows[0].line as number, rows[0].column as number, rows[0].endColumn as number), BOT);
    equalRedacted(sliceAt(content, rows[1].line as number, rows[1].column as number, rows[1].endColumn as number), USER);
    assert.equal(rows[0].line, 2);
    assert.equal(rows[0].column, 17);
    assert.equal(rows[0].masked, `xoxb-…${BOT.slice(-4)}`);
    assert.equal(r.stderr, '', 'json prints no summary unless --verbose');
    assertNoSecrets(r);
  });

  it('CRLF and lone-CR files give the same lines and columns as LF', () => {
    const d = folder();
    const lf = `a\n\nkey: ${APP}\n  x = "${HOOK}"\n`;
    write(d, 'lf.yaml', lf);
    write(d, 'crlf.yaml', lf.replace(/\n/g, '\r\n'));
    write(d, 'cr.yaml', lf.replace(/\n/g, '\r'));
    const rows = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    const pos = (file: string) => rows.filter((r) => r.file === file).map((r) => [r.line, r.column, r.endLine, r.endColumn]);
    assert.deepEqual(pos('lf.yaml'), [
      [3, 6, 3, 6 + APP.length],
      [4, 8, 4, 8 + HOOK.length],
    ]);
    assert.deepEqual(pos('crlf.yaml'), pos('lf.yaml'));
    assert.deepEqual(pos('cr.yaml'), pos('lf.yaml'));
  });

  it('sarif format: valid SARIF 2.1.0 with a rule per kind and masked results', () => {
    const d = tree();
    const r = cli(d, ['scan', '--format', 'sarif']);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
        columnKind: string;
        originalUriBaseIds: Record<string, { uri: string }>;
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
          partialFingerprints: Record<string, string>;
        }[];
        invocations: { executionSuccessful: boolean }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'slack-token-guard');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.ok(driver.rules.length >= 10, 'one rule per kind');
    assert.equal(new Set(driver.rules.map((x) => x.id)).size, driver.rules.length, 'rule ids are unique');
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    assert.equal(run.results.length, 6);
    for (const res of run.results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text.includes('…'), 'message carries the masked form');
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'), 'relative uri');
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endColumn > loc.region.startColumn);
      assert.match(Object.values(res.partialFingerprints)[0], /^stg1:/);
    }
    assert.deepEqual(
      run.results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri),
      ['config/.env', 'config/.env', 'notes/readme.md', 'notes/readme.md', 'src/app.ts', 'src/app.ts'],
    );
    assert.equal(run.invocations[0].executionSuccessful, true);
    assertNoSecrets(r);
  });

  it('a clean tree gives exit 0 and an empty but valid report in every format', () => {
    const d = folder();
    write(d, 'a.js', 'const x = 1;\n');
    write(d, 'b.md', `Examples are written as xoxb-… in docs, and placeholders like ${'xoxb-' + 'your-token-here'} are not tokens.\n`);
    assert.equal(cli(d, ['scan']).status, 0);
    const j = cli(d, ['scan', '--format', 'json']);
    assert.equal(j.status, 0);
    assert.equal(j.stdout, '');
    const s = cli(d, ['scan', '--format', 'sarif']);
    assert.equal(s.status, 0);
    assert.deepEqual((JSON.parse(s.stdout) as { runs: { results: unknown[] }[] }).runs[0].results, []);
  });

  it('usage and I/O errors exit 2 with a one-line reason', () => {
    const d = tree();
    for (const args of [[], ['scan', 'no-such-folder'], ['scan', '--format', 'xml'], ['scan', '--bogus'], ['frobnicate'], ['scan', '--baseline', 'missing.json'], ['scan', '--max-file-size', 'huge'], ['scan', '--threads', '0']]) {
      const r = cli(d, args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^slack-token-guard: /);
      assert.equal(r.stdout, '');
    }
  });

  it('a token passed by mistake as an argument is masked in the error message', () => {
    const d = tree();
    for (const args of [['scan', BOT], [BOT], ['scan', '--format', BOT]]) {
      const r = cli(d, args);
      assert.equal(r.status, 2);
      assert.ok(!r.stderr.includes(BOT), `the token is not echoed (${args.length} arguments)`);
      assert.ok(r.stderr.includes(mask(BOT)), `its mask is (${args.length} arguments)`);
    }
  });

  it('--show-secrets prints tokens in full; without it nothing does, in any format or with --verbose', () => {
    const d = tree();
    for (const format of ['text', 'json', 'sarif']) {
      const masked = cli(d, ['scan', '--format', format, '--verbose']);
      assert.equal(masked.status, 1);
      assertNoSecrets(masked);
    }
    const text = cli(d, ['scan', '--show-secrets']);
    for (const t of ALL) assert.ok(text.stdout.includes(t), 'text shows the token');
    const json = jsonLines(cli(d, ['scan', '--format', 'json', '--show-secrets']).stdout);
    const secrets = new Set(json.map((r) => r.secret));
    assert.ok(secrets.size === new Set(ALL).size && ALL.every((t) => secrets.has(t)), 'JSON carries every token, and only those');
    const sarif = cli(d, ['scan', '--format', 'sarif', '--show-secrets']).stdout;
    assert.ok(sarif.includes(BOT));
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const d = tree();
    const r = cli(d, ['scan', '--format', 'json', '--output', 'report.jsonl']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(jsonLines(fs.readFileSync(path.join(d, 'report.jsonl'), 'utf8')).length, 6);
    assertNoSecrets(r);
    // The report being written is not scanned, even with full tokens in it from a previous run.
    for (let i = 0; i < 2; i++) cli(d, ['scan', '--format', 'json', '--show-secrets', '--output', 'report.jsonl']);
    assert.equal(jsonLines(fs.readFileSync(path.join(d, 'report.jsonl'), 'utf8')).length, 6);
  });

  it('respects nested .gitignore files with negations, and always skips .git', () => {
    const d = folder();
    fs.mkdirSync(path.join(d, '.git'));
    write(d, '.git/config', `url = ${HOOK}\n`);
    write(d, '.gitignore', 'build/\n*.log\n');
    write(d, 'build/out.js', `x="${BOT}"\n`);
    write(d, 'debug.log', `${BOT}\n`);
    write(d, 'pkg/.gitignore', 'secret.txt\n!keep.log\n');
    write(d, 'pkg/secret.txt', `${USER}\n`);
    write(d, 'pkg/keep.log', `${APP}\n`);
    write(d, 'pkg/ok.ts', `t = "${LEGACY_BOT}"\n`);
    write(d, 'node_modules/dep/index.js', `t = "${BOT}"\n`);
    const files = (args: string[]) => jsonLines(cli(d, ['scan', '--format', 'json', ...args]).stdout).map((r) => r.file);
    assert.deepEqual(files([]), ['node_modules/dep/index.js', 'pkg/keep.log', 'pkg/ok.ts']);
    // A file named on the command line is scanned even when git ignores it.
    assert.deepEqual(files(['debug.log']), ['debug.log']);
    // Scanning a subfolder still honours the repository root's .gitignore.
    assert.deepEqual(files(['pkg']), ['pkg/keep.log', 'pkg/ok.ts']);
    assert.deepEqual(files(['--no-gitignore']), ['build/out.js', 'debug.log', 'node_modules/dep/index.js', 'pkg/keep.log', 'pkg/ok.ts', 'pkg/secret.txt']);
  });

  it('respects .slack-token-guard-ignore: path patterns and fingerprints', () => {
    const d = tree();
    const before = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    const hookFp = before.find((r) => r.kind === 'webhook')?.fingerprint as string;
    const botFp = before.find((r) => r.kind === 'bot')?.fingerprint as string;
    write(d, '.slack-token-guard-ignore', `# accepted\nnotes/\n${hookFp}\n`);
    const after = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    assert.deepEqual(
      after.map((r) => `${r.file} ${r.kind}`),
      ['config/.env app', 'src/app.ts bot', 'src/app.ts user'],
    );
    // A fingerprint in a nested ignore file applies below that folder only.
    write(d, 'src/.slack-token-guard-ignore', `${botFp}\n`);
    write(d, 'other/x.py', `T = "${BOT}"\n`);
    const nested = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    assert.deepEqual(
      nested.map((r) => `${r.file} ${r.kind}`),
      ['config/.env app', 'other/x.py bot', 'src/app.ts user'],
    );
    // The tool's own path patterns apply to files named on the command line too (pre-commit hooks).
    assert.equal(cli(d, ['scan', 'notes/readme.md']).status, 0);
    assert.match(cli(d, ['scan']).stderr, /ignored by \.slack-token-guard-ignore/);
  });

  it('honours slack-token-guard:ignore comments unless --no-inline-ignore', () => {
    const d = folder();
    write(d, 'a.py', `A = "${BOT}"  # slack-token-guard:ignore\nB = "${USER}"\n`);
    assert.deepEqual(jsonLines(cli(d, ['scan', '--format', 'json']).stdout).map((r) => r.kind), ['user']);
    assert.deepEqual(jsonLines(cli(d, ['scan', '--format', 'json', '--no-inline-ignore']).stdout).map((r) => r.kind), ['bot', 'user']);
  });

  it('skips binary files and files over --max-file-size (noted with --verbose)', () => {
    const d = folder();
    write(d, 'image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(` ${BOT} `)]));
    write(d, 'big.txt', `${'x'.repeat(3000)}\n${USER}\n`);
    write(d, 'small.txt', `${APP}\n`);
    const r = cli(d, ['scan', '--format', 'json', '--max-file-size', '2k', '--verbose']);
    assert.deepEqual(jsonLines(r.stdout).map((x) => x.file), ['small.txt']);
    assert.match(r.stderr, /skipped \(binary\): image\.png/);
    assert.match(r.stderr, /skipped \(.*over --max-file-size.*\): big\.txt/);
    assert.deepEqual(jsonLines(cli(d, ['scan', '--format', 'json']).stdout).map((x) => x.file), ['big.txt', 'small.txt']);
  });

  it('reads UTF-8 with a BOM and UTF-16 files with the editor columns', () => {
    const d = folder();
    write(d, 'bom8.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`k=${BOT}\n`)]));
    write(d, 'bom16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`k=${BOT}\n`, 'utf16le')]));
    const rows = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    assert.deepEqual(
      rows.map((r) => [r.file, r.line, r.column]),
      [
        ['bom16.txt', 1, 3],
        ['bom8.txt', 1, 3],
      ],
    );
  });

  it('reads standard input for "-"', () => {
    const d = folder();
    const r = cli(d, ['scan', '-', '--format', 'json'], `line one\nexport SLACK_BOT_TOKEN=${BOT}\n`);
    assert.equal(r.status, 1, r.stderr);
    const rows = jsonLines(r.stdout);
    assert.deepEqual(rows.map((x) => [x.file, x.line, x.column, x.kind]), [['<stdin>', 2, 24, 'bot']]);
    const named = jsonLines(cli(d, ['scan', '-', '--stdin-filename', 'deploy/.env', '--format', 'json'], `${APP}\n`).stdout);
    assert.equal(named[0].file, 'deploy/.env');
    assert.equal(cli(d, ['scan', '-'], 'nothing here\n').status, 0);
    assertNoSecrets(r);
  });

  it('writes a baseline without tokens, then reports only new findings against it', () => {
    const d = tree();
    const w = cli(d, ['scan', '--write-baseline', 'baseline.json']);
    assert.equal(w.status, 0, w.stderr);
    const text = fs.readFileSync(path.join(d, 'baseline.json'), 'utf8');
    for (const t of ALL) assert.ok(!text.includes(t), 'the baseline holds no token');
    assert.ok(!text.includes('…'), 'nor a masked form');
    const base = JSON.parse(text) as { findings: { fingerprint: string; file: string; line: number; kind: string }[] };
    assert.equal(base.findings.length, 6);
    assert.deepEqual(Object.keys(base.findings[0]).sort(), ['file', 'fingerprint', 'kind', 'line']);
    assert.equal(cli(d, ['scan', '--baseline', 'baseline.json']).status, 0);
    const fresh = gen.token('client');
    write(d, 'src/new.js', `const c = "${fresh}";\n`);
    const r = cli(d, ['scan', '--baseline', 'baseline.json', '--format', 'json']);
    assert.equal(r.status, 1);
    assert.deepEqual(jsonLines(r.stdout).map((x) => `${x.file} ${x.kind}`), ['src/new.js client']);
    // A plain list of fingerprints works as a baseline too.
    fs.writeFileSync(path.join(d, 'list.txt'), base.findings.map((f) => f.fingerprint).join('\n') + '\n');
    assert.equal(jsonLines(cli(d, ['scan', '--baseline', 'list.txt', '--format', 'json']).stdout).length, 1);
    assertNoSecrets(r, [...ALL, fresh]);
  });

  it('does not follow symbolic links (no loops, nothing outside the tree)', () => {
    const d = folder();
    const outside = folder();
    write(outside, 'leak.txt', `${BOT}\n`);
    write(d, 'inside.txt', `${USER}\n`);
    fs.symlinkSync(outside, path.join(d, 'out-link'), 'dir');
    fs.symlinkSync(d, path.join(d, 'loop'), 'dir');
    fs.symlinkSync(path.join(d, 'inside.txt'), path.join(d, 'again.txt'));
    const r = cli(d, ['scan', '--format', 'json']);
    assert.deepEqual(jsonLines(r.stdout).map((x) => x.file), ['inside.txt']);
  });

  it('gives identical output with the worker pool and on one thread, on a tree big enough for workers', () => {
    const d = folder();
    const g = new TokenGenerator(99);
    const kinds = ['bot', 'user', 'app', 'webhook', 'bot-legacy', 'client', 'trigger'] as const;
    const filler = 'lorem ipsum dolor sit amet, consectetur adipiscing elit; const value = compute(42);\n';
    // About 6 MB in 300 files over nested folders: above the automatic threshold for workers.
    for (let i = 0; i < 300; i++) {
      const lines: string[] = [];
      for (let j = 0; j < 240; j++) lines.push(j % 60 === 7 ? `token_${j} = "${g.token(kinds[(i + j) % kinds.length])}"\n` : filler);
      write(d, `pkg${i % 7}/mod${i % 5}/file${i}.${['js', 'py', 'yaml', 'env', 'md'][i % 5]}`, lines.join(''));
    }
    const one = cli(d, ['scan', '--format', 'json', '--threads', '1']);
    const two = cli(d, ['scan', '--format', 'json', '--threads', '2', '--verbose']);
    const auto = cli(d, ['scan', '--format', 'json']);
    assert.equal(one.status, 1);
    assert.match(two.stderr, /scanning on 2 threads: the main thread and 1 worker/);
    assert.equal(jsonLines(one.stdout).length, 1200);
    assert.equal(two.stdout, one.stdout);
    assert.equal(auto.stdout, one.stdout);
    const sarifOne = cli(d, ['scan', '--format', 'sarif', '--threads', '1']).stdout;
    const three = cli(d, ['scan', '--format', 'sarif', '--threads', '3', '--verbose']);
    assert.match(three.stderr, /on workers/);
    assert.equal(three.stdout, sarifOne);
  });
});
