#!/usr/bin/env node
// `npm run package`: the production bundle (minified, no source maps) and a .vsix made by
// @vscode/vsce, offline. Fails on anything vsce warns about, on a file in the package that the
// allow-list in .vscodeignore does not name, and on a Slack credential in any packaged text file
// (checked with the product's own scanner, on top of vsce's secret scan).
//
// Usage: node scripts/package.mjs [--out FILE] [--test]
// Prints the .vsix path, its size and its file list. --test then installs the .vsix into a fresh
// VS Code (code-server --install-extension) and runs the "Installed package" integration suite
// against it (test/integration/installed-package.test.ts; needs `npm run compile-tests` first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const argv = process.argv.slice(2);
const outArg = argv.indexOf('--out');
const OUT = path.resolve(ROOT, outArg >= 0 ? argv[outArg + 1] : `${pkg.name}-${pkg.version}.vsix`);
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What a user needs, and nothing else (the same list as .vscodeignore's allow-list). */
export const ALLOWED = [
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/dist\/(extension|cli|scan-worker)\.js$/,
  /^extension\/media\/(icon\.png|activity-bar\.svg)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.(png|md|svg)$/,
  /^extension\/(readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/THIRD_PARTY_NOTICES\.md$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, ...opts });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function fail(message) {
  console.error(`[package] ${message}`);
  process.exit(1);
}

/** The .vsix is a zip: list its entries from the central directory (no unzip needed). */
export function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const raw = buf.subarray(start, start + compressed);
    entries.push({ name, size, data: () => (method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw)) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** What goes into the staging folder vsce packages (then filtered by .vscodeignore). */
const STAGED = ['package.json', 'package.nls.json', 'l10n', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md', '.vscodeignore'];

/**
 * Copies the package's sources into .cache/package/ and builds the production bundle there, so a
 * development build or watch that rewrites dist/ meanwhile cannot end up in the package.
 */
export function stage(dir = path.join(ROOT, '.cache', 'package')) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of STAGED) if (fs.existsSync(path.join(ROOT, f))) fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
  // esbuild.js builds src/ into dist/ relative to its working directory: lend it src/ for the build.
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src'));
  try {
    const b = run(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: dir });
    if (b.status !== 0) fail(`the production build failed:\n${b.out}`);
  } finally {
    fs.rmSync(path.join(dir, 'src'));
  }
  for (const f of fs.readdirSync(path.join(dir, 'dist'))) if (f.endsWith('.map')) fs.rmSync(path.join(dir, 'dist', f));
  return dir;
}

function main() {
  // Generated files the package carries: regenerate the l10n bundle; the manifest's nls keys and
  // the README's tables must be current (their scripts rewrite shared files, so run them by hand).
  for (const [file, args] of [['l10n-bundle.mjs', []], ['manifest-nls.mjs', ['--check']], ['readme-tables.mjs', ['--check']]]) {
    const r = run(process.execPath, [path.join(ROOT, 'scripts', file), ...args]);
    if (r.status !== 0) fail(r.out.trim());
  }
  console.log('[package] production bundle (node esbuild.js --production) in .cache/package/');
  const dir = stage();
  const built = Object.fromEntries(['extension.js', 'cli.js', 'scan-worker.js'].map((f) => [`extension/dist/${f}`, fs.readFileSync(path.join(dir, 'dist', f))]));

  console.log(`[package] vsce package --no-dependencies -o ${path.relative(ROOT, OUT)}`);
  fs.rmSync(OUT, { force: true });
  // --no-dependencies: esbuild bundled every runtime dependency, so node_modules is not shipped
  // and vsce need not run `npm list` (which would also be the only step that could go online).
  const v = run(process.execPath, [VSCE, 'package', '--no-dependencies', '-o', OUT], { cwd: dir });
  process.stdout.write(v.out.trimEnd().replace(/^/gm, '  ') + '\n');
  if (v.status !== 0) fail('vsce package failed');
  const warnings = v.out.split('\n').filter((l) => /\bWARNING\b|\bwarn(ing)?:/i.test(l));
  if (warnings.length) fail(`vsce warned:\n${warnings.join('\n')}`);

  const entries = zipEntries(OUT);
  for (const e of entries) {
    const want = built[e.name];
    if (!want) continue;
    const got = e.data();
    if (!got.equals(want) || got.includes('sourceMappingURL')) fail(`${e.name} in the package is not the production build just made`);
  }
  // Scan Workspace would fall back to scanning on the extension host's thread without its worker.
  const missing = Object.keys(built).filter((name) => !entries.some((e) => e.name === name));
  if (missing.length) fail(`the package lacks ${missing.join(', ')} (fix .vscodeignore)`);
  const stray = entries.filter((e) => !ALLOWED.some((re) => re.test(e.name)));
  if (stray.length) fail(`files the package must not hold (fix .vscodeignore):\n${stray.map((e) => `  ${e.name}`).join('\n')}`);

  // The product's own scanner over every packaged text file (with ignore comments honoured: the
  // bundle mentions prefixes in its patterns, never a whole credential).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-vsix-'));
  try {
    for (const e of entries) {
      if (!/\.(js|json|md|txt|xml|vsixmanifest|svg)$/.test(e.name)) continue;
      const target = path.join(tmp, e.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, e.data());
    }
    const s = run(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'scan', tmp, '--no-gitignore', '--max-file-size', '50M']);
    if (s.status !== 0) fail(`the packaged files hold Slack credentials (or the scan failed):\n${s.out}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const size = fs.statSync(OUT).size;
  console.log(`[package] ${path.relative(ROOT, OUT)}: ${size} bytes (${(size / 1024).toFixed(1)} KB), ${entries.length} files, no warnings, no credentials`);
  for (const e of entries) console.log(`  ${e.name.padEnd(48)} ${String(e.size).padStart(9)} bytes`);

  if (argv.includes('--test')) {
    console.log(`[package] testing the installed package: run-integration.mjs --installed-vsix ${path.relative(ROOT, OUT)}`);
    const t = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-integration.mjs'), '--installed-vsix', OUT, '--grep', 'Installed package'], { cwd: ROOT, stdio: 'inherit' });
    process.exit(t.status ?? 1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
