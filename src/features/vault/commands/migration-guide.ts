// Open Migration Guide: Slack's legacy-token guide, and for a specific legacy token a page that lists
// the scopes it holds and the granular scopes that replace them (a read-only markdown document).
import * as vscode from 'vscode';
import { KINDS } from '../../../core/detect';
import { LEGACY_SCOPE_REPLACEMENTS, LEGACY_SCOPES_URL, legacyScopesIn } from '../../../core/slack';
import { MIGRATION_GUIDE_URL } from '../../ids';
import { Cancelled } from '../../run-command';
import type { StoredToken } from '../token-store';
import type { TokenArg, VaultDeps } from './target';
import { resolveToken } from './target';

export const GUIDE_SCHEME = 'slack-token-guard-guide';

/** Read-only documents for per-token guides (no untitled buffer that asks to be saved). */
export class GuideDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(GUIDE_SCHEME, this);

  set(id: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: GUIDE_SCHEME, path: `/${id}/migration-guide.md` });
    this.pages.set(uri.path, markdown);
    this.emitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}

export interface MigrationGuideOptions {
  /** Open Slack's guide in the browser (default true; tests pass false). */
  openExternal?: boolean;
  /** Show the per-token page (default true). */
  showPage?: boolean;
}

export interface MigrationGuideResult {
  url: string;
  /** With no legacy token stored: whether the user agreed to open Slack's guide in the browser after the explanation. */
  browser?: 'accepted' | 'declined';
  id?: string;
  legacyScopes: string[];
  markdown?: string;
  uri?: string;
}

function isLegacyish(t: StoredToken): boolean {
  return !!t.legacy || !!KINDS[t.kind]?.legacy;
}

const mdEscape = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');

export function migrationMarkdown(t: StoredToken): string {
  const held = legacyScopesIn(t.scopes ?? []);
  const lines = [
    `# ${vscode.l10n.t('Migrating “{0}”', mdEscape(t.label))}`,
    '',
    `\`${t.masked.replace(/`/g, '')}\` — ${mdEscape(KINDS[t.kind]?.label ?? t.kind)}${t.team ? ` · ${mdEscape(t.team)}` : ''}${t.user ? ` · ${mdEscape(t.user)}` : ''}`,
    '',
    vscode.l10n.t(
      'A legacy token acts as its user with everything they can see and do. Slack stopped issuing them and revokes unused ones. Replace it with a Slack app whose token holds only the scopes your program uses.',
    ),
    '',
  ];
  if (held.length) {
    lines.push(`## ${vscode.l10n.t('Scopes it holds and what replaces them')}`, '');
    lines.push(`| ${vscode.l10n.t('Legacy scope')} | ${vscode.l10n.t('What it allowed')} | ${vscode.l10n.t('Granular scopes')} |`, '|---|---|---|');
    for (const s of held) {
      const r = LEGACY_SCOPE_REPLACEMENTS[s];
      const repl = r.replacements.length ? r.replacements.map((x) => `\`${x}\``).join(', ') : vscode.l10n.t('none needed');
      lines.push(`| \`${s}\` | ${r.meaning} | ${repl}${r.note ? ` — ${r.note}` : ''} |`);
    }
    const other = (t.scopes ?? []).filter((s) => !held.includes(s as never));
    if (other.length) lines.push('', vscode.l10n.t('Other scopes it holds: {0}', other.map((s) => `\`${s}\``).join(', ')));
    lines.push('');
  } else {
    lines.push(vscode.l10n.t('Its scopes are not known yet: run Test Token to read them from Slack.'), '');
  }
  lines.push(
    `## ${vscode.l10n.t('Steps')}`,
    '',
    `1. ${vscode.l10n.t('Create a Slack app at https://api.slack.com/apps and add only the granular scopes your program calls. "Slack Token Guard: Plan Migration to a Slack App" reads your code and writes that app\'s manifest for you.')}`,
    `2. ${vscode.l10n.t('Install it to the workspace and store the new token with "Slack Token Guard: Add Token".')}`,
    `3. ${vscode.l10n.t('Point your program at the new token (an environment variable, never a literal in code).')}`,
    `4. ${vscode.l10n.t('Revoke the legacy token with "Slack Token Guard: Revoke Token", then find where it still appears with "Scan Workspace".')}`,
    '',
    `- ${vscode.l10n.t('Legacy tokens and how to migrate')}: ${MIGRATION_GUIDE_URL}`,
    `- ${vscode.l10n.t('Legacy scopes and their replacements')}: ${LEGACY_SCOPES_URL}`,
    '',
  );
  return lines.join('\n');
}

