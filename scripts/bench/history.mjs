#!/usr/bin/env node
// History bench (also run by `npm run bench`): `slack-token-guard scan --git` against what a
// diff-based scanner must read at least, `git log -p --all > /dev/null`, and against gitleaks' git
// mode when gitleaks is installed. Two repositories:
//   - a generated one (git fast-import, cached under .cache/bench-history-v1): 5,000 commits,
//     20,000 distinct blobs, tokens added and later removed along the way;
//   - this project's own history.
// Memory: peak RSS of the scan (GNU time, when present) over the last 1,000 commits against all
// 5,000: flat in the number of commits means about the same.
// Figures are printed, never asserted. Options: --no-build, --runs N (default 3), --rebuild-repo.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleForNode } from '../lib/demo.mjs';
import { benchArgs, ROOT } from './options.mjs';

const require = createRequire(import.meta.url);
const args = benchArgs();
const RUNS = args.number('--runs', 3);
const COMMITS = 5000;
const FILES = 2000;
const CHANGES_PER_COMMIT = 4;
const CLI = path.join(ROOT, 'dist', 'cli.js');
const REPO = path.join(ROOT, '.cache', 'bench-history-v1');
const log = (s = '') => process.stdout.write(s + '\n');
const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

/** The token generator, bundled from test/support (esbuild throws on an error; no tsc of the whole project). */
const TOKEN_GEN = path.join(ROOT, '.cache', 'bench-build', 'token-gen.cjs');

function build() {
  if (args.flag('--no-build') && fs.existsSync(TOKEN_GEN)) return;
  bundleForNode(path.join(ROOT, 'test', 'support', 'token-gen.ts'), TOKEN_GEN);
  if (args.flag('--no-build')) return;
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node esbuild.js failed: ${r.stderr}`);
}

/** Deterministic code-like text for one version of one file. */
function fileText(file, version, token) {
  const lines = [`// module ${file}, revision ${version}`, `export const id${file} = ${version};`];
  for (let i = 0; i < 40; i++) lines.push(`export function f${file}_${i}(a, b) { return a * ${(file * 31 + version * 7 + i) % 997} + b; }`);
  if (token) lines.splice(10, 0, `const SLACK_TOKEN = "${token}";`);
  return lines.join('\n') + '\n';
}

