// The "Tokens" view: one item per stored token (label, kind icon, masked value, team and user, a
// status badge), expandable into its scopes. Every string shown comes from the store's non-secret facts.
import * as vscode from 'vscode';
import { KINDS } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { endpointLabel, COMMERCIAL_ENDPOINT, legacyScopesIn } from '../../core/slack';
import { isCheckableKind } from './slack-service';
import type { StoredToken, TokenStatus, TokenStore } from './token-store';

export type TokenNode = { type: 'token'; token: StoredToken };
export type ScopeNode = { type: 'scope'; tokenId: string; scope: string; legacy: boolean };
export type VaultNode = TokenNode | ScopeNode;

const KIND_ICONS: Partial<Record<KindId, string>> = {
  bot: 'robot',
  'bot-legacy': 'robot',
  user: 'account',
  'user-short': 'account',
  'legacy-session': 'account',
  client: 'browser',
  cookie: 'browser',
  app: 'package',
  'config-access': 'sync',
  'config-refresh': 'sync',
  workspace: 'organization',
  'workflow-token': 'workflow',
  webhook: 'link',
  'workflow-webhook': 'link',
  trigger: 'link',
  'signing-secret': 'lock',
  'client-secret': 'lock',
};

const STATUS_COLORS: Record<TokenStatus, string | undefined> = {
  valid: 'testing.iconPassed',
  invalid: 'list.errorForeground',
  revoked: 'disabledForeground',
  unknown: 'list.warningForeground',
  unchecked: undefined,
};

export function statusText(status: TokenStatus): string {
  switch (status) {
    case 'valid':
      return vscode.l10n.t('valid');
    case 'invalid':
      return vscode.l10n.t('invalid');
    case 'revoked':
      return vscode.l10n.t('revoked');
    case 'unknown':
      return vscode.l10n.t('unknown');
    case 'unchecked':
      return vscode.l10n.t('not checked');
  }
}

/** contextValue: `token` plus flags the menus match with regexes (see package.json). */
export function contextValueFor(t: StoredToken): string {
  const info = KINDS[t.kind];
  const flags = ['token', `status-${t.status}`];
  if (isCheckableKind(t.kind)) flags.push('testable');
  if (t.status !== 'revoked') flags.push(info?.revoke === 'api' ? 'revocable' : 'revokeElsewhere');
  if (t.legacy || info?.legacy) flags.push('legacy');
  return flags.join(' ');
}

// Nodes this provider returned. Not proof of who asked (see getChildren): only Test, which sends a
// token nowhere but to its own Slack and returns nothing to another caller, takes one without a question.
const shown = new WeakSet<object>();
const show = (node: VaultNode): VaultNode => {
  shown.add(node);
  return node;
};

/** Whether `arg` is a node of the Tokens view: one a menu click gets, or any caller naming the view's item handle. */
export function isViewNode(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && shown.has(arg);
}

export class TokensTreeProvider implements vscode.TreeDataProvider<VaultNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VaultNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: TokenStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: VaultNode): VaultNode[] {
    // Not vouched (../caller.ts): VS Code hands these objects to any command whose argument names
    // the view and an item handle, whoever ran it, so a node proves nothing about who asked.
    if (!element) return this.store.list().map((token) => show({ type: 'token', token }));
    if (element.type === 'token') {
      const t = this.store.get(element.token.id) ?? element.token;
      const legacy = new Set<string>(legacyScopesIn(t.scopes ?? []));
      return (t.scopes ?? []).map((scope) => show({ type: 'scope', tokenId: t.id, scope, legacy: !!t.legacy && legacy.has(scope) }));
    }
    return [];
  }

  getParent(element: VaultNode): VaultNode | undefined {
    if (element.type === 'scope') {
      const token = this.store.get(element.tokenId);
      return token && show({ type: 'token', token });
    }
    return undefined;
  }

  getTreeItem(element: VaultNode): vscode.TreeItem {
    if (element.type === 'scope') {
      const item = new vscode.TreeItem(element.scope, vscode.TreeItemCollapsibleState.None);
      item.id = `${element.tokenId}/${element.scope}`;
      item.contextValue = element.legacy ? 'scope legacyScope' : 'scope';
      item.iconPath = new vscode.ThemeIcon(element.legacy ? 'warning' : 'key', element.legacy ? new vscode.ThemeColor('list.warningForeground') : undefined);
      if (element.legacy) item.description = vscode.l10n.t('legacy scope');
      return item;
    }
    const t = element.token;
    const info = KINDS[t.kind];
    const hasScopes = (t.scopes?.length ?? 0) > 0;
    const item = new vscode.TreeItem(t.label, hasScopes ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = t.id;
    item.contextValue = contextValueFor(t);
    const color = STATUS_COLORS[t.status];
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[t.kind] ?? 'key', color ? new vscode.ThemeColor(color) : undefined);
    item.description = describeToken(t);
    item.tooltip = tooltipFor(t, info?.label ?? t.kind);
    item.accessibilityInformation = { label: `${t.label}, ${item.description}` };
    return item;
  }
}

/**
 * The mask as short as it can be and still tell tokens apart: a webhook drops its scheme and
 * `services/` (`hooks.slack.com/…Ab3F`), so the tail stays in sight at the default sidebar width.
 */
export function shortMask(masked: string): string {
  return masked.replace(/^https?:\/\//, '').replace(/(hooks\.slack(?:-gov)?\.com\/)services\//, '$1');
}

/** short mask · status (· legacy) · team/user: what tells tokens apart comes first, the longest part last. */
export function describeToken(t: StoredToken): string {
  const parts = [shortMask(t.masked), statusText(t.status)];
  if (t.legacy) parts.push(vscode.l10n.t('legacy'));
  const who = [t.team, t.user].filter(Boolean).join('/');
  if (who) parts.push(who);
  return parts.join(' · ');
}

function tooltipFor(t: StoredToken, kindLabel: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.isTrusted = false;
  md.appendMarkdown(`**${escape(t.label)}**  \n`);
  md.appendMarkdown(`${escape(kindLabel)} \`${t.masked.replace(/`/g, '')}\`  \n`);
  md.appendMarkdown(`${vscode.l10n.t('Status')}: ${statusText(t.status)}${t.legacy ? ` — **${vscode.l10n.t('legacy token')}**` : ''}  \n`);
  if (t.statusDetail) md.appendMarkdown(`${escape(t.statusDetail)}  \n`);
  if (t.team || t.user) md.appendMarkdown(`${vscode.l10n.t('Team')}: ${escape(t.team ?? '?')} · ${vscode.l10n.t('User')}: ${escape(t.user ?? '?')}${t.botId ? ` · ${vscode.l10n.t('Bot')}: ${escape(t.botId)}` : ''}  \n`);
  if (t.enterpriseId) md.appendMarkdown(`${vscode.l10n.t('Enterprise')}: ${escape(t.enterpriseId)}  \n`);
  if (t.endpoint !== COMMERCIAL_ENDPOINT) md.appendMarkdown(`${vscode.l10n.t('Endpoint')}: ${escape(endpointLabel(t.endpoint))}  \n`);
  if (t.scopes) md.appendMarkdown(`${vscode.l10n.t('Scopes')}: ${t.scopes.length ? t.scopes.map((s) => `\`${s.replace(/`/g, '')}\``).join(', ') : vscode.l10n.t('none reported')}  \n`);
  md.appendMarkdown(
    t.checkedAt
      ? `${vscode.l10n.t('Last check')}: ${new Date(t.checkedAt).toLocaleString()}`
      : vscode.l10n.t('Not checked yet: use Test Token.'),
  );
  return md;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
