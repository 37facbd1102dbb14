// The "Findings" view: the workspace scan's results grouped by file; each finding opens the
// token's location. Labels show the kind and the masked token only.
import * as vscode from 'vscode';
import { kindInfo } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import type { ScanFinding } from './scanner';

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

const REFRESH_MS = 250;

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private files = new Map<string, FileNode>();
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
      item.description = `${vscode.workspace.asRelativePath(node.uri.with({ path: node.uri.path.replace(/\/[^/]*$/, '') || '/' }))} · ${node.findings.length}`;
      item.tooltip = vscode.l10n.t('{0}: {1} Slack credentials', vscode.workspace.asRelativePath(node.uri), node.findings.length);
      item.contextValue = 'file';
      return item;
    }
    const f = node.finding;
    const info = kindInfo(f.kind);
    const item = new vscode.TreeItem(info.label, vscode.TreeItemCollapsibleState.None);
    item.description = vscode.l10n.t('{0} · Ln {1}, Col {2}', f.masked, f.line, f.column);
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(`${info.label} ${f.masked}${f.legacy ? ` (${vscode.l10n.t('legacy')})` : ''}\n\n${info.description}`);
    item.iconPath = new vscode.ThemeIcon(f.legacy ? 'error' : f.confidence === 'low' ? 'info' : 'warning');
    item.contextValue = f.legacy ? 'finding.legacy' : 'finding';
    item.command = {
      title: vscode.l10n.t('Open'),
      command: 'vscode.open',
      arguments: [node.uri, { selection: node.range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
    };
    return item;
  }
}
