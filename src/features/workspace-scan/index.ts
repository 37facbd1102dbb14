// "Scan Workspace": every folder of a multi-root workspace, with progress and cancel; findings go
// to the Problems panel (a collection of its own for files that are not open, so open documents
// keep only their live diagnostics) and to the Findings view. Saving or closing a file rescans it
// from disk, so its findings stay current; a new scan replaces the old results.
import * as vscode from 'vscode';
import { readSeverityConfig, toMaskedDiagnostic } from '../diagnostics/format';
import type { LiveDiagnostics } from '../diagnostics/live-diagnostics';
import { Commands, Settings, Views } from '../ids';
import type { Logger } from '../logger';
import { registerCommand, UserError } from '../run-command';
import { withoutDialogAnswers } from '../dialog-answers';
import { readScanMaxFileSize } from '../settings';
import { FindingsTreeProvider, type FindingsNode } from './findings-tree';
import { FolderScanContext, scanUri, scanWorkspace, type ScanFinding, type ScanSummary } from './scanner';
import { historyUri, type ExposureService } from '../exposure';
import type { HistoryFindingNode } from './findings-tree';

export interface WorkspaceScanDeps {
  live: LiveDiagnostics;
  logger: Logger;
  /** Reads git history for "Include git history". */
  exposure?: ExposureService;
}

export interface ScanCommandOptions {
  /** Test seam: cancel as if the user pressed Cancel once this many files are done. */
  cancelAfterFiles?: number;
  /** Read and scan on the extension host's thread, without worker threads (the path taken when they cannot start). */
  inThread?: boolean;
  /** Test seam (honoured in the test host only): the worker threads fail once this many files came back from them. */
  faultAfterFiles?: number;
  /** Test seam (honoured in the test host only): the listing hands over this many files at a time and waits for their outcomes (scanner.ts `listSlice`). */
  listSlice?: number;
  /** Test seam (honoured in the test host only): the listing fails once this many files are listed. */
  faultListingAfterFiles?: number;
  /** How many worker threads (1 to 8; default one fewer than the cores, at least one, at most four): the editor benchmark compares them. */
  workerThreads?: number;
  /** Also read each folder's git history: tokens only in commits go to "In history only". */
  includeHistory?: boolean;
  /** Test seams: the untrusted-workspace question's answer, and whether the workspace counts as trusted. */
  allowGitUntrusted?: boolean;
  trusted?: boolean;
}

export interface WorkspaceScanRegistration extends vscode.Disposable {
  readonly tree: FindingsTreeProvider;
  readonly view: vscode.TreeView<FindingsNode>;
  readonly collection: vscode.DiagnosticCollection;
}

/** Files whose diagnostics are handed to VS Code at once during a scan. */
const BATCH_FILES = 500;

/**
 * Tokens in the history of the workspace's repositories that no scanned file holds (`inFiles`), read fresh
 * (the snapshot is rebuilt). Asks first in an untrusted workspace; no git or no repository: none.
 */
async function historyOnly(exposure: ExposureService, folders: readonly vscode.WorkspaceFolder[], inFiles: ReadonlySet<string>, options: ScanCommandOptions): Promise<HistoryFindingNode[]> {
  if (!(await exposure.allowGit(options.allowGitUntrusted, options.trusted))) return [];
  const tops = new Set<string>();
  for (const f of folders) {
    const top = exposure.topOf(f.uri);
    if (top) tops.add(top);
  }
  const out: HistoryFindingNode[] = [];
  for (const top of tops) {
    exposure.invalidate(top);
    const snap = await exposure.snapshot(top);
    if (!snap) continue;
    for (const f of snap.findings) {
      if (inFiles.has(f.fingerprint)) continue;
      const range = new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
      const { kind, confidence, legacy, line, column, endLine, endColumn, fingerprint, masked } = f;
      out.push({
        type: 'history-finding',
        uri: historyUri(top, f),
        range,
        kind,
        finding: { kind, confidence, legacy, line, column, endLine, endColumn, fingerprint, masked, range },
        commit: f.first?.commit,
        path: f.first?.path ?? f.path,
        occurrences: f.occurrences.length,
      });
    }
  }
  return out;
}

