#!/usr/bin/env node
// Installs VS Code 1.100.3's server (npm package code-server@4.100.3) into .cache/ so that the
// integration tests and `npm start` run in a real extension host on machines that cannot download
// VS Code. Idempotent: a marker file records a finished install and a second run is a no-op.
//
// code-server's own postinstall (postinstall.sh in the package) refuses to run as root under npm >= 7
// and lets @vscode/ripgrep download rg from GitHub, so this script does its steps itself:
// --ignore-scripts, Debian's rg in place of the download, `npm rebuild` of the native modules against
// the local Node headers, and the symlinks.
//
// Usage: node scripts/install-editor.mjs [--force] [--check]
//   --force  reinstall even if the marker says it is installed
//   --check  only check the system packages, install nothing
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** code-server 4.100.x declares engines.node "20"; newer Node majors are not supported by it. */
const NODE_MAJOR = 20;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(ROOT, '.cache');
export const EDITOR_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const MARKER = path.join(EDITOR_DIR, '.install-complete.json');
const STAGING = `${EDITOR_DIR}.partial`;
const LOCK = `${EDITOR_DIR}.lock`;
const LOG = `${EDITOR_DIR}.install.log`;

/** The code-server package folder inside the install. */
export const CODE_SERVER_DIR = path.join(EDITOR_DIR, 'node_modules', 'code-server');
/** The script to start code-server with `node`. */
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Native modules VS Code's server loads; each must load after the rebuild. */
const NATIVE_MODULES = ['node-pty', '@vscode/spdlog', '@parcel/watcher', 'kerberos', 'native-watchdog', '@vscode/deviceid'];

function log(msg) {
  console.log(`[install-editor] ${msg}`);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * What the install (and the browser tests) need from the system, with the Debian package that
 * provides each. Returns the missing ones.
 */
export function missingSystemPackages({ needBrowser = true } = {}) {
  const checks = [
    { what: 'ripgrep (rg)', pkg: 'ripgrep', ok: () => !!which('rg') },
    { what: 'Kerberos headers (krb5.h)', pkg: 'libkrb5-dev', ok: () => fs.existsSync('/usr/include/krb5.h') || !!which('krb5-config') },
    { what: 'python3 (node-gyp)', pkg: 'python3', ok: () => !!which('python3') },
    { what: 'make', pkg: 'make', ok: () => !!which('make') },
    { what: 'g++', pkg: 'g++', ok: () => !!which('g++') },
  ];
  if (needBrowser) checks.push({ what: `Chromium (${CHROMIUM})`, pkg: 'chromium', ok: () => fs.existsSync(CHROMIUM) });
  return checks.filter((c) => !c.ok());
}

function aptCommand(pkgs, sudo = '') {
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
}

function ensureSystemPackages({ needBrowser = true } = {}) {
  let missing = missingSystemPackages({ needBrowser });
  if (!missing.length) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  const cmd = aptCommand(pkgs);
  log(`missing: ${missing.map((m) => `${m.what} [Debian package ${m.pkg}]`).join(', ')}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get') && process.env.SLACK_TOKEN_GUARD_NO_APT !== '1') {
    log(`installing them with: ${cmd}`);
    const r = spawnSync('sh', ['-c', `export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends ${pkgs.join(' ')} >/dev/null`], { stdio: 'inherit' });
    missing = missingSystemPackages({ needBrowser });
    if (r.status === 0 && !missing.length) return;
  }
  throw new Error(`missing system packages: ${pkgs.join(', ')}. Install them with:\n    ${aptCommand(pkgs, 'sudo ')}`);
}

function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== NODE_MAJOR) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node ${NODE_MAJOR}; this is Node ${process.versions.node}. Use Node ${NODE_MAJOR} (e.g. nvm use ${NODE_MAJOR}).`);
  }
}

/** Node headers for node-gyp: the Debian/NodeSource `nodejs` package ships them in /usr/include/node. */
function nodeHeadersDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(process.execPath, '..', '..'), '/usr'].filter(Boolean);
  return candidates.find((d) => fs.existsSync(path.join(d, 'include', 'node', 'node.h')));
}

function readMarker() {
  try {
    return JSON.parse(fs.readFileSync(MARKER, 'utf8'));
  } catch {
    return undefined;
  }
}