/** Builds the generated repository with git fast-import (seconds, not minutes); cached. */
function generatedRepo() {
  const marker = path.join(REPO, '.bench-complete');
  if (fs.existsSync(marker) && !args.flag('--rebuild-repo')) return { dir: REPO, tokens: JSON.parse(fs.readFileSync(marker, 'utf8')).tokens };
  fs.rmSync(REPO, { recursive: true, force: true });
  fs.mkdirSync(REPO, { recursive: true });
  spawnSync('git', ['init', '-q', '--bare', '-b', 'main', REPO], { env: gitEnv });
  const { TokenGenerator } = require(TOKEN_GEN);
  const gen = new TokenGenerator(5000);
  const kinds = ['bot', 'user', 'app', 'webhook', 'bot-legacy'];
  const version = new Array(FILES).fill(0);
  /** file -> the token it holds now (removed a few commits later). */
  const holding = new Map();
  let tokens = 0;
  const chunks = [];
  const t0 = Date.UTC(2020, 0, 1) / 1000;
  for (let c = 1; c <= COMMITS; c++) {
    const when = t0 + c * 3600;
    const msg = `change ${c}\n`;
    let body = `commit refs/heads/main\nmark :${c}\nauthor Bench Author <bench@example.invalid> ${when} +0000\ncommitter Bench Author <bench@example.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`;
    if (c > 1) body += `from :${c - 1}\n`;
    for (let k = 0; k < CHANGES_PER_COMMIT; k++) {
      const file = (c * CHANGES_PER_COMMIT + k * 509) % FILES;
      version[file]++;
      let token = holding.get(file);
      if (token && version[file] % 2 === 0) {
        holding.delete(file); // removed: only history holds it from now on
        token = undefined;
      } else if (!token && c % 25 === 0 && k === 0) {
        token = gen.token(kinds[tokens % kinds.length]);
        holding.set(file, token);
        tokens++;
      }
      const text = fileText(file, version[file], token);
      body += `M 100644 inline src/dir${file % 50}/file${file}.js\ndata ${Buffer.byteLength(text)}\n${text}\n`;
    }
    chunks.push(body);
    if (c === 2500) chunks.push(`reset refs/tags/v1\nfrom :${c}\n\n`);
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: REPO, input: chunks.join(''), env: gitEnv, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
  fs.writeFileSync(marker, JSON.stringify({ tokens }) + '\n');
  return { dir: REPO, tokens };
}

const hasGnuTime = fs.existsSync('/usr/bin/time');

/** Wall ms (best of RUNS) and peak RSS in MB (GNU time) of a command. */
function measure(cmd, args, cwd, { shell = false, runs = RUNS } = {}) {
  const times = [];
  let rss;
  let status;
  for (let i = 0; i < runs; i++) {
    const t = now();
    const r = shell ? spawnSync('sh', ['-c', cmd], { cwd, env: gitEnv, stdio: ['ignore', 'ignore', 'pipe'] }) : spawnSync(cmd, args, { cwd, env: gitEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(now() - t);
    status = r.status;
  }
  if (hasGnuTime && !shell) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const kb = Number(r.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) rss = kb / 1024;
  }
  return { ms: Math.min(...times), rss, status };
}

function count(cwd, args) {
  return spawnSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.trim();
}

function compare(label, dir) {
  const commits = count(dir, ['rev-list', '--all', '--count']);
  const blobs = count(dir, ['rev-list', '--objects', '--all', '--filter=object:type=blob', '--filter-provided-objects']).split('\n').filter(Boolean).length;
  const found = spawnSync(process.execPath, [CLI, 'scan', '--git', '--format', 'json', '--quiet'], { cwd: dir, env: gitEnv, encoding: 'utf8', maxBuffer: 1 << 30 });
  const findings = found.stdout.split('\n').filter(Boolean).length;
  const scan = measure(process.execPath, [CLI, 'scan', '--git', '--quiet'], dir);
  const logp = measure('git log -p --all > /dev/null', [], dir, { shell: true });
  log(`${label}: ${commits} commits, ${blobs} distinct blobs, ${findings} findings (exit ${found.status})`);
  log(`  scan --git                     ${fmt(scan.ms / 1000)} s${scan.rss !== undefined ? `, peak RSS ${fmt(scan.rss, 0)} MB` : ''}`);
  log(`  git log -p --all > /dev/null   ${fmt(logp.ms / 1000)} s`);
  log(`  ratio scan --git / git log -p  ${fmt(scan.ms / logp.ms)}× (goal <= 1.00×)`);
  const gl = spawnSync('gitleaks', ['version'], { encoding: 'utf8' });
  if (gl.status === 0) {
    const g = measure('gitleaks', ['git', '--no-banner', '--exit-code', '0', '--report-path', '/dev/null', dir], dir);
    log(`  gitleaks git                   ${fmt(g.ms / 1000)} s (ratio scan --git / gitleaks ${fmt(scan.ms / g.ms)}×)`);
  } else log('  gitleaks: not installed (not compared)');
  return scan;
}

build();
const t = now();
const gen = generatedRepo();
log(`generated repository: ${path.relative(ROOT, gen.dir)} (${gen.tokens} tokens planted, most removed later; ready in ${fmt((now() - t) / 1000, 1)} s)`);
const all = compare('generated', gen.dir);
const recent = measure(process.execPath, [CLI, 'scan', '--git', '--quiet', `main~1000..main`], gen.dir, { runs: 1 });
if (all.rss !== undefined && recent.rss !== undefined) {
  log(`  memory: peak RSS ${fmt(recent.rss, 0)} MB for the last 1,000 commits, ${fmt(all.rss, 0)} MB for all ${COMMITS} (ratio ${fmt(all.rss / recent.rss)}×; flat means ≈ 1)`);
}
log('');
compare('this project', ROOT);