/** A test seam's count: a whole number of files, or undefined. */
function countOption(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A whole number of worker threads from 1 to 8, or undefined for the default. */
function threadsOption(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8 ? n : undefined;
}

export function registerWorkspaceScan(context: vscode.ExtensionContext, deps: WorkspaceScanDeps): WorkspaceScanRegistration {
  const { live, logger, exposure } = deps;
  const collection = vscode.languages.createDiagnosticCollection('slack-token-guard-scan');
  let severity = readSeverityConfig();
  const tree = new FindingsTreeProvider(() => severity);
  const view = vscode.window.createTreeView(Views.findings, { treeDataProvider: tree, showCollapseAll: true });
  let scanned = false;
  let running: vscode.CancellationTokenSource | undefined;
  let fileRefresh = Promise.resolve();

  /** A fault-injection seam does nothing outside the test host: another extension must not slow the user's scans. */
  const testOnly = (n: unknown) => (context.extensionMode === vscode.ExtensionMode.Test ? countOption(n) : undefined);
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'scan-worker.js').fsPath;
  const maxFileSize = () => readScanMaxFileSize();

  /** During a scan, diagnostics go to Problems in batches: one message per file costs VS Code more than the scan. */
  let batch: [vscode.Uri, vscode.Diagnostic[]][] | undefined;
  const flushBatch = () => {
    // A file opened meanwhile has live diagnostics now.
    if (batch?.length) collection.set(batch.filter(([uri]) => !live.isTracked(uri)));
    if (batch) batch = [];
  };
  const republish = () => {
    severity = readSeverityConfig();
    for (const f of tree.allFiles()) publish(f.uri, f.findings);
  };
  const publish = (uri: vscode.Uri, findings: ScanFinding[]) => {
    tree.set(uri, findings);
    // Open documents have live diagnostics; the scan's would only duplicate them.
    if (findings.length === 0 || live.isTracked(uri)) {
      collection.delete(uri);
      return;
    }
    const diagnostics = findings.map((f) => toMaskedDiagnostic(f, f.range, f.masked, severity));
    if (!batch) return collection.set(uri, diagnostics);
    batch.push([uri, diagnostics]);
    if (batch.length >= BATCH_FILES) flushBatch();
  };

  /** The message and the badge always come from the same counts, after a scan and after every file update. */
  const updateMessage = (summary?: ScanSummary) => {
    const files = tree.fileCount();
    const tokens = tree.findingCount();
    void vscode.commands.executeCommand('setContext', 'slackTokenGuard.hasFindings', scanned);
    view.badge = scanned && tokens ? { value: tokens, tooltip: vscode.l10n.t('{0} Slack credentials found in the workspace', tokens) } : undefined;
    if (!summary) {
      view.message = scanned ? vscode.l10n.t('{0} Slack credentials in {1} files.', tokens, files) : undefined;
      return;
    }
    const skipped = summary.skipped.binary + summary.skipped.tooLarge + summary.skipped.ignored + summary.skipped.unreadable;
    view.message = summary.cancelled
      ? vscode.l10n.t('Scan cancelled after {0} files: {1} Slack credentials so far, in {2} files. Results are partial.', summary.scanned, tokens, files)
      : vscode.l10n.t('{0} Slack credentials in {1} files ({2} files scanned, {3} skipped).', tokens, files, summary.scanned, skipped);
  };

  /** Rescans one file from disk (after save or close) if it belongs to a scanned folder. */
  const refreshFile = (uri: vscode.Uri) => {
    if (!scanned || uri.scheme !== 'file') return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    fileRefresh = fileRefresh.then(async () => {
      const ctx = await FolderScanContext.create(folder);
      if (ctx.ignoresPath(uri)) {
        publish(uri, []);
      } else {
        const outcome = await scanUri(uri, maxFileSize(), (fp) => ctx.ignoresFingerprint(uri, fp));
        publish(uri, outcome.status === 'scanned' ? outcome.findings : []);
      }
      updateMessage();
    }).catch((e) => logger.warn('could not rescan a file after save or close', e));
  };

  const scanCommand = async (options?: ScanCommandOptions): Promise<ScanSummary> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      throw new UserError(vscode.l10n.t('Open a folder or workspace to scan it.'), [], 'info');
    }
    running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    running = cts;
    const cancelAfter = typeof options?.cancelAfterFiles === 'number' ? options.cancelAfterFiles : undefined;
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning the workspace for Slack tokens'), cancellable: true },
        async (progress, userCancel) => {
          const sub = userCancel.onCancellationRequested(() => cts.cancel());
          tree.reset();
          collection.clear();
          batch = [];
          scanned = true;
          let reported = 0;
          const started = Date.now();
          try {
            const summary = await scanWorkspace(
              folders,
              {
                maxFileSize: maxFileSize(),
                token: cts.token,
                log: (m) => logger.warn(m),
                listSlice: testOnly(options?.listSlice) || undefined,
                faultListingAfterFiles: testOnly(options?.faultListingAfterFiles),
                workers: options?.inThread ? undefined : { script: workerScript, size: threadsOption(options?.workerThreads), faultAfterFiles: testOnly(options?.faultAfterFiles) },
                onFile: (done, total) => {
                  if (cancelAfter !== undefined && done >= cancelAfter) cts.cancel();
                  // While the folders are still listed the total is not known: the bar starts moving once it is.
                  if (total === undefined) return;
                  const pct = Math.floor((done / Math.max(1, total)) * 100);
                  if (pct > reported) {
                    progress.report({ increment: pct - reported, message: vscode.l10n.t('{0} of {1} files', done, total) });
                    reported = pct;
                  }
                },
              },
              (r) => publish(r.uri, r.findings),
            );
            flushBatch();
            tree.flush();
            if (options?.includeHistory && exposure && !cts.token.isCancellationRequested) {
              progress.report({ message: vscode.l10n.t('Reading git history') });
              const inFiles = new Set(tree.allFiles().flatMap((f) => f.findings.map((x) => x.fingerprint)));
              summary.history = await historyOnly(exposure, folders, inFiles, options);
              tree.setHistory(summary.history);
            }
            updateMessage(summary);
            logger.info(
              `workspace scan ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.findings} findings, ${summary.scanned} files scanned, skipped ${JSON.stringify(summary.skipped)}, ${summary.workers ? `${summary.workers} worker threads` : "on the extension host's thread"}, ${Date.now() - started} ms`,
            );
            return summary;
          } catch (e) {
            // A failed scan publishes nothing: results that are partial must never look complete
            // (a newer scan that replaced this one keeps its own).
            if (running === cts) {
              batch = undefined;
              tree.reset();
              collection.clear();
              scanned = false;
              updateMessage();
            }
            throw e;
          } finally {
            flushBatch();
            batch = undefined;
            sub.dispose();
          }
        },
      );
    } finally {
      if (running === cts) running = undefined;
      cts.dispose();
    }
  };

  const clear = () => {
    running?.cancel();
    scanned = false;
    tree.reset();
    collection.clear();
    view.message = undefined;
    view.badge = undefined;
    void vscode.commands.executeCommand('setContext', 'slackTokenGuard.hasFindings', false);
  };

  const disposable = vscode.Disposable.from(
    collection,
    tree,
    view,
    // Options that answer the untrusted-git question count only in the test host (dialog-answers.ts).
    registerCommand(Commands.scanWorkspace, (options?: ScanCommandOptions) => scanCommand(options && typeof options === 'object' ? withoutDialogAnswers(options, context.extensionMode) : undefined), logger),
    registerCommand(Commands.scanWorkspaceWithHistory, (options?: ScanCommandOptions) => scanCommand({ ...(options && typeof options === 'object' ? withoutDialogAnswers(options, context.extensionMode) : {}), includeHistory: true }), logger),
    registerCommand(Commands.clearFindings, clear, logger),
    // A document that opens is covered by live diagnostics from now on.
    live.onDidChangeFindings((uri) => {
      // delete() messages the main thread even when there is nothing to delete: only when needed.
      if (live.isTracked(uri) && collection.has(uri)) collection.delete(uri);
    }),
    vscode.workspace.onDidSaveTextDocument((d) => refreshFile(d.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => refreshFile(d.uri)),
    vscode.workspace.onDidDeleteFiles((e) => {
      for (const uri of e.files) {
        const below = uri.toString() + '/';
        for (const f of tree.allFiles()) if (f.uri.toString().startsWith(below)) publish(f.uri, []);
        publish(uri, []);
      }
      updateMessage();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.diagnostics`)) republish();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(republish),
    { dispose: () => running?.cancel() },
  );
  return Object.assign(disposable, { tree, view, collection });
}