export function isEditorInstalled() {
  const m = readMarker();
  return !!m && m.version === CODE_SERVER_VERSION && m.nodeModules === process.versions.modules && fs.existsSync(CODE_SERVER_ENTRY);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Several people (or helpers) may run the tests at once in one tree: one installs, the others wait. */
function acquireLock() {
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => fs.rmSync(LOCK, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let pid = 0;
      try {
        pid = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {
        /* the other process is between mkdir and write */
      }
      let alive = true;
      if (pid) {
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
      }
      if (!alive) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (!told) log(`another install is running (pid ${pid || '?'}); waiting for it…`);
      told = true;
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${LOCK}`, { cause: e });
      sleep(2000);
    }
  }
}

function appendLog(text) {
  fs.appendFileSync(LOG, text);
}

/** Runs a step with its output going to the log file; on failure shows the log's tail. */
function step(n, total, title, cmd, args, opts = {}) {
  const t0 = Date.now();
  process.stdout.write(`[install-editor] [${n}/${total}] ${title} … `);
  appendLog(`\n$ (cd ${opts.cwd || process.cwd()} && ${cmd} ${args.join(' ')})\n`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  appendLog((r.stdout || '') + (r.stderr || ''));
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) {
    console.log(`FAILED (${secs}s)`);
    const tail = fs.readFileSync(LOG, 'utf8').split('\n').slice(-40).join('\n');
    console.error(tail);
    throw new Error(`step "${title}" failed (exit ${r.status ?? r.signal}); full log: ${path.relative(process.cwd(), LOG)}`);
  }
  console.log(`${secs}s`);
  return r;
}

/** Loads each native module in a child Node; returns the ones that fail. */
function failingNativeModules(vscodeDir, topDir) {
  const probe = `
    const path = require('path'); const bad = [];
    for (const [base, m] of ${JSON.stringify([...NATIVE_MODULES.map((m) => [vscodeDir, m]), [topDir, 'argon2']])}) {
      try { require(path.join(base, 'node_modules', m)); } catch (e) { bad.push(m + ': ' + String(e.message).split('\\n')[0]); }
    }
    try { require(path.join(${JSON.stringify(vscodeDir)}, 'node_modules', 'node-pty')).spawn('/bin/true', []).kill(); } catch (e) { bad.push('node-pty spawn: ' + e.message); }
    console.log(JSON.stringify(bad));`;
  const out = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

/**
 * Makes sure code-server is installed; returns quickly when it is. Throws an Error whose message
 * names what is missing.
 */
export function ensureEditor({ force = false, needBrowser = true } = {}) {
  checkNode();
  if (!force && isEditorInstalled()) {
    ensureSystemPackages({ needBrowser });
    return { entry: CODE_SERVER_ENTRY, cached: true };
  }
  ensureSystemPackages({ needBrowser });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const release = acquireLock();
  try {
    if (!force && isEditorInstalled()) return { entry: CODE_SERVER_ENTRY, cached: true }; // someone else did it
    const t0 = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) into ${path.relative(process.cwd(), EDITOR_DIR) || EDITOR_DIR} (one-off, a few minutes)`);
    fs.rmSync(STAGING, { recursive: true, force: true });
    fs.mkdirSync(STAGING, { recursive: true });
    fs.writeFileSync(LOG, `install of code-server ${CODE_SERVER_VERSION} started ${new Date().toISOString()}\n`);
    fs.writeFileSync(path.join(STAGING, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));

    const headers = nodeHeadersDir();
    const env = {
      ...process.env,
      // node-gyp would download Node headers; use the local ones.
      ...(headers ? { npm_config_nodedir: headers } : {}),
      // node-pty's build runs `npx node-gyp`, which must not prompt.
      npm_config_yes: 'true',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'warn',
    };
    if (!headers) log('warning: no Node headers found (include/node/node.h); node-gyp will try to download them');
    const csDir = path.join(STAGING, 'node_modules', 'code-server');
    const vscodeDir = path.join(csDir, 'lib', 'vscode');
    const total = 7;

    // 1. code-server itself; its postinstall refuses root under npm >= 7 and downloads rg: skip it.
    step(1, total, `npm install code-server@${CODE_SERVER_VERSION} --ignore-scripts`, 'npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: STAGING, env });
    // 2. VS Code's server dependencies, scripts skipped (ripgrep's would download from GitHub).
    step(2, total, 'npm install --omit=dev --ignore-scripts (lib/vscode)', 'npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscodeDir, env });
    // Debian's rg where @vscode/ripgrep looks for it (its postinstall then sees it and does nothing).
    const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(rgDir, { recursive: true });
    fs.copyFileSync(which('rg'), path.join(rgDir, 'rg'));
    fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
    // 3. Native modules (node-pty, spdlog, @parcel/watcher, kerberos, …) against local headers.
    step(3, total, 'npm rebuild: native modules (lib/vscode)', 'npm', ['rebuild'], { cwd: vscodeDir, env });
    // The rest of code-server's postinstall.
    fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    fs.symlinkSync('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    fs.symlinkSync('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    step(4, total, 'npm install --omit=dev (lib/vscode/extensions)', 'npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], { cwd: path.join(vscodeDir, 'extensions'), env });
    // argon2 (password hashing; unused with --auth none, but loaded): prebuilt download fails, then builds.
    step(5, total, 'npm rebuild argon2', 'npm', ['rebuild', 'argon2'], { cwd: STAGING, env });

    // npm 11 gates dependency install scripts (allowScripts); check the rebuild really built them.
    process.stdout.write(`[install-editor] [6/${total}] load test of native modules … `);
    let bad = failingNativeModules(vscodeDir, STAGING);
    if (bad.length) {
      console.log(`${bad.length} failed to load; rebuilding them with install scripts explicitly allowed`);
      const names = bad.map((b) => b.split(':')[0].replace(/ spawn$/, ''));
      const argon = names.includes('argon2');
      const vs = [...new Set(names.filter((n) => n !== 'argon2'))];
      const allowEnv = { ...env, npm_config_dangerously_allow_all_scripts: 'true' };
      if (vs.length) step(6, total, `npm rebuild ${vs.join(' ')}`, 'npm', ['rebuild', ...vs], { cwd: vscodeDir, env: allowEnv });
      if (argon) step(6, total, 'npm rebuild argon2', 'npm', ['rebuild', 'argon2'], { cwd: STAGING, env: allowEnv });
      bad = failingNativeModules(vscodeDir, STAGING);
      if (bad.length) throw new Error(`native modules do not load after the rebuild:\n  ${bad.join('\n  ')}\n(see ${LOG}; are python3, make, g++, libkrb5-dev installed?)`);
    } else {
      console.log('ok');
    }

    // 7. A smoke start: the server must answer --version.
    process.stdout.write(`[install-editor] [7/${total}] smoke start of code-server … `);
    const smoke = spawnSync(
      process.execPath,
      [path.join(csDir, 'out', 'node', 'entry.js'), '--version'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (smoke.status !== 0 || !smoke.stdout.includes(CODE_SERVER_VERSION)) {
      console.log('FAILED');
      throw new Error(`code-server --version failed: ${smoke.stdout}${smoke.stderr}`);
    }
    console.log('ok');

    fs.writeFileSync(
      path.join(STAGING, '.install-complete.json'),
      JSON.stringify({ version: CODE_SERVER_VERSION, node: process.versions.node, nodeModules: process.versions.modules, installedAt: new Date().toISOString() }, null, 2) + '\n',
    );
    fs.rmSync(EDITOR_DIR, { recursive: true, force: true });
    fs.renameSync(STAGING, EDITOR_DIR);
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)}s (log: ${path.relative(process.cwd(), LOG)})`);
    return { entry: CODE_SERVER_ENTRY, cached: false };
  } finally {
    release();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    if (process.argv.includes('--check')) {
      checkNode();
      const missing = missingSystemPackages();
      if (missing.length) {
        console.error(`[install-editor] missing: ${missing.map((m) => `${m.what} [Debian package ${m.pkg}]`).join(', ')}`);
        console.error(`[install-editor] install them with: ${aptCommand([...new Set(missing.map((m) => m.pkg))], 'sudo ')}`);
        process.exit(1);
      }
      log(`system packages ok; editor ${isEditorInstalled() ? 'installed' : 'not installed'}`);
    } else {
      const r = ensureEditor({ force: process.argv.includes('--force') });
      if (r.cached) log(`code-server ${CODE_SERVER_VERSION} already installed (${path.relative(process.cwd(), EDITOR_DIR)}); nothing to do`);
    }
  } catch (e) {
    console.error(`[install-editor] ${e.message}`);
    process.exit(1);
  }
}
