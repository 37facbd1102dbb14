#!/usr/bin/env node
// `npm run bench`: the detector and the CLI against the floor any Node scanner has to pay.
//
// 1. Builds (tsc -p . for out/, node esbuild.js for dist/cli.js) unless --no-build.
// 2. Writes a seeded corpus (>= 100 MB, many file types) to a temporary folder: test/support/corpus
//    (compiled to out/test/support/corpus.js, generateCorpus) when present, else the generator below.
// 3. Prints, from the same run: the CLI's MB/s over the corpus; the floor, a minimal "walk + read +
//    one combined regular expression of all prefixes" script; the detector's MB/s in-process against
//    the same regex in-process; an edited line rescanned through IncrementalScan in a 10 MB file;
//    hostile inputs at two sizes (linear means time ratio ≈ size ratio).
// 4. Runs every sub-bench in scripts/bench/*.mjs (other parts of the project add theirs there, e.g.
//    the editor's "edit -> diagnostics in a 10 MB document") and prints their output.
// Timings are reported, never asserted: the bench does not fail on a slow machine.
//
// Options: --no-build, --size MB (corpus size, default 100), --keep (keep the temp folder),
//          --quick (smaller corpus and fewer repetitions, for a smoke run), --no-sub (skip scripts/bench/*.mjs),
//          --compare-cli FILE (also time another build of dist/cli.js, e.g. one built from main, in the
//          same runs, alternated with this one: a before/after under the same machine load).
//          --repeat N (runs of each child process, default 3; the best counts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : dflt;
};
const QUICK = flag('--quick');
const CORPUS_MB = option('--size', QUICK ? 20 : 100);
const REPEAT = option('--repeat', QUICK ? 1 : 3);
const COMPARE_CLI = (() => {
  const i = argv.indexOf('--compare-cli');
  return i >= 0 && argv[i + 1] !== undefined ? path.resolve(argv[i + 1]) : undefined;
})();
const MB = 1024 * 1024;

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms, wall clock
/**
 * CPU time (ms) of this process. In-process figures use it: on a machine busy with other work, wall
 * time also counts the time the scheduler gave to others, CPU time only ours (for single-threaded
 * work it equals wall time on an idle machine). Child processes (CLI, floor script) use wall time.
 */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Benchmarks report the best of their repetitions: other work on the machine only ever adds time. */
const best = (xs) => Math.min(...xs);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const log = (s = '') => process.stdout.write(s + '\n');

// ---------------------------------------------------------------------------------------------
// Build
function build() {
  if (flag('--no-build')) return;
  log('building: tsc -p . (out/) and node esbuild.js (dist/) …');
  // Type errors elsewhere in a half-finished tree must not stop the bench: tsc still emits.
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { cwd: ROOT, stdio: 'ignore' });
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`bench: node esbuild.js failed\n${r.stderr}${r.stdout}`);
    process.exit(2);
  }
}
build();

const CLI = path.join(ROOT, 'dist', 'cli.js');
const detect = require(path.join(ROOT, 'out/src/core/detect/index.js'));
const migrate = require(path.join(ROOT, 'out/src/core/migrate/index.js'));
const { TokenGenerator, PREFIX } = require(path.join(ROOT, 'out/test/support/token-gen.js'));

/**
 * The floor: one combined regular expression of every token prefix and webhook host, plus the
 * "secret" of key names such as SLACK_SIGNING_SECRET (signing/client secrets have no prefix).
 */
const FLOOR_SOURCE = String.raw`xox[abceoprsd]-|xoxe\.xox[bp]-|xapp-|xwfp-|hooks\.slack(?:-gov)?\.com/|[Ss]ecret|SECRET`;
/**
 * Credentials and hard negatives per 1,000 lines in the corpus. corpus.ts defaults to 8 and 12 for
 * the recall tests; real repositories hold far fewer, so the speed corpus uses 1 and 2 (still
 * about one credential per 40 KB, and every file holds at least one).
 */
const TOKEN_RATE = 1;
const NEGATIVE_RATE = 2;

