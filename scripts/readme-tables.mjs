#!/usr/bin/env node
// `npm run readme`: regenerates the README's command and setting tables from package.json (with
// the English texts of package.nls.json), between the markers
//   <!-- commands:start --> … <!-- commands:end -->   and   <!-- settings:start --> … <!-- settings:end -->
// so the README can never list a command or setting the manifest lacks, or miss one.
// `--check` exits 1 when the README is out of date (the unit tests run it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const README = path.join(ROOT, 'README.md');

function load() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const nlsFile = path.join(ROOT, 'package.nls.json');
  const nls = fs.existsSync(nlsFile) ? JSON.parse(fs.readFileSync(nlsFile, 'utf8')) : {};
  const t = (s) => (typeof s === 'string' ? s.replace(/^%([\w.-]+)%$/, (m, k) => nls[k] ?? m) : s);
  return { pkg, t };
}

const cell = (s) => String(s).replace(/\r?\n+/g, ' ').replace(/\|/g, '\\|').trim();

export function commandsTable({ pkg, t }) {
  const c = pkg.contributes;
  const viewName = Object.fromEntries(Object.values(c.views ?? {}).flat().map((v) => [v.id, t(v.name)]));
  const menus = c.menus ?? {};
  const rows = c.commands.map((cmd) => {
    const where = [];
    const hidden = (menus.commandPalette ?? []).some((m) => m.command === cmd.command && m.when === 'false');
    const guarded = (menus.commandPalette ?? []).find((m) => m.command === cmd.command && m.when && m.when !== 'false');
    if (!hidden) where.push(guarded ? 'Command Palette (when it applies)' : 'Command Palette');
    const views = (menu, suffix) => {
      for (const m of menus[menu] ?? []) {
        if (m.command !== cmd.command) continue;
        const id = /view == ([\w.]+)/.exec(m.when ?? '')?.[1];
        const label = `${viewName[id] ?? id} view ${suffix}`;
        if (id && !where.includes(label)) where.push(label);
      }
    };
    views('view/title', 'title bar');
    views('view/item/context', 'item');
    if (hidden) where.unshift('lightbulb (quick fix)');
    return `| ${cell(`${t(cmd.category) ? `${t(cmd.category)}: ` : ''}${t(cmd.title)}`)} | \`${cmd.command}\` | ${cell(where.join(', '))} |`;
  });
  return ['| Command | Id | Where |', '|---|---|---|', ...rows].join('\n');
}

export function settingsTable({ pkg, t }) {
  const sections = [pkg.contributes.configuration ?? []].flat();
  const props = sections.flatMap((s) => Object.entries(s.properties ?? {}));
  props.sort((a, b) => (a[1].order ?? 1e9) - (b[1].order ?? 1e9));
  const rows = props.map(([key, p]) => {
    const dflt = JSON.stringify(p.default);
    const values = p.enum ? ` One of ${p.enum.map((v) => `\`${v}\``).join(', ')}.` : '';
    return `| \`${key}\` | \`${cell(dflt)}\` | ${cell(t(p.markdownDescription ?? p.description ?? ''))}${values} |`;
  });
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** README text with both tables regenerated (markers must exist). */
export function renderReadme(text, m = load()) {
  const put = (src, name, body) => {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(src)) throw new Error(`README.md lacks the <!-- ${name}:start --> / <!-- ${name}:end --> markers`);
    return src.replace(re, (_, a, b) => `${a}\n${body}\n${b}`);
  };
  return put(put(text, 'commands', commandsTable(m)), 'settings', settingsTable(m));
}

function main() {
  const text = fs.readFileSync(README, 'utf8');
  const next = renderReadme(text);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error('[readme] the command or setting tables are out of date: run npm run readme');
      process.exit(1);
    }
    return;
  }
  if (next !== text) fs.writeFileSync(README, next);
  console.log(`[readme] tables ${next === text ? 'already current' : 'regenerated'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