/** What the command is about, shown in the editor before anything opens in the browser. */
export function generalGuideMarkdown(): string {
  return [
    `# ${vscode.l10n.t('Legacy Slack tokens and how to migrate')}`,
    '',
    vscode.l10n.t('No legacy token is stored in Slack Token Guard, so there is no token-specific guide to show.'),
    '',
    vscode.l10n.t(
      'Legacy tokens (xoxp- and xoxs- tokens from the old "legacy token" page, classic custom bots, xoxo-) act as their user with everything they can see and do. Slack stopped issuing them and revokes unused ones. Slack\'s guide explains how to replace one with a Slack app whose token holds only the scopes your program uses.',
    ),
    '',
    `- ${vscode.l10n.t('Legacy tokens and how to migrate')}: ${MIGRATION_GUIDE_URL}`,
    `- ${vscode.l10n.t('Legacy scopes and their replacements')}: ${LEGACY_SCOPES_URL}`,
    '',
    vscode.l10n.t('Store a legacy token (Add Token or Move to Secret Storage) and run Test Token to get a page listing the scopes it holds and what replaces each.'),
    '',
  ].join('\n');
}

async function showGuidePage(guides: GuideDocuments, id: string, markdown: string): Promise<vscode.Uri> {
  const uri = guides.set(id, markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  return uri;
}

export async function openMigrationGuide(
  deps: VaultDeps & { guides: GuideDocuments },
  arg?: TokenArg,
  options: MigrationGuideOptions = {},
): Promise<MigrationGuideResult> {
  let t: StoredToken | undefined;
  let nothingStored = false;
  if (arg !== undefined && arg !== null) {
    t = await resolveToken(deps.store, arg, { title: '' });
  } else {
    const legacy = deps.store.list().filter(isLegacyish);
    if (legacy.length) {
      const guideOnly = { label: vscode.l10n.t('$(book) Open the guide only'), token: undefined as StoredToken | undefined };
      const picked = await vscode.window.showQuickPick(
        [guideOnly, ...legacy.map((x) => ({ label: x.label, description: x.masked, token: x as StoredToken | undefined }))],
        { title: vscode.l10n.t('Migration guide for which legacy token?'), ignoreFocusOut: true },
      );
      if (!picked) throw new Cancelled();
      t = picked.token;
    } else {
      nothingStored = true;
    }
  }
  const result: MigrationGuideResult = { url: MIGRATION_GUIDE_URL, legacyScopes: [] };
  if (t) {
    result.id = t.id;
    result.legacyScopes = legacyScopesIn(t.scopes ?? []);
    result.markdown = migrationMarkdown(t);
    if (options.showPage !== false) result.uri = (await showGuidePage(deps.guides, t.id, result.markdown)).toString();
  }
  if (nothingStored) {
    // Explain first, in the editor, and go to the browser only when the user says so.
    result.markdown = generalGuideMarkdown();
    if (options.showPage !== false) result.uri = (await showGuidePage(deps.guides, 'general', result.markdown)).toString();
    const open = vscode.l10n.t('Open in Browser');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t("No legacy token is stored. Open Slack's guide to migrating legacy tokens ({0}) in the browser?", MIGRATION_GUIDE_URL),
      open,
    );
    result.browser = choice === open ? 'accepted' : 'declined';
    if (choice !== open) return result;
  }
  if (options.openExternal !== false) await vscode.env.openExternal(vscode.Uri.parse(MIGRATION_GUIDE_URL));
  return result;
}
