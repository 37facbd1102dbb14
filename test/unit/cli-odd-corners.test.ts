// The CLI's odd corners: credentials in file and folder names, control characters in names,
// FIFOs, sockets and devices, and SARIF levels that match the editor's severities.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { KINDS } from '../../src/core/detect';
import { mask } from '../../src/core/redact';
import { DEFAULT_SEVERITY, severityClass } from '../../src/core/severity';
import { cli, CLI, ensureBuilt, jsonLines, write, type Run } from '../support/cli-run';
import { TokenGenerator } from '../support/token-gen';

/** Every %XX escape decoded byte by byte (tails are ASCII), so a token cannot hide in a URI's encoding. */
const percentDecoded = (s: string) => s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('CLI: odd corners (names, special files, levels)', function () {
  this.timeout(60000);
  const gen = new TokenGenerator(4242);
  const BOT = gen.token('bot');
  const NAMED = gen.token('bot');
  const FOLDER = gen.token('user');
  let tmp: string;
  let n = 0;
  const folder = () => fs.mkdtempSync(path.join(tmp, `o${n++}-`));
  const tail = (t: string) => t.slice(-12);
  const assertClean = (r: Run, tokens: string[]) => {
    for (const t of tokens) {
      // The messages name the stream, not its text: on a failure the text holds the token.
      assert.ok(!r.stdout.includes(tail(t)), 'a token from a name reached stdout');
      assert.ok(!r.stderr.includes(tail(t)), 'a token from a name reached stderr');
    }
  };

  before(function () {
    this.timeout(120000);
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-cli-odd-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A tree where a folder's name and a file's name hold tokens, and the file's content one more. */
  function namedTree(): string {
    const d = folder();
    write(d, `cfg-${FOLDER}/token-${NAMED}.txt`, `const t = "${BOT}";\n`);
    write(d, `cfg-${FOLDER}/other.txt`, 'nothing here\n');
    return d;
  }

  it('masks a token in a file or folder name in text, JSON and SARIF, and reports each name once as a finding', () => {
    const d = namedTree();
    const text = cli(d, ['scan', '--verbose']);
    assert.equal(text.status, 1, text.stderr);
    assertClean(text, [NAMED, FOLDER]);
    const lines = text.stdout.trim().split('\n');
    const dir = `cfg-${mask(FOLDER)}`;
    const file = `${dir}/token-${mask(NAMED)}.txt`;
    assert.deepEqual(lines, [`${dir}: user ${mask(FOLDER)} (in the file name)`, `${file}: bot ${mask(NAMED)} (in the file name)`, `${file}:1:12 bot ${mask(BOT)}`]);
    assert.match(text.stderr, /3 Slack credentials in 2 files/);

    const json = cli(d, ['scan', '--format', 'json']);
    assertClean(json, [NAMED, FOLDER]);
    const objs = jsonLines(json.stdout);
    assert.deepEqual(
      objs.map((o) => [o.file, o.line, o.inName ?? false, o.masked]),
      [
        [dir, 0, true, mask(FOLDER)],
        [file, 0, true, mask(NAMED)],
        [file, 1, false, mask(BOT)],
      ],
    );

    const sarifRun = cli(d, ['scan', '--format', 'sarif']);
    assertClean(sarifRun, [NAMED, FOLDER]);
    assert.ok(!percentDecoded(sarifRun.stdout).includes(tail(NAMED)), 'not even percent-encoded');
    const sarif = JSON.parse(sarifRun.stdout) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[] }[] };
    const results = sarif.runs[0].results;
    assert.equal(results.length, 3);
    assert.equal(results[0].locations[0].physicalLocation.region, undefined, 'a name finding has no region');
    assert.match(results[1].message.text, /in the file name/);
    assert.ok(results[2].locations[0].physicalLocation.region, 'a content finding keeps its region');
  });

  it('masks names given on the command line, in the baseline, and in SARIF URIs outside the current folder', () => {
    const d = namedTree();
    const base = path.join(folder(), 'baseline.json');
    const w = cli(d, ['scan', '--write-baseline', base]);
    assert.equal(w.status, 0, w.stderr);
    assertClean(w, [NAMED, FOLDER]);
    const baseline = fs.readFileSync(base, 'utf8');
    assert.ok(!baseline.includes(tail(NAMED)) && !baseline.includes(tail(FOLDER)), 'no token from a name in the baseline');
    assert.equal((JSON.parse(baseline) as { findings: unknown[] }).findings.length, 3, 'the name findings are in the baseline too');
    const again = cli(d, ['scan', '--baseline', base]);
    assert.equal(again.status, 0, 'names in the baseline are accepted on the next run');

    // From another folder the SARIF URI is absolute: the token in it is masked as well.
    const elsewhere = folder();
    const abs = path.join(d, `cfg-${FOLDER}`);
    const s = cli(elsewhere, ['scan', '--format', 'sarif', abs]);
    assertClean(s, [NAMED, FOLDER]);
    assert.ok(!percentDecoded(s.stdout).includes(tail(FOLDER)));
    // A missing path named on the command line is masked in the error.
    const missing = cli(d, ['scan', `nope-${NAMED}`]);
    assert.equal(missing.status, 2);
    assertClean(missing, [NAMED]);
  });

  it('escapes control characters in file names in text output and on stderr', () => {
    const d = folder();
    // Linux file systems allow every character but '/' and NUL in a name.
    const evil = 'a\x1b[2J\x1b]0;pwned\x07\rb\u202ec\x9bd.txt';
    write(d, evil, `x = "${BOT}"\n`);
    const r = cli(d, ['scan', '--verbose']);
    assert.equal(r.status, 1, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/.test(r.stdout), `raw control characters in stdout: ${JSON.stringify(r.stdout)}`);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/.test(r.stderr), 'raw control characters in stderr');
    assert.equal(r.stdout.trim(), `a\\x1b[2J\\x1b]0;pwned\\x07\\x0db\\u202ec\\x9bd.txt:1:6 bot ${mask(BOT)}`);
    // JSON keeps the real name (escaped by JSON itself), so tools can open the file.
    const j = jsonLines(cli(d, ['scan', '--format', 'json']).stdout);
    assert.equal(j[0].file, evil);
  });

  it('never blocks on a FIFO, a socket or a device, named on the command line or met in a walk', async () => {
    const d = folder();
    write(d, 'real.txt', `x = "${BOT}"\n`);
    const fifo = path.join(d, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo made the FIFO');
    const sock = path.join(d, 'sock');
    const server = net.createServer().listen(sock);
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      // spawnSync with a timeout: before the fix, open() on the FIFO waited for a writer forever.
      const run = (args: string[]) => {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: d, encoding: 'utf8', timeout: 20000, env: { ...process.env, NO_COLOR: '' } });
        assert.equal(r.signal, null, `${args.join(' ')}: the CLI hung on a special file`);
        return r;
      };
      const walked = run(['scan', '--verbose', '.']);
      assert.equal(walked.status, 1, walked.stderr);
      assert.match(walked.stdout, /^real\.txt:1:6 bot /);
      assert.match(walked.stderr, /skipped \(not a regular file\): pipe/);
      const named = run(['scan', 'pipe', 'sock', '/dev/zero', 'real.txt']);
      assert.equal(named.status, 1, named.stderr);
      assert.match(named.stdout, /^real\.txt:1:6 bot /);
      for (const name of ['pipe', 'sock', '/dev/zero']) assert.ok(named.stderr.includes(`skipped (not a regular file): ${name}`), named.stderr);
    } finally {
      server.close();
    }
  });

  it('the built CLI makes no requests at all: no HTTP, HTTPS or fetch in its bundle, so no token can reach a URL', () => {
    const bundle = fs.readFileSync(CLI, 'utf8');
    for (const needle of ['require("http")', 'require("https")', 'require("node:http")', 'require("node:https")', 'fetch(', 'XMLHttpRequest', 'WebSocket']) {
      assert.ok(!bundle.includes(needle), `dist/cli.js contains ${needle}`);
    }
  });

  it('SARIF levels follow the severities the Problems panel shows by default', () => {
    const d = folder();
    const kinds = ['bot', 'user', 'bot-legacy', 'webhook', 'app'] as const;
    const toks = kinds.map((k) => gen.token(k));
    write(d, 'a.txt', toks.map((t) => `v = "${t}"`).join('\n') + '\n');
    const sarif = JSON.parse(cli(d, ['scan', '--format', 'sarif']).stdout) as {
      runs: { tool: { driver: { rules: { properties: { kind: string }; defaultConfiguration: { level: string } }[] } }; results: { properties: { kind: string; confidence: string; legacy: boolean }; level: string }[] }[];
    };
    const level = (s: string) => (s === 'information' ? 'note' : s);
    const results = sarif.runs[0].results;
    assert.equal(results.length, kinds.length);
    for (const r of results) {
      const k = r.properties.kind as keyof typeof KINDS;
      assert.equal(r.level, level(DEFAULT_SEVERITY[severityClass({ kind: k, confidence: KINDS[k].confidence, legacy: KINDS[k].legacy })]), k);
    }
    // A user token acts as a person: an error in Problems, so an error in SARIF (it was "error" by confidence too);
    // a bot token is a warning in Problems and now in SARIF (it was "error" because its confidence is high).
    const byKind = new Map(results.map((r) => [r.properties.kind, r.level]));
    assert.equal(byKind.get('user'), 'error');
    assert.equal(byKind.get('bot'), 'warning');
    assert.equal(byKind.get('bot-legacy'), 'error');
    for (const rule of sarif.runs[0].tool.driver.rules) {
      const k = rule.properties.kind as keyof typeof KINDS;
      assert.equal(rule.defaultConfiguration.level, level(DEFAULT_SEVERITY[severityClass({ kind: k, confidence: KINDS[k].confidence, legacy: KINDS[k].legacy })]), k);
    }
  });
});
