#!/usr/bin/env node
// `npm run nls`: moves every user-facing string of package.json into package.nls.json and leaves a
// `%key%` in its place (VS Code and vsce resolve them; a translation is a package.nls.<lang>.json).
// Idempotent: strings already written as `%key%` stay; a plain string someone added later is
// converted on the next run, and its English text (re)written to package.nls.json. Keys follow the
// place of the string: command.<id>.title, view.<id>.name, config.<setting>.markdownDescription, …
// Reads and writes package.json in one go, so a concurrent edit is never half-merged: re-run after one.
//
// Usage: node scripts/manifest-nls.mjs [--check]   (--check: exit 1 if anything is left to convert)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.join(ROOT, 'package.json');
const NLS = path.join(ROOT, 'package.nls.json');

const isKey = (s) => typeof s === 'string' && /^%[\w.-]+%$/.test(s);
const short = (id) => id.replace(/^slackTokenGuard\./, '');

/**
 * Converts `pkg` in place; returns { nls, converted } where nls maps every key the manifest uses
 * to its English text (from `existing` for strings already converted).
 */
export function convertManifest(pkg, existing = {}) {
  const nls = {};
  let converted = 0;
  const at = (obj, prop, key) => {
    const v = obj?.[prop];
    if (typeof v !== 'string' || v === '') return;
    if (isKey(v)) {
      const k = v.slice(1, -1);
      if (existing[k] !== undefined) nls[k] = existing[k];
      return;
    }
    nls[key] = v;
    obj[prop] = `%${key}%`;
    converted++;
  };
  const c = pkg.contributes ?? {};
  at(pkg, 'description', 'description');
  for (const cmd of c.commands ?? []) {
    at(cmd, 'title', `command.${short(cmd.command)}.title`);
    at(cmd, 'shortTitle', `command.${short(cmd.command)}.shortTitle`);
    at(cmd, 'category', 'command.category');
  }
  for (const container of Object.values(c.viewsContainers ?? {}).flat()) at(container, 'title', `viewsContainer.${short(container.id)}.title`);
  for (const view of Object.values(c.views ?? {}).flat()) {
    at(view, 'name', `view.${short(view.id)}.name`);
    at(view, 'contextualTitle', `view.${short(view.id)}.contextualTitle`);
  }
  for (const w of c.viewsWelcome ?? []) at(w, 'contents', `viewsWelcome.${short(w.view)}.contents`);
  for (const section of [c.configuration ?? []].flat()) {
    at(section, 'title', section.id ? `config.${short(section.id)}.title` : 'config.title');
    for (const [name, p] of Object.entries(section.properties ?? {})) {
      const base = `config.${short(name)}`;
      for (const prop of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'patternErrorMessage']) at(p, prop, `${base}.${prop}`);
      if (p.items) at(p.items, 'patternErrorMessage', `${base}.items.patternErrorMessage`);
      for (const list of ['enumDescriptions', 'markdownEnumDescriptions']) {
        (p[list] ?? []).forEach((_, i) => at(p[list], i, `${base}.${list}.${p.enum?.[i] ?? i}`));
      }
    }
  }
  for (const w of c.walkthroughs ?? []) {
    const base = `walkthrough.${w.id}`;
    at(w, 'title', `${base}.title`);
    at(w, 'description', `${base}.description`);
    for (const s of w.steps ?? []) {
      at(s, 'title', `${base}.${s.id}.title`);
      at(s, 'description', `${base}.${s.id}.description`);
      at(s.media, 'altText', `${base}.${s.id}.altText`);
    }
  }
  const trust = pkg.capabilities?.untrustedWorkspaces;
  at(trust, 'description', 'capabilities.untrustedWorkspaces.description');
  at(pkg.capabilities?.virtualWorkspaces, 'description', 'capabilities.virtualWorkspaces.description');
  return { nls, converted };
}

/** Every `%key%` the manifest uses, in order. */
export function manifestKeys(pkg) {
  const keys = [];
  JSON.stringify(pkg, (_, v) => {
    if (isKey(v)) keys.push(v.slice(1, -1));
    return v;
  });
  return keys;
}

function main() {
  const check = process.argv.includes('--check');
  const text = fs.readFileSync(PKG, 'utf8');
  const pkg = JSON.parse(text);
  const existing = fs.existsSync(NLS) ? JSON.parse(fs.readFileSync(NLS, 'utf8')) : {};
  const { nls, converted } = convertManifest(pkg, existing);
  const missing = manifestKeys(pkg).filter((k) => nls[k] === undefined);
  if (missing.length) {
    console.error(`[nls] package.json uses keys package.nls.json lacks: ${missing.join(', ')}`);
    process.exit(1);
  }
  if (check) {
    if (converted) console.error(`[nls] ${converted} plain string(s) left in package.json: run npm run nls`);
    process.exit(converted ? 1 : 0);
  }
  if (converted) fs.writeFileSync(PKG, JSON.stringify(pkg, null, 2) + '\n');
  fs.writeFileSync(NLS, JSON.stringify(nls, null, 2) + '\n');
  console.log(`[nls] ${converted} string(s) moved to package.nls.json; ${Object.keys(nls).length} keys in all`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