// ---------------------------------------------------------------------------------------------
// Corpus
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-bench-'));
const corpusDir = path.join(tmp, 'corpus');
let cleaned = false;
function cleanup() {
  if (cleaned || flag('--keep')) return;
  cleaned = true;
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

/** A seeded corpus of many file types; returns { files, bytes, tokens }. Writes as it goes. */
function builtInCorpus(dir, targetBytes, seed) {
  const gen = new TokenGenerator(seed);
  const r = gen.rng;
  const kinds = ['bot', 'bot-legacy', 'user', 'user-short', 'legacy-session', 'client', 'cookie', 'app', 'config-access', 'config-refresh', 'workspace', 'webhook', 'webhook-gov', 'workflow-webhook', 'trigger'];
  const words = 'const let value token client config request response user channel message error result handler server options data items index count slack api auth header payload event team bot workspace retry timeout'.split(' ');
  const cjk = ['設定', '鍵', 'トークン', '频道', '메시지', 'ünïcödé', 'émoji 🔑', '🚀'];
  const negatives = [
    () => `${PREFIX.bot}your-token-here`,
    () => `${PREFIX.bot}XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX`,
    () => `${PREFIX.user}\${SLACK_TOKEN}`,
    () => `${PREFIX.bot}****`,
    () => `${PREFIX.hooks}services/T00000000/B00000000/${'X'.repeat(24)}`,
    () => `${PREFIX.bot}…`,
    () => `my${PREFIX.bot}thing`,
    () => `${PREFIX.app}1-A0000000000-0000000000000-${'0'.repeat(64)}`,
  ];
  const word = () => r.pick(words);
  const ident = () => word() + word()[0].toUpperCase() + word().slice(1);
  const sentence = (n) => Array.from({ length: n }, word).join(' ');
  let tokens = 0;
  let negativesPlanted = 0;
  /** With chance p a real token, with chance p a hard negative, else the fallback text. */
  const tok = (p, fallback) => {
    if (r.next() < p) {
      tokens++;
      return gen.token(r.pick(kinds));
    }
    if (r.next() < p) {
      negativesPlanted++;
      return r.pick(negatives)();
    }
    return fallback;
  };
  const P = 0.004; // chance per line of a token, and again of a hard negative
  const types = {
    js: () => `export function ${ident()}(${word()}, ${word()}) { return ${word()}.${ident()}("${tok(P, sentence(3))}", ${r.int(0, 9999)}); }`,
    ts: () => `  private readonly ${ident()}: Map<string, ${ident()}> = new Map(); // ${r.next() < 0.05 ? r.pick(cjk) : sentence(4)} ${tok(P, '')}`,
    py: () => `    ${word()}_${word()} = os.environ.get("${word().toUpperCase()}", "${tok(P, sentence(2))}")  # ${sentence(5)}`,
    go: () => `\t${word()} := ${word()}.${ident()}(ctx, "${tok(P, ident())}", ${r.int(0, 100)})`,
    yaml: () => `  ${word()}_${word()}: "${tok(P, sentence(3))}"`,
    env: () => `${word().toUpperCase()}_${word().toUpperCase()}=${tok(P * 4, word() + r.int(0, 1e6))}`,
    md: () => `${r.next() < 0.1 ? '## ' : ''}${sentence(r.int(5, 16))} ${r.next() < 0.05 ? r.pick(cjk) : ''} ${tok(P, '')}`,
    json: () => `  "${ident()}": { "${word()}": "${tok(P, sentence(2))}", "n": ${r.int(0, 1e6)} },`,
    ipynb: () => `    "    ${word()} = client.${ident()}(token=\\"${tok(P, word())}\\")\\n",`,
    sh: () => `curl -s -H "Authorization: Bearer ${tok(P, '$TOKEN')}" https://slack.com/api/${word()}.${word()}`,
  };
  const names = Object.keys(types);
  let bytes = 0;
  let files = 0;
  while (bytes < targetBytes) {
    const type = r.pick(names);
    const crlf = r.next() < 0.1;
    const sub = path.join(dir, `pkg${r.int(0, 19)}`, `mod${r.int(0, 9)}`);
    fs.mkdirSync(sub, { recursive: true });
    let text;
    if (files % 97 === 13) {
      // A minified bundle: one very long line.
      const parts = [];
      const size = r.int(512 * 1024, 2 * MB);
      for (let n = 0; n < size; ) {
        const p = `function ${ident()}(a,b){return a.${word()}("${tok(P / 4, word())}",b)}`;
        parts.push(p);
        n += p.length;
      }
      text = parts.join(';');
    } else {
      const lines = [];
      const size = r.int(2 * 1024, 60 * 1024);
      for (let n = 0; n < size; ) {
        const l = types[type]();
        lines.push(l);
        n += l.length + 1;
      }
      text = lines.join(crlf ? '\r\n' : '\n') + '\n';
    }
    const ext = files % 97 === 13 ? 'min.js' : type;
    const buf = Buffer.from(text);
    fs.writeFileSync(path.join(sub, `f${files}.${ext}`), buf);
    bytes += buf.length;
    files++;
  }
  return { files, bytes, tokens, negatives: negativesPlanted, source: 'scripts/bench.mjs (built-in seeded generator)' };
}

/** test/support/corpus.ts: realistic files of 15 types (code, configs, notebooks, minified, CRLF, non-ASCII). */
function sharedCorpus(m, dir, targetBytes, seed) {
  const files = Math.ceil(targetBytes / (24 * 1024));
  const made = new Set();
  let bytes = 0;
  let tokens = 0;
  let n = 0;
  for (const f of m.generateCorpus({ seed, files, targetBytes, tokenRate: TOKEN_RATE, negativeRate: NEGATIVE_RATE })) {
    const p = path.join(dir, f.path);
    const d = path.dirname(p);
    if (!made.has(d)) {
      fs.mkdirSync(d, { recursive: true });
      made.add(d);
    }
    const buf = Buffer.from(f.content);
    fs.writeFileSync(p, buf);
    bytes += buf.length;
    tokens += f.expected.length;
    n++;
  }
  return { files: n, bytes, tokens, source: `test/support/corpus.ts (generateCorpus, seed ${seed}, ${TOKEN_RATE} credential and ${NEGATIVE_RATE} hard negatives per 1,000 lines)` };
}

function makeCorpus() {
  const target = CORPUS_MB * MB;
  fs.mkdirSync(corpusDir, { recursive: true });
  const corpusModule = path.join(ROOT, 'out/test/support/corpus.js');
  if (fs.existsSync(corpusModule)) {
    const m = require(corpusModule);
    if (typeof m.generateCorpus === 'function') return sharedCorpus(m, corpusDir, target, 42);
  }
  return builtInCorpus(corpusDir, target, 42);
}

/** Every file of the corpus in walk order (sorted names, depth first), like the CLI. */
function listFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Preloaded into children: writes the process's CPU time (all its threads) to a file at exit. */
const CPU_PRELOAD = `
if (require('node:worker_threads').isMainThread) process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.STG_BENCH_CPU_FILE, String((u.user + u.system) / 1000));
});
`;

/** Wall and CPU time (ms) of a child process with stdout to /dev/null; `okStatus` lists accepted exit codes. */
function timeChild(args, okStatus = [0]) {
  const devnull = fs.openSync(os.devNull, 'w');
  const cpuFile = path.join(tmp, 'cpu.txt');
  const preload = path.join(tmp, 'cpu-preload.js');
  if (!fs.existsSync(preload)) fs.writeFileSync(preload, CPU_PRELOAD);
  try {
    const t0 = now();
    const r = spawnSync(process.execPath, ['--require', preload, ...args], {
      stdio: ['ignore', devnull, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, STG_BENCH_CPU_FILE: cpuFile },
    });
    const wall = now() - t0;
    if (!okStatus.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return { wall, cpu: Number(fs.readFileSync(cpuFile, 'utf8')) };
  } finally {
    fs.closeSync(devnull);
  }
}

/** Best wall and best CPU time over runs. */
const bestRun = (runs) => ({ wall: best(runs.map((r) => r.wall)), cpu: best(runs.map((r) => r.cpu)) });

const FLOOR_SCRIPT = `
const fs = require('fs'), path = require('path');
const re = new RegExp(${JSON.stringify(FLOOR_SOURCE)}, 'g');
let hits = 0;
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) {
      const t = fs.readFileSync(p).toString('utf8');
      re.lastIndex = 0;
      while (re.exec(t)) hits++;
    }
  }
}
walk(process.argv[2]);
process.stdout.write(hits + '\\n');
`;

function inProcess(texts, fn, reps) {
  const times = [];
  let result;
  for (let i = 0; i < reps; i++) {
    const t0 = cpuNow();
    result = fn(texts);
    times.push(cpuNow() - t0);
  }
  return { ms: best(times), result };
}

const scanAll = (texts) => {
  let n = 0;
  for (const t of texts) n += detect.scanText(t).length;
  return n;
};
const floorAll = (texts) => {
  const re = new RegExp(FLOOR_SOURCE, 'g');
  let n = 0;
  for (const t of texts) {
    re.lastIndex = 0;
    while (re.exec(t)) n++;
  }
  return n;
};

/** A 10 MB code-like document and a series of one-line edits through IncrementalScan. */
function incrementalBench(edits) {
  const gen = new TokenGenerator(7);
  const r = gen.rng;
  const lines = [];
  let size = 0;
  while (size < 10 * MB) {
    const l = r.next() < 0.002 ? `const t${lines.length} = "${gen.token('bot')}";` : `  const value${lines.length} = compute(${r.int(0, 1e6)}, "some text here"); // comment`;
    lines.push(l);
    size += l.length + 1;
  }
  let text = lines.join('\n');
  const scan = new detect.IncrementalScan(text);
  const times = [];
  let mismatches = 0;
  for (let i = 0; i < edits; i++) {
    // Replace a random span on a random line: half the edits type a token, half ordinary text.
    const at = r.int(0, text.length - 100);
    const insert = i % 2 ? `"${gen.token(r.pick(['bot', 'user', 'app', 'webhook']))}"` : String.fromCharCode(97 + (i % 26));
    const rangeLength = r.int(0, 3);
    const newText = text.slice(0, at) + insert + text.slice(at + rangeLength);
    newText.charCodeAt(newText.length >> 1); // flatten the rope outside the timed region, as an editor's getText() is
    newText.indexOf('\u0000');
    const t0 = cpuNow();
    const found = scan.update(newText, [{ rangeOffset: at, rangeLength, text: insert }]);
    times.push(cpuNow() - t0);
    if (i % 25 === 0 && JSON.stringify(found) !== JSON.stringify(detect.scanText(newText))) mismatches++;
    text = newText;
  }
  const t0 = cpuNow();
  detect.scanText(text);
  const full = cpuNow() - t0;
  return { median: median(times), p95: pct(times, 95), max: Math.max(...times), full, mismatches, edits };
}

/** Hostile inputs: each a function of the size in bytes. */
const HOSTILE = {
  'xoxb- repeats': (n) => PREFIX.bot.repeat(Math.ceil(n / PREFIX.bot.length)).slice(0, n),
  'one long line (minified, near misses)': (n) => {
    const gen = new TokenGenerator(3);
    const near = `var a=b.c("${PREFIX.bot}12345678901-${'Ab1'.repeat(4)}"),d=e("${PREFIX.user}1234-5678-",f);function g(h){return h.map(function(i){return i*2})}`;
    const parts = [];
    for (let len = 0, k = 0; len < n; k++) {
      const p = k % 50 === 49 ? `x=${JSON.stringify(gen.token('bot'))};` : near;
      parts.push(p);
      len += p.length;
    }
    return parts.join('').slice(0, n);
  },
  'endless digit run after a prefix': (n) => PREFIX.user + '1'.repeat(n - PREFIX.user.length),
  'digit groups and dashes': (n) => (PREFIX.bot + '12345678901-').padEnd(n, '1234567890-'),
  'prefix fragments (xox, xapp-, hooks…)': (n) => `xox xoxe.xox ${PREFIX.app}1-A ${PREFIX.hooks}services/T `.repeat(Math.ceil(n / 60)).slice(0, n),
  // Issue 13: the split and base64 forms on input built to make them work hard.
  'one long base64 run (encoded xox…)': (n) => 'eG94'.repeat(Math.ceil(n / 4)).slice(0, n),
  'short base64 runs of an encoded prefix': (n) => 'eG94Yi0x '.repeat(Math.ceil(n / 9)).slice(0, n),
  'base64 of a webhook host, repeated': (n) => Buffer.from('https://hooks.slack.com/services/'.repeat(Math.ceil((n * 3) / 4 / 33))).toString('base64').slice(0, n),
  'millions of "xoxb-" + fragments': (n) => `"${PREFIX.bot}" + `.repeat(Math.ceil(n / 10)).slice(0, n),
  'a deep concatenation chain': (n) => (`"${PREFIX.bot}"` + ' + "1"'.repeat(Math.ceil(n / 6))).slice(0, n),
};

/** Best time (ms) of fn(): at least twice, and again until 400 ms were spent (fast inputs are noisy). */
function bestOf(fn) {
  const times = [];
  let spent = 0;
  while (times.length < 2 || (spent < 400 && times.length < 10)) {
    const t0 = cpuNow();
    fn();
    const dt = cpuNow() - t0;
    times.push(dt);
    spent += dt;
  }
  return best(times);
}

function hostileBench(small, large) {
  const rows = [];
  for (const [name, make] of Object.entries(HOSTILE)) {
    const a = make(small);
    const b = make(large);
    detect.scanText(make(1 << 16)); // warm up
    const ta = bestOf(() => detect.scanText(a));
    const tb = bestOf(() => detect.scanText(b));
    rows.push({ name, ta, tb, mbs: large / MB / (tb / 1000), ratio: tb / ta });
  }
  return rows;
}

function subBenches() {
  const dir = path.join(ROOT, 'scripts', 'bench');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
}

// ---------------------------------------------------------------------------------------------
function main() {
  const results = { date: new Date().toISOString(), node: process.version, cpus: os.availableParallelism() };
  log(`Slack Token Guard bench — Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'cpu'})`);
  const t0 = now();
  const corpus = makeCorpus();
  const files = listFiles(corpusDir);
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  results.corpus = { files: files.length, bytes, source: corpus.source };
  log(`corpus: ${files.length} files, ${fmt(bytes / MB)} MB, from ${corpus.source} (${fmt((now() - t0) / 1000)} s to write)`);
  const corpusMB = bytes / MB;

  // The CLI and the floor script, alternated so that machine noise hits both alike.
  const cliTimes = [];
  const floorTimes = [];
  const cliOneTimes = [];
  const manifestTimes = [];
  const compareTimes = [];
  const floorScript = path.join(tmp, 'floor.js');
  fs.writeFileSync(floorScript, FLOOR_SCRIPT);
  const check = spawnSync(process.execPath, [floorScript, corpusDir], { encoding: 'utf8' }); // also warms the page cache
  const floorScriptHits = Number(check.stdout.trim());
  for (let i = 0; i < REPEAT; i++) {
    floorTimes.push(timeChild([floorScript, corpusDir]));
    cliTimes.push(timeChild([CLI, 'scan', corpusDir, '--format', 'json'], [0, 1]));
    cliOneTimes.push(timeChild([CLI, 'scan', corpusDir, '--format', 'json', '--threads', '1'], [0, 1]));
    if (COMPARE_CLI) compareTimes.push(timeChild([COMPARE_CLI, 'scan', corpusDir, '--format', 'json', '--threads', '1'], [0, 1]));
    manifestTimes.push(timeChild([CLI, 'manifest', corpusDir, '--format', 'json'], [0, 1]));
  }
  const manifestRun = bestRun(manifestTimes);
  const cli = bestRun(cliTimes);
  const cliOne = bestRun(cliOneTimes);
  const floor = bestRun(floorTimes);
  const cliMs = cli.wall;
  const cliOneMs = cliOne.wall;
  const floorMs = floor.wall;

  // In-process: the same contents in memory.
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  scanAll(texts.slice(0, 50)); // warm up the JIT a little, as a long-running editor is
  const det = inProcess(texts, scanAll, REPEAT);
  const reg = inProcess(texts, floorAll, REPEAT);
  // The migration plan over the same texts (extraction, mapping and the manifest).
  const planInputs = texts.map((text, i) => ({ path: path.relative(corpusDir, files[i]), text }));
  migrate.planMigrationSync(planInputs.slice(0, 50));
  const plan = inProcess(planInputs, (inputs) => migrate.planMigrationSync(inputs).methods.length, REPEAT);
  planInputs.length = 0;
  texts.length = 0;

  const inc = incrementalBench(QUICK ? 100 : 400);
  const small = QUICK ? 2 * MB : 10 * MB;
  const large = QUICK ? 8 * MB : 40 * MB;
  const hostile = hostileBench(small, large);
  // "A 50 MB single line" as the issue puts it, through the CLI.
  const lineFile = path.join(tmp, 'one-line.txt');
  fs.writeFileSync(lineFile, HOSTILE['one long line (minified, near misses)'](QUICK ? 10 * MB : 50 * MB));
  const lineMB = fs.statSync(lineFile).size / MB;
  const lineRun = timeChild([CLI, 'scan', lineFile, '--format', 'json', '--max-file-size', '1G'], [0, 1]);
  const lineMs = lineRun.wall;

  // Issue 13's goal, in CPU time (the machine may be busy with other work; CPU time counts only ours):
  // the single-threaded CLI within 1.3× the floor script (least CPU time of the runs, bestRun).
  const cpuRatio = cliOne.cpu / floor.cpu;
  const compare = COMPARE_CLI ? bestRun(compareTimes) : undefined;
  results.cli = { wall: cli, oneThread: cliOne, floorScript: floor, ratio: cliMs / floorMs, wallGoal: 1.5, cpuRatioOneThread: cpuRatio, cpuGoal: 1.3, loadAverageAtStart: LOAD_AT_START };
  if (compare) results.cli.compare = { cli: COMPARE_CLI, oneThread: compare, cpuRatioOneThread: compare.cpu / floor.cpu };
  results.detector = { ms: det.ms, findings: det.result, regexMs: reg.ms, regexHits: reg.result, ratio: det.ms / reg.ms };
  results.migrationPlan = { cli: manifestRun, cliRatioToScanOneThread: manifestRun.wall / cliOneMs, inProcessMs: plan.ms, inProcessRatioToScan: plan.ms / det.ms, methods: plan.result };
  results.incremental = inc;
  results.hostile = hostile;
  results.cliLongLine = { mb: lineMB, ...lineRun };

  const row = (a, b, c, d, e = '') => log(`  ${a.padEnd(44)}${b.padStart(10)}${c.padStart(10)}${d.padStart(17)}${e.padStart(12)}`);
  log('');
  log(`corpus ${fmt(corpusMB)} MB`.padEnd(46) + 'time'.padStart(10) + 'MB/s'.padStart(10) + 'vs floor (goal)'.padStart(17) + 'CPU time'.padStart(12));
  row('floor: walk + read + one regex (script)', `${fmt(floorMs, 0)} ms`, fmt(corpusMB / (floorMs / 1000)), '1.00×', `${fmt(floor.cpu, 0)} ms`);
  row(`CLI scan --format json (auto, ${os.availableParallelism()} cores)`, `${fmt(cliMs, 0)} ms`, fmt(corpusMB / (cliMs / 1000)), `${fmt(cliMs / floorMs, 2)}× (≤ 1.5)`, `${fmt(cli.cpu, 0)} ms`);
  row('CLI scan --format json --threads 1', `${fmt(cliOneMs, 0)} ms`, fmt(corpusMB / (cliOneMs / 1000)), `${fmt(cliOneMs / floorMs, 2)}×`, `${fmt(cliOne.cpu, 0)} ms`);
  log(`  CLI/floor, CPU time, one thread (--threads 1): ${fmt(cliOne.cpu, 0)} ms vs ${fmt(floor.cpu, 0)} ms = ${fmt(cpuRatio, 2)}× (goal ≤ 1.30×: ${cpuRatio <= 1.3 ? 'met' : 'NOT met'})`);
  log(`  CLI/floor, wall time (auto, ${os.availableParallelism()} cores): ${fmt(cliMs, 0)} ms vs ${fmt(floorMs, 0)} ms = ${fmt(cliMs / floorMs, 2)}× (goal ≤ 1.50×: ${cliMs / floorMs <= 1.5 ? 'met' : 'NOT met'})`);
  if (compare) {
    log(`  compare build ${path.relative(ROOT, COMPARE_CLI) || COMPARE_CLI}, --threads 1, same runs: ${fmt(compare.cpu, 0)} ms CPU = ${fmt(compare.cpu / floor.cpu, 2)}× the floor; this build uses ${fmt(cliOne.cpu / compare.cpu, 2)}× its CPU time`);
  }
  log(`  (load average ${LOAD_AT_START} at the start of the bench on ${os.availableParallelism()} cores; CPU time counts only this work, wall time also others')`);
  log('  (CLI and script rows: wall time and, last column, CPU time of all their threads, best of runs;');
  log('   in-process rows: CPU time of this process)');
  row('floor in-process: one regex over memory', `${fmt(reg.ms, 0)} ms`, fmt(corpusMB / (reg.ms / 1000)), '1.00×');
  row('detector in-process: scanText over memory', `${fmt(det.ms, 0)} ms`, fmt(corpusMB / (det.ms / 1000)), `${fmt(det.ms / reg.ms, 2)}×`);
  if (floorScriptHits !== reg.result) log(`  WARNING: the floor script counted ${floorScriptHits} hits, the in-process regex ${reg.result}`);
  log('  migration plan, against the scan of the same files (goal ≤ 1.5×):');
  row('CLI manifest --format json vs scan -t1', `${fmt(manifestRun.wall, 0)} ms`, fmt(corpusMB / (manifestRun.wall / 1000)), `${fmt(manifestRun.wall / cliOneMs, 2)}× (≤ 1.5)`, `${fmt(manifestRun.cpu, 0)} ms`);
  row('plan in-process vs scanText over memory', `${fmt(plan.ms, 0)} ms`, fmt(corpusMB / (plan.ms / 1000)), `${fmt(plan.ms / det.ms, 2)}× (≤ 1.5)`);
  log(`  findings: detector ${det.result}, regex prefix hits ${reg.result}${corpus.tokens !== undefined ? `; planted ${corpus.tokens} credentials${corpus.negatives !== undefined ? ` and ${corpus.negatives} hard negatives` : ''}` : ''}`);
  log('');
  log(`incremental: one edit in a 10 MB file, ${inc.edits} edits (goal < 1 ms)`);
  log(`  median ${fmt(inc.median, 3)} ms, p95 ${fmt(inc.p95, 3)} ms, max ${fmt(inc.max, 2)} ms; full rescan ${fmt(inc.full, 0)} ms; ${inc.mismatches ? `${inc.mismatches} MISMATCHES with scanText` : 'results equal scanText'}`);
  log('');
  log(`hostile inputs, in-process                ${fmt(small / MB, 0)} MB        ${fmt(large / MB, 0)} MB     MB/s   time ratio (size ratio ${fmt(large / small, 1)})`);
  for (const h of hostile) log(`  ${h.name.padEnd(40)}${`${fmt(h.ta, 1)} ms`.padStart(10)}${`${fmt(h.tb, 1)} ms`.padStart(11)}${fmt(h.mbs, 0).padStart(8)}${fmt(h.ratio, 2).padStart(10)}`);
  log(`  CLI on one ${fmt(lineMB, 0)} MB line: ${fmt(lineMs, 0)} ms wall, ${fmt(lineRun.cpu, 0)} ms CPU (${fmt(lineMB / (lineMs / 1000), 0)} MB/s wall)`);

  const subs = flag('--no-sub') ? [] : subBenches();
  log('');
  if (subs.length === 0) log('editor: the edit -> diagnostics time in a 10 MB document is measured by the editor bench (scripts/bench/*.mjs) when present');
  for (const s of subs) {
    log(`--- scripts/bench/${s}`);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', s), '--no-build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) log(`    (exited ${r.status}; not counted)`);
  }
  const outDir = path.join(ROOT, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  log('');
  const load = os.loadavg().map((x) => fmt(x, 1)).join(' ');
  results.loadAverage = os.loadavg();
  log(`load average at the end ${load} on ${os.availableParallelism()} cores${os.loadavg()[1] > os.availableParallelism() ? ': the machine was busy, so times are inflated (best-of runs soften it)' : ''}`);
  log(`raw figures: bench-results/core.json; total ${fmt((now() - START) / 1000)} s`);
  fs.writeFileSync(path.join(outDir, 'core.json'), JSON.stringify(results, null, 2) + '\n');
}

const START = now();
const LOAD_AT_START = os.loadavg().map((x) => fmt(x, 1)).join(' ');
try {
  main();
} finally {
  cleanup();
}
