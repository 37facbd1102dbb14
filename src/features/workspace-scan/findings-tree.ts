// The "Findings" view: the workspace scan's results grouped by file; each finding opens the
// token's location. Labels show the kind and the masked token only. With "Include git history",
// a group "In history only" lists tokens no longer in any file but still in commits.
import type { CommitRef } from '../../core/git/objects';
import * as vscode from 'vscode';
import { kindInfo } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { redact } from '../../core/redact';
import { severityFor, type SeverityConfig } from '../diagnostics/format';
import type { ScanFinding } from './scanner';

/** The icon the Problems panel shows for a severity (Hint has none there: a lightbulb here). */
const SEVERITY_ICON: Record<vscode.DiagnosticSeverity, [string, string]> = {
  [vscode.DiagnosticSeverity.Error]: ['error', 'problemsErrorIcon.foreground'],
  [vscode.DiagnosticSeverity.Warning]: ['warning', 'problemsWarningIcon.foreground'],
  [vscode.DiagnosticSeverity.Information]: ['info', 'problemsInfoIcon.foreground'],
  [vscode.DiagnosticSeverity.Hint]: ['lightbulb', 'problemsInfoIcon.foreground'],
};

export interface FileNode {
  type: 'file';
  uri: vscode.Uri;
  findings: ScanFinding[];
}

/** A finding node also carries what the quick-fix commands take ({ uri, range, kind }). */
export interface FindingNode {
  type: 'finding';
  uri: vscode.Uri;
  range: vscode.Range;
  kind: KindId;
  finding: ScanFinding;
}

/** A token found only in history: `uri` is a read-only document of the blob that first held it. */
export interface HistoryFindingNode {
  type: 'history-finding';
  uri: vscode.Uri;
  range: vscode.Range;
  kind: KindId;
  finding: ScanFinding;
  commit?: CommitRef;
  /** The path the token had in that commit. */
  path: string;
  /** How many commits and paths record it. */
  occurrences: number;
}

export interface HistoryGroupNode {
  type: 'history';
}

export type FindingsNode = FileNode | FindingNode | HistoryGroupNode | HistoryFindingNode;

const HISTORY_GROUP: HistoryGroupNode = { type: 'history' };

const REFRESH_MS = 250;

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private files = new Map<string, FileNode>();
  private history: HistoryFindingNode[] = [];

  /** `severity` gives the settings in effect, so icons match the severities in Problems. */
  constructor(private readonly severity: () => SeverityConfig) {}
  /**
   * A pending refresh: each refresh makes VS Code fetch every file node again, so a scan that sets
   * thousands of files refreshes the view a few times a second, not once a file.
   */
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.emitter.dispose();
  }

  /** Replaces everything (a new scan). */
  reset(): void {
    this.files.clear();
    this.history = [];
    this.flush();
  }

  /** Sets one file's findings (an empty list removes the file); the view refreshes shortly. */
  set(uri: vscode.Uri, findings: ScanFinding[]): void {
    const key = uri.toString();
    if (findings.length === 0) this.files.delete(key);
    else this.files.set(key, { type: 'file', uri, findings });
    this.refreshTimer ??= setTimeout(() => this.flush(), REFRESH_MS);
  }

  /** Refreshes the view now (the end of a scan). */
  flush(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.emitter.fire(undefined);
  }

  /** Sets the "In history only" group (empty hides it). */
  setHistory(nodes: HistoryFindingNode[]): void {
    this.history = nodes;
    this.emitter.fire(undefined);
  }

  historyFindings(): readonly HistoryFindingNode[] {
    return this.history;
  }

  has(uri: vscode.Uri): boolean {
    return this.files.has(uri.toString());
  }

  fileCount(): number {
    return this.files.size;
  }

  findingCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.findings.length;
    return n;
  }

  allFiles(): FileNode[] {
    return [...this.files.values()].sort((a, b) => {
      const pa = vscode.workspace.asRelativePath(a.uri);
      const pb = vscode.workspace.asRelativePath(b.uri);
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (!node) return this.history.length ? [HISTORY_GROUP, ...this.allFiles()] : this.allFiles();
    if (node.type === 'history') return this.history;
    if (node.type === 'file') {
      return node.findings.map((finding) => ({ type: 'finding', uri: node.uri, range: finding.range, kind: finding.kind, finding }));
    }
    return [];
  }

  getParent(node: FindingsNode): FindingsNode | undefined {
    if (node.type === 'history-finding') return HISTORY_GROUP;
    return node.type === 'finding' ? this.files.get(node.uri.toString()) : undefined;
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (node.type === 'history') {
      const item = new vscode.TreeItem(vscode.l10n.t('In history only'), vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(this.history.length);
      item.tooltip = vscode.l10n.t('Tokens no longer in any file but still in git commits: every clone and fork has them. Revoke them.');
      item.iconPath = new vscode.ThemeIcon('git-commit');
      item.contextValue = 'historyGroup';
      return item;
    }
    if (node.type === 'history-finding') {
      const c = node.commit;
      const when = c ? `${c.short} ${c.date.slice(0, 10)}` : vscode.l10n.t('no commit');
      const about = c
        ? vscode.l10n.t('First committed in {0} ({1}) by {2} as {3}; in {4} commits and paths in all. It is in every clone: revoke it.', c.short, c.date.slice(0, 10), redact(c.author), redact(node.path), node.occurrences)
        : vscode.l10n.t('In the repository as {0}, in no commit of a branch. Revoke it.', redact(node.path));
      return findingItem(node, `${node.finding.masked} · ${when} · ${redact(node.path)}`, about, new vscode.ThemeIcon('history'), 'historyFinding');
    }
    if (node.type === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      // A token in a file or folder name is masked like any other (the label is set, not derived from the URI).
      item.label = redact(node.uri.path.replace(/^.*\//, ''));
      item.description = `${redact(vscode.workspace.asRelativePath(node.uri.with({ path: node.uri.path.replace(/\/[^/]*$/, '') || '/' })))} · ${node.findings.length}`;
      item.tooltip = vscode.l10n.t('{0}: {1} Slack credentials', redact(vscode.workspace.asRelativePath(node.uri)), node.findings.length);
      item.contextValue = 'file';
      return item;
    }
    const f = node.finding;
    const [icon, color] = SEVERITY_ICON[severityFor(f, this.severity())];
    return findingItem(node, vscode.l10n.t('{0} · Ln {1}, Col {2}', f.masked, f.line, f.column), kindInfo(f.kind).description, new vscode.ThemeIcon(icon, new vscode.ThemeColor(color)), 'finding');
  }
}

/** A finding's item: kind label, masked token, a tooltip, and a click that opens its place. */
function findingItem(node: FindingNode | HistoryFindingNode, description: string, about: string, icon: vscode.ThemeIcon, context: string): vscode.TreeItem {
  const f = node.finding;
  const info = kindInfo(f.kind);
  const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.None);
  item.description = description;
  item.tooltip = new vscode.MarkdownString(undefined, false);
  item.tooltip.appendText(`${info.label} ${f.masked}${f.legacy ? ` (${vscode.l10n.t('legacy')})` : ''}\n\n${about}`);
  item.iconPath = icon;
  item.contextValue = f.legacy ? `${context}.legacy` : context;
  item.command = {
    title: vscode.l10n.t('Open'),
    command: 'vscode.open',
    arguments: [node.uri, { selection: node.range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
  };
  return item;
}
