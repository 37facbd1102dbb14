#!/usr/bin/env node
// `npm run l10n`: writes l10n/bundle.l10n.json, the English strings of every vscode.l10n.t(...)
// call in src/ (a translation is l10n/bundle.l10n.<lang>.json with the same keys). The same file
// @vscode/l10n-dev's `export` writes; done here with a literal scan so the build needs no extra
// dependency: the project's rule is that vscode.l10n.t takes a string literal as its first argument
// (a template literal or a variable could not be translated), and --check fails on any other form.
//
// Usage: node scripts/l10n-bundle.mjs [--check]   (--check: exit 1 if the bundle is out of date)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** JS string literal (single or double quotes) to its value. */
function unquote(lit) {
  const body = lit.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e[1] === '{' ? e.slice(2, -1) : e.slice(1), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' }[e] ?? e;
  });
}

/** Every message of vscode.l10n.t calls in the given sources; `bad` lists calls without a literal. */
export function extractMessages(files) {
  const messages = new Set();
  const bad = [];
  const call = /\bl10n\.t\(\s*/g;
  const literal = /^('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")\s*([,)])/s;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(call)) {
      const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 4000);
      const lit = literal.exec(rest);
      if (lit) messages.add(unquote(lit[1]));
      else bad.push(`${path.relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`);
    }
  }
  return { messages: [...messages].sort(), bad };
}

export function sourceFiles(dir = path.join(ROOT, 'src')) {
  return (fs.readdirSync(dir, { recursive: true })).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).sort().map((f) => path.join(dir, f));
}

function main() {
  const { messages, bad } = extractMessages(sourceFiles());
  if (bad.length) {
    console.error(`[l10n] vscode.l10n.t without a string literal as its first argument (cannot be translated):\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  const json = JSON.stringify(Object.fromEntries(messages.map((s) => [s, s])), null, 2) + '\n';
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== json) {
      console.error('[l10n] l10n/bundle.l10n.json is out of date: run npm run l10n');
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, json);
  console.log(`[l10n] ${messages.length} strings in ${path.relative(ROOT, BUNDLE)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
