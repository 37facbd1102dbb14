// The "Findings" view: the workspace scan's results grouped by file; each finding opens the
// token's location. Labels show the kind and the masked token only.
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

export type FindingsNode = FileNode | FindingNode;

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private files = new Map<string, FileNode>();

  /** `severity` gives the settings in effect, so icons match the severities in Problems. */
  constructor(private readonly severity: () => SeverityConfig) {}

  dispose(): void {
    this.emitter.dispose();
  }

  /** Replaces everything (a new scan). */
  reset(): void {
    this.files.clear();
    this.emitter.fire(undefined);
  }

  /** Sets one file's findings (an empty list removes the file). */
  set(uri: vscode.Uri, findings: ScanFinding[]): void {
    const key = uri.toString();
    if (findings.length === 0) this.files.delete(key);
    else this.files.set(key, { type: 'file', uri, findings });
    this.emitter.fire(undefined);
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
    if (!node) return this.allFiles();
    if (node.type === 'file') {
      return node.findings.map((finding) => ({ type: 'finding', uri: node.uri, range: finding.range, kind: finding.kind, finding }));
    }
    return [];
  }

  getParent(node: FindingsNode): FindingsNode | undefined {
    return node.type === 'finding' ? this.files.get(node.uri.toString()) : undefined;
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
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
    const info = kindInfo(f.kind);
    const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('{0} · Ln {1}, Col {2}', f.masked, f.line, f.column);
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(`${info.label} ${f.masked}${f.legacy ? ` (${vscode.l10n.t('legacy')})` : ''}\n\n${info.description}`);
    const [icon, color] = SEVERITY_ICON[severityFor(f, this.severity())];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = f.legacy ? 'finding.legacy' : 'finding';
    item.command = {
      title: vscode.l10n.t('Open'),
      command: 'vscode.open',
      arguments: [node.uri, { selection: node.range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}
