// The plan page's HTML: one self-contained document (CSP: no remote resources, one nonce'd style
// and script, theme colours only). Everything shown is escaped; no token reaches it (the plan
// masks names and expressions, the legacy token shows only its mask).
import * as vscode from 'vscode';
import { createAppUrl, manifestJson, manifestYaml, type LegacyComparison, type MigrationPlan, type Site } from '../../core/migrate';

export interface PageContext {
  nonce: string;
  cspSource: string;
  folderName: string;
  /** The legacy token the plan replaces, when known: label and mask only. */
  legacy?: { label: string; masked: string; scopesKnown: boolean; comparison?: LegacyComparison };
  /** The vault holds an app configuration token: Validate and Create with the API are offered. */
  hasConfigToken: boolean;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function siteLink(s: Site): string {
  const label = `${s.path}:${s.line}`;
  return `<a href="#" class="site" data-path="${esc(s.path)}" data-line="${s.line}" data-column="${s.column}">${esc(label)}</a>${s.via ? ` <span class="via">${esc(s.via)}</span>` : ''}`;
}

const sites = (list: readonly Site[]) => list.map(siteLink).join(', ');
const code = (s: string) => `<code>${esc(s)}</code>`;

function scopesSection(plan: MigrationPlan): string {
  const rows: string[] = [];
  for (const s of plan.scopes) {
    const methods = plan.methods.filter((m) => m.token === s.token && m.scopes.includes(s.scope));
    const listeners = plan.listeners.filter((l) => l.scopes.includes(s.scope) && !l.problem);
    const what = [
      ...methods.map((m) => `<li>${code(m.method)}${m.scopes.length > 1 ? ` <span class="note">${esc(vscode.l10n.t('one of {0}', m.scopes.join(', ')))}</span>` : ''}: ${sites(m.sites)}</li>`),
      ...listeners.map((l) => `<li>${esc(l.kind)} ${l.name ? code(l.name) : ''}: ${sites(l.sites)}</li>`),
    ];
    rows.push(`<tr><td>${code(s.scope)}</td><td>${esc(s.token === 'bot' ? vscode.l10n.t('bot') : vscode.l10n.t('user'))}</td><td><ul>${what.join('')}</ul></td></tr>`);
  }
  const free = plan.methods.filter((m) => m.token === 'none' || m.token === 'configuration');
  for (const m of free) {
    const why = m.token === 'none' ? vscode.l10n.t('no scope listed by Slack') : vscode.l10n.t('app configuration token ({0})', m.scopes.join(', '));
    rows.push(`<tr><td>—</td><td>${esc(why)}</td><td><ul><li>${code(m.method)}: ${sites(m.sites)}</li></ul></td></tr>`);
  }
  return `<h2>${esc(vscode.l10n.t('Web API methods, by the scope they need'))}</h2>
<table><thead><tr><th>${esc(vscode.l10n.t('Scope'))}</th><th>${esc(vscode.l10n.t('Token'))}</th><th>${esc(vscode.l10n.t('Methods and listeners, with their call sites'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function listenersSection(plan: MigrationPlan): string {
  if (!plan.listeners.length) return '';
  const rows = plan.listeners.map((l) => {
    const needs = l.problem ? `<span class="warn">${esc(l.problem)}</span>` : [...l.events.map((e) => `${esc(vscode.l10n.t('event'))} ${code(e)}`), ...l.scopes.map(code)].join(', ') || esc(vscode.l10n.t('interactivity'));
    return `<tr><td>${esc(l.kind)}</td><td>${l.name ? code(l.name) : '—'}</td><td>${needs}</td><td>${sites(l.sites)}</td></tr>`;
  });
  return `<h2>${esc(vscode.l10n.t('Listeners'))}</h2>
<table><thead><tr><th>${esc(vscode.l10n.t('Kind'))}</th><th>${esc(vscode.l10n.t('Name'))}</th><th>${esc(vscode.l10n.t('Needs'))}</th><th>${esc(vscode.l10n.t('Where'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function unmappedSection(plan: MigrationPlan): string {
  const items = [
    ...plan.unknownMethods.map((u) => `<li>${esc(vscode.l10n.t('Unknown method'))} ${code(u.name)}: ${esc(vscode.l10n.t("not in Slack's method list, no scope added"))} — ${sites(u.sites)}</li>`),
    ...plan.dynamic.map((d) => `<li>${esc(vscode.l10n.t('Dynamic method name'))} ${code(d.expression)}: ${esc(vscode.l10n.t('the plan cannot tell which method this calls; add its scope by hand'))} — ${siteLink(d.site)}</li>`),
    ...plan.listeners.filter((l) => l.problem).map((l) => `<li>${esc(l.kind)} ${l.name ? code(l.name) : ''}: ${esc(l.problem!)} — ${sites(l.sites)}</li>`),
  ];
  if (!items.length) return `<h2>${esc(vscode.l10n.t('Not mapped'))}</h2><p>${esc(vscode.l10n.t('Every Slack call and listener found was mapped.'))}</p>`;
  return `<h2 class="warn">${esc(vscode.l10n.t('Not mapped ({0})', items.length))}</h2><ul>${items.join('')}</ul>`;
}

function legacySection(plan: MigrationPlan, ctx: PageContext): string {
  const needed = `<ul class="scopes">${plan.scopes.map((s) => `<li>${code(s.scope)} <span class="note">${esc(s.token)}</span></li>`).join('')}</ul>`;
  let left: string;
  if (!ctx.legacy) {
    left = `<p>${esc(vscode.l10n.t('No legacy token chosen. Run this command from a legacy token in the Tokens view (or its lightbulb) to compare.'))}</p>`;
  } else if (!ctx.legacy.scopesKnown || !ctx.legacy.comparison) {
    left = `<p>${esc(ctx.legacy.label)} ${code(ctx.legacy.masked)}</p><p>${esc(vscode.l10n.t('Its scopes are not known yet.'))}</p><button data-action="testLegacy">${esc(vscode.l10n.t('Test the token to read its scopes'))}</button>`;
  } else {
    const c = ctx.legacy.comparison;
    const rows = c.rows
      .map((r) => `<tr><td>${code(r.legacy)}</td><td>${esc(r.meaning)}</td><td>${r.needed.map(code).join(', ') || '—'}</td><td class="dropped">${r.dropped.map(code).join(', ') || '—'}</td></tr>`)
      .join('');
    left = `<p>${esc(ctx.legacy.label)} ${code(ctx.legacy.masked)}</p>
<table><thead><tr><th>${esc(vscode.l10n.t('Legacy scope'))}</th><th>${esc(vscode.l10n.t('What it allows'))}</th><th>${esc(vscode.l10n.t('Needed by the code'))}</th><th>${esc(vscode.l10n.t('Dropped'))}</th></tr></thead><tbody>${rows}</tbody></table>
${c.otherHeld.length ? `<p>${esc(vscode.l10n.t('Other scopes it holds:'))} ${c.otherHeld.map(code).join(', ')}</p>` : ''}
<p class="summary">${esc(vscode.l10n.t('The legacy scopes stand for {0} granular scopes (and act as the user everywhere); the code needs {1}.', c.legacyBreadth, c.needed))}</p>`;
  }
  return `<h2>${esc(vscode.l10n.t('What the legacy token can do, and what the code needs'))}</h2>
<div class="sides"><section><h3>${esc(vscode.l10n.t('Legacy token'))}</h3>${left}</section><section><h3>${esc(vscode.l10n.t('The new app ({0} scopes)', plan.scopes.length))}</h3>${needed}</section></div>`;
}

function actions(ctx: PageContext): string {
  const api = ctx.hasConfigToken
    ? `<button data-action="validate">${esc(vscode.l10n.t('Validate'))}</button><button data-action="createApi">${esc(vscode.l10n.t('Create with the API'))}</button>`
    : `<span class="note">${esc(vscode.l10n.t('Add an app configuration token (xoxe.xoxp-…) to the vault to validate and create the app from here.'))}</span>`;
  return `<div class="actions">
<button data-action="copy">${esc(vscode.l10n.t('Copy manifest'))}</button>
<button data-action="save">${esc(vscode.l10n.t('Save as slack-app-manifest.yaml'))}</button>
<button data-action="openInSlack">${esc(vscode.l10n.t('Create this app in Slack'))}</button>
${api}
</div>
<div id="status" role="status"></div>
<ul id="problems"></ul>
<div id="next" hidden><h3>${esc(vscode.l10n.t('Next steps'))}</h3>
<button data-action="install">${esc(vscode.l10n.t('1. Install the app'))}</button>
<button data-action="addToken">${esc(vscode.l10n.t('2. Store the new token (Add Token)'))}</button>
<button data-action="scan">${esc(vscode.l10n.t('3. Replace the references (Scan Workspace)'))}</button>
<button data-action="revokeLegacy">${esc(vscode.l10n.t('4. Revoke the legacy token'))}</button>
</div>`;
}

const STYLE = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1.5em 2em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .3em .6em; border-bottom: 1px solid var(--vscode-panel-border); }
ul { margin: 0; padding-left: 1.2em; } code, pre { font-family: var(--vscode-editor-font-family); }
code { background: var(--vscode-textCodeBlock-background); padding: 0 .2em; }
pre { background: var(--vscode-textCodeBlock-background); padding: .8em; overflow: auto; max-height: 40em; }
a { color: var(--vscode-textLink-foreground); } .via, .note { color: var(--vscode-descriptionForeground); }
.warn { color: var(--vscode-editorWarning-foreground); } .dropped code { text-decoration: line-through; color: var(--vscode-descriptionForeground); }
.sides { display: flex; gap: 2em; flex-wrap: wrap; } .sides section { flex: 1 1 20em; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .4em .9em; margin: .2em .4em .2em 0; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); } button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
#status { margin: .6em 0; } #status.error { color: var(--vscode-errorForeground); }
.summary { font-weight: bold; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const a = e.target.closest('a.site');
  if (a) { e.preventDefault(); vscode.postMessage({ type: 'open', path: a.dataset.path, line: Number(a.dataset.line), column: Number(a.dataset.column) }); return; }
  const b = e.target.closest('button[data-action]');
  if (!b) return;
  const action = b.dataset.action;
  if (action === 'toggle') {
    const json = document.getElementById('json'), yaml = document.getElementById('yaml');
    const showJson = json.hidden; json.hidden = !showJson; yaml.hidden = showJson;
    b.textContent = showJson ? b.dataset.yaml : b.dataset.json;
    return;
  }
  vscode.postMessage({ type: action, format: document.getElementById('json').hidden ? 'yaml' : 'json' });
});
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type !== 'status') return;
  const s = document.getElementById('status');
  s.textContent = m.text; s.className = m.error ? 'error' : '';
  const p = document.getElementById('problems');
  p.replaceChildren(...(m.problems || []).map((x) => { const li = document.createElement('li'); const c = document.createElement('code'); c.textContent = x.pointer; li.append(c, ' ' + x.message); return li; }));
  if (m.next) document.getElementById('next').hidden = false;
});
`;

export function renderPlanPage(plan: MigrationPlan, ctx: PageContext): string {
  const head = `<!DOCTYPE html><html lang="${esc(vscode.env.language)}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${ctx.cspSource}; style-src 'nonce-${ctx.nonce}'; script-src 'nonce-${ctx.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>${esc(vscode.l10n.t('Migration plan'))}</title><style nonce="${ctx.nonce}">${STYLE}</style></head><body>`;
  const skipped = plan.skipped.length
    ? `<details><summary>${esc(vscode.l10n.t('{0} files skipped', plan.skipped.length))}</summary><ul>${plan.skipped
        .slice(0, 200)
        .map((s) => `<li>${code(s.path)}: ${esc(s.reason)}</li>`)
        .join('')}</ul></details>`
    : '';
  const intro = `<h1>${esc(vscode.l10n.t('Migration plan: {0}', ctx.folderName))}</h1><p>${esc(vscode.l10n.t('{0} files read. Computed from the code on this machine; nothing was sent anywhere.', plan.filesRead))}</p>${skipped}`;
  if (plan.empty) {
    return `${head}${intro}<h2>${esc(vscode.l10n.t('No Slack Web API calls found'))}</h2><p>${esc(
      vscode.l10n.t('The plan found no Slack Web API call, Bolt listener, Socket Mode or RTM client in this folder, so there is no app manifest to propose. If the code builds method names at run time, they are listed below.'),
    )}</p>${unmappedSection(plan)}</body></html>`;
  }
  const yaml = manifestYaml(plan.manifest);
  const json = manifestJson(plan.manifest);
  const modes = [
    plan.socketMode.length ? `<li>${esc(vscode.l10n.t('Socket Mode'))}: ${sites(plan.socketMode)}</li>` : '',
    plan.rtm.length ? `<li>${esc(vscode.l10n.t('RTM'))}: ${sites(plan.rtm)}</li>` : '',
  ].join('');
  const notes = plan.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  return `${head}${intro}
${legacySection(plan, ctx)}
${scopesSection(plan)}
${listenersSection(plan)}
${unmappedSection(plan)}
${modes || notes ? `<h2>${esc(vscode.l10n.t('Settings and notes'))}</h2><ul>${modes}${notes}</ul>` : ''}
<h2>${esc(vscode.l10n.t('App manifest'))}</h2>
<button class="secondary" data-action="toggle" data-json="${esc(vscode.l10n.t('Show JSON'))}" data-yaml="${esc(vscode.l10n.t('Show YAML'))}">${esc(vscode.l10n.t('Show JSON'))}</button>
<pre id="yaml">${esc(yaml)}</pre><pre id="json" hidden>${esc(json)}</pre>
${actions(ctx)}
<p class="note">${esc(vscode.l10n.t('"Create this app in Slack" opens {0} with the manifest filled in.', createAppUrl(plan.manifest).slice(0, 48) + '…'))}</p>
<script nonce="${ctx.nonce}">${SCRIPT}</script></body></html>`;
}
