// The `.slack-token-guard-ignore` file at the root of each workspace folder, as the CLI reads it:
// `stg1:…` fingerprint lines suppress one token anywhere below the folder, other lines are
// gitignore-style path patterns. Live diagnostics, the workspace scan and the "Ignore" quick fix
// (for formats without comments, such as JSON) share this one reader and writer.
import * as vscode from 'vscode';
import ignore, { type Ignore } from 'ignore';
import { parseToolIgnoreFile, TOOL_IGNORE_FILE } from '../../core/ignore-rules';
import type { Logger } from '../logger';

interface FolderIgnore {
  folder: vscode.WorkspaceFolder;
  fingerprints: Set<string>;
  paths?: Ignore;
}

export class IgnoreFiles implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after an ignore file changed on disk (or a folder was added or removed). */
  readonly onDidChange = this.emitter.event;
  private folders = new Map<string, FolderIgnore>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private watchers: vscode.Disposable[] = [];
  constructor(private readonly logger: Logger) {
    void this.reloadAll();
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reloadAll()));
  }

  dispose(): void {
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }

  static fileFor(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, TOOL_IGNORE_FILE);
  }

  private async reloadAll(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const next = new Map<string, FolderIgnore>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, TOOL_IGNORE_FILE));
      const reload = () => void this.reload(folder).then(() => this.emitter.fire());
      this.watchers.push(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
      next.set(folder.uri.toString(), await this.read(folder));
    }
    this.folders = next;
    this.emitter.fire();
  }

  private async reload(folder: vscode.WorkspaceFolder): Promise<void> {
    this.folders.set(folder.uri.toString(), await this.read(folder));
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<FolderIgnore> {
    let text = '';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(IgnoreFiles.fileFor(folder)));
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) {
        this.logger.warn(`could not read ${TOOL_IGNORE_FILE} in ${folder.name}`, e);
      }
    }
    const parsed = parseToolIgnoreFile(text);
    return {
      folder,
      fingerprints: new Set(parsed.fingerprints),
      paths: parsed.patterns.length ? ignore().add(parsed.patterns) : undefined,
    };
  }

  /** Re-reads every folder's file now (tests and the ignore quick fix call this after writing). */
  async refresh(): Promise<void> {
    for (const f of vscode.workspace.workspaceFolders ?? []) await this.reload(f);
    this.emitter.fire();
  }

  /**
   * Fingerprints suppressed for a document: its folder's, or every folder's for documents outside
   * the workspace (untitled buffers, VS Code's own settings).
   */
  fingerprintsFor(uri: vscode.Uri): ReadonlySet<string> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder) return this.folders.get(folder.uri.toString())?.fingerprints ?? new Set();
    if (this.folders.size === 1) return [...this.folders.values()][0].fingerprints;
    const all = new Set<string>();
    for (const f of this.folders.values()) for (const fp of f.fingerprints) all.add(fp);
    return all;
  }

  /** The ignore file whose rules apply to `uri` (its folder's; the only folder's for files outside). */
  sourceFor(uri: vscode.Uri): vscode.Uri | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? (this.folders.size === 1 ? [...this.folders.values()][0].folder : undefined);
    return folder ? IgnoreFiles.fileFor(folder) : undefined;
  }

  /** Whether the ignore file's path patterns exclude this file (the CLI skips such files too). */
  isPathIgnored(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const paths = folder && this.folders.get(folder.uri.toString())?.paths;
    if (!folder || !paths) return false;
    const rel = vscode.workspace.asRelativePath(uri, false);
    return rel !== '' && !rel.startsWith('..') && paths.ignores(rel);
  }

  /** The folder whose ignore file should hold a fingerprint for `uri`. */
  folderFor(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  }

  /** Appends a fingerprint line (with a comment saying what it is) unless it is already there. */
  async addFingerprint(folder: vscode.WorkspaceFolder, fingerprint: string, note: string): Promise<void> {
    const file = IgnoreFiles.fileFor(folder);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      text = '# Slack Token Guard: tokens (by fingerprint) and paths to leave alone. Read by the editor and the CLI.\n';
    }
    if (parseToolIgnoreFile(text).fingerprints.includes(fingerprint)) return;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    const line = `# ${note.replace(/[\r\n]+/g, ' ')}${eol}${fingerprint}${eol}`;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text + sep + line));
    await this.reload(folder);
    this.emitter.fire();
  }
}
