// Scans the files of the workspace folders with the CLI's own per-file code (decodeText,
// scanContent: same decoding, same detector, same positions and fingerprints), so the editor and
// the CLI report the same findings on the same files. Reads local files (file: URIs) with Node's fs,
// as the CLI does: the extension runs where the files are (extensionKind workspace), and
// workspace.fs costs a round trip per call; any other scheme is read through workspace.fs.
import { constants as fsConstants, promises as fsp } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { isFingerprintIgnored } from '../../core/ignore-rules';
import * as path from 'node:path';
import { decodeText, scanContent, type LocatedFinding } from '../../core/scan-file';
import { excludeGlob, excludePatterns, GitignoreRules } from './excludes';
import { globMatcher } from './globs';
import { trackedFilesAsync } from '../../core/git/repo';
import { FolderWalk } from '../../core/walk';
import type { ScanPool } from '../../cli/pool';
import { outcomeStatus, startScanPool } from './worker-scan';

/** Files a local walk lists between two turns of the event loop (progress, cancel, other work). */
const WALK_SLICE = 512;

/** One finding in a scanned file: no token, only its mask and fingerprint. */
export interface ScanFinding extends Omit<LocatedFinding, 'secret'> {
  range: vscode.Range;
}

export interface FileResult {
  uri: vscode.Uri;
  findings: ScanFinding[];
}

export type FileOutcome =
  | { status: 'scanned'; findings: ScanFinding[] }
  | { status: 'binary' | 'too-large' | 'ignored' | 'unreadable' };

export interface ScanSummary {
  folders: number;
  /** Files found by the file search (before size, binary and gitignore checks). */
  candidates: number;
  scanned: number;
  skipped: { binary: number; tooLarge: number; ignored: number; unreadable: number };
  findings: number;
  cancelled: boolean;
  /** Worker threads that read and scanned the local files; 0: all on the extension host's thread. */
  workers: number;
  /** Files whose outcome came from the worker threads (the rest were judged or scanned on the host's thread). */
  onWorkers: number;
  /** Files whose outcome was recorded while the folders were still being listed (the overlap). */
  outcomesWhileListing: number;
  /**
   * Where the time went (the editor benchmark prints it): listing the files, the whole scan from
   * its start (reading and scanning overlap the listing), and the share of that time the extension
   * host's own thread was busy.
   */
  timing?: { walkMs: number; scanMs: number; hostBusy: number };
  /** With "Include git history": tokens in commits that no file holds any more. */
  history?: import('./findings-tree').HistoryFindingNode[];
}

export interface ScanOptions {
  maxFileSize: number;
  token: vscode.CancellationToken;
  /**
   * Called after each file (progress, and the test seam that cancels after N files). `total` is
   * undefined while the folders are still being listed (the scan starts on the first files listed).
   */
  onFile?: (done: number, total: number | undefined, uri: vscode.Uri) => void;
  /** How many files are read at once. */
  concurrency?: number;
  /** Where to say that an exclude pattern was skipped (past the brace-expansion limits). */
  log?: (message: string) => void;
  /** Read and scan local files on worker threads running this script; absent: on this thread. */
  workers?: {
    script: string;
    size?: number;
    /**
     * Test seam: once this many files came back from the threads, every later reply counts as a
     * failure, as when a worker thread dies part-way; the rest of the scan falls back to this thread.
     */
    faultAfterFiles?: number;
  };
  /**
   * Test seam: a local folder's walk hands over this many files at a time and lists no more until
   * every file listed so far has its outcome, so the scan and the listing overlap in every turn
   * (the usual slice is larger than the test folders, which would be listed before any reply).
   */
  listSlice?: number;
  /** Test seam: the listing fails once this many files are listed, as findFiles of a remote folder can. */
  faultListingAfterFiles?: number;
}

/** scanContent ran with showSecrets false, so `secret` is absent; it is dropped from the type too. */
function toScanFinding(f: LocatedFinding): ScanFinding {
  const { kind, confidence, legacy, line, column, endLine, endColumn, fingerprint, masked } = f;
  const range = new vscode.Range(line - 1, column - 1, endLine - 1, endColumn - 1);
  return { kind, confidence, legacy, line, column, endLine, endColumn, fingerprint, masked, range };
}

/** Reads one file as text the way the CLI does (size limit, binary sniff, BOMs); the scan and the migration plan share it. */
export async function readUriText(uri: vscode.Uri, maxFileSize: number): Promise<{ status: 'text'; text: string } | { status: 'too-large' | 'unreadable' | 'binary' }> {
  let bytes: Uint8Array;
  try {
    if (uri.scheme === 'file') {
      // As the CLI reads (core/scan-file.ts): no follow, so a file swapped for a symbolic link after
      // the listing is not read through it; non-blocking, so a FIFO put there cannot hang the read.
      const handle = await fsp.open(uri.fsPath, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOFOLLOW ?? 0));
      try {
        const st = await handle.stat();
        if (!st.isFile()) return { status: 'unreadable' };
        if (st.size > maxFileSize) return { status: 'too-large' };
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } else {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.size > maxFileSize) return { status: 'too-large' };
      bytes = await vscode.workspace.fs.readFile(uri);
    }
  } catch {
    return { status: 'unreadable' };
  }
  const text = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return text === undefined ? { status: 'binary' } : { status: 'text', text };
}

/** Scans one file's bytes the way the CLI does. `rules` suppress fingerprints from ignore files. */
export async function scanUri(uri: vscode.Uri, maxFileSize: number, ignoredFingerprint: (fp: string) => boolean): Promise<FileOutcome> {
  const read = await readUriText(uri, maxFileSize);
  if (read.status !== 'text') return read;
  const findings = scanContent(read.text, { showSecrets: false, inlineIgnore: true })
    .filter((f) => !ignoredFingerprint(f.fingerprint))
    .map(toScanFinding);
  return { status: 'scanned', findings };
}

/** Per-folder state for one scan: its gitignore rules (local folders) and fingerprint suppression. */
export class FolderScanContext {
  private constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly rules: GitignoreRules | undefined,
    private readonly trusted: boolean,
  ) {}

  /**
   * Reads which files git tracks (off the extension host's thread) before any path is judged.
   * git runs repository config, so in Restricted Mode it is not run, and the repository's
   * .gitignore rules skip nothing (without git, a committed `.gitignore` of `*` would hide every
   * committed file); only the tool's ignore file applies, and its effect is shown in the status bar.
   */
  static async create(folder: vscode.WorkspaceFolder, trusted: boolean = vscode.workspace.isTrusted): Promise<FolderScanContext> {
    if (!GitignoreRules.applies(folder)) return new FolderScanContext(folder, undefined, trusted);
    const tracked = trusted ? await trackedFilesAsync(folder.uri.fsPath) : undefined;
    return new FolderScanContext(folder, new GitignoreRules(folder, tracked, trusted), trusted);
  }

  ignoresPath(uri: vscode.Uri): boolean {
    return !!this.rules && uri.scheme === 'file' && this.rules.ignores(uri.fsPath);
  }

  ignoresFingerprint(uri: vscode.Uri, fp: string): boolean {
    if (!this.rules || uri.scheme !== 'file') return false;
    return isFingerprintIgnored(this.rules.chainFor(path.dirname(uri.fsPath)), fp);
  }

  /**
   * The folder's files, sorted. Local folders are walked with the CLI's walker, which never follows
   * a symbolic link (findFiles follows them with search.followSymlinks, the default, and VS Code has
   * no per-call switch): a link to `/` cannot make the scan list the disk, and the editor and the CLI
   * list the same files. Other schemes (virtual, remote file systems) keep findFiles; in Restricted
   * Mode with no exclude of its own (null: findFiles adds the workspace's files.exclude to any other),
   * the user's excludes applied here.
   */
  async files(token: vscode.CancellationToken, log?: (message: string) => void): Promise<vscode.Uri[]> {
    const uris: vscode.Uri[] = [];
    await this.list(token, (batch) => {
      uris.push(...batch);
    }, log);
    return uris.sort(byPath);
  }

  /**
   * Lists the folder's files to `onFiles` as they are found, so the scan can start on the first
   * ones while the rest are listed. Local folders come in the walk's order (by name per folder),
   * other schemes all at once, sorted by path. A promise from `onFiles` holds the walk until it settles.
   */
  async list(token: vscode.CancellationToken, onFiles: (uris: vscode.Uri[]) => void | Promise<void>, log?: (message: string) => void, slice = WALK_SLICE): Promise<void> {
    if (this.folder.uri.scheme === 'file') return this.walkLocal(token, onFiles, log, slice);
    const pattern = new vscode.RelativePattern(this.folder, '**/*');
    let uris: vscode.Uri[];
    if (this.trusted) uris = await vscode.workspace.findFiles(pattern, excludeGlob(this.folder, log, true), undefined, token);
    else {
      const excluded = globMatcher(excludePatterns(this.folder, log, false), false);
      const base = this.folder.uri.path.replace(/\/+$/, '');
      uris = (await vscode.workspace.findFiles(pattern, null, undefined, token)).filter((u) => !excluded(path.posix.relative(base, u.path)));
    }
    await onFiles(uris.sort(byPath));
  }

  /** files.exclude / search.exclude applied as the walk goes: an excluded folder is never listed. */
  private async walkLocal(token: vscode.CancellationToken, onFiles: (uris: vscode.Uri[]) => void | Promise<void>, log: ((message: string) => void) | undefined, slice: number): Promise<void> {
    const root = this.folder.uri.fsPath;
    const excluded = globMatcher(excludePatterns(this.folder, log, this.trusted), process.platform === 'win32' || process.platform === 'darwin');
    // The walk joins every path under the root it was given: the rest of the string is the relative path.
    const prefix = root.endsWith(path.sep) ? root : root + path.sep;
    const rel = (abs: string) => {
      const r = abs.startsWith(prefix) ? abs.slice(prefix.length) : path.relative(root, abs);
      return path.sep === '/' ? r : r.split(path.sep).join('/');
    };
    // .gitignore and the tool's ignore file are judged per file afterwards (they count as skipped).
    const walk = new FolderWalk(root, [], { useGitignore: false, ignoreFiles: false, exclude: (abs) => excluded(rel(abs)) });
    for (;;) {
      if (token.isCancellationRequested) return;
      const uris: vscode.Uri[] = [];
      let entry;
      for (let i = 0; i < slice && (entry = walk.next()); i++) uris.push(vscode.Uri.file(entry.abs));
      if (uris.length) await onFiles(uris);
      if (!entry) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

function byPath(a: vscode.Uri, b: vscode.Uri): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Files sent to a worker in one message, and how many such batches each worker has queued at most. */
const WORKER_BATCH_FILES = 32;
const WORKER_BATCHES_IN_FLIGHT = 3;

/**
 * The files to scan, in the order they were listed. It grows while the folders are listed, and
 * the scan takes files from it meanwhile; `complete` once every folder is listed.
 */
class WorkList {
  readonly items: WorkItem[] = [];
  complete = false;
  /** The next file no one has taken. */
  private cursor = 0;
  private waiters: (() => void)[] = [];

  add(items: WorkItem[]): void {
    for (const it of items) this.items.push(it);
    this.wake();
  }

  finish(): void {
    this.complete = true;
    this.wake();
  }

  /** The next file not yet taken, if one is listed already. */
  take(): WorkItem | undefined {
    return this.cursor < this.items.length ? this.items[this.cursor++] : undefined;
  }

  /** Files listed and not taken yet. */
  get available(): number {
    return this.items.length - this.cursor;
  }

  /** True once every file is listed and taken. */
  get drained(): boolean {
    return this.complete && this.cursor >= this.items.length;
  }

  /** Every file not taken yet (listed so far), taken. */
  takeAll(): WorkItem[] {
    const rest = this.items.slice(this.cursor);
    this.cursor = this.items.length;
    return rest;
  }

  /** Resolves at the next change: more files listed, or the listing complete. */
  changed(): Promise<void> {
    if (this.complete) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Resolves when `token` is cancelled; dispose the subscription with the returned function. */
function whenCancelled(token: vscode.CancellationToken): { cancelled: Promise<void>; dispose: () => void } {
  let sub: vscode.Disposable | undefined;
  const cancelled = new Promise<void>((resolve) => {
    sub = token.onCancellationRequested(() => resolve());
    if (token.isCancellationRequested) resolve();
  });
  return { cancelled, dispose: () => sub?.dispose() };
}

/**
 * Scans every folder; calls `onResult` for each file with findings. The folders are listed while
 * the first files are already being read and scanned (the worker threads do not wait for the walk).
 */
export async function scanWorkspace(
  folders: readonly vscode.WorkspaceFolder[],
  opts: ScanOptions,
  onResult: (r: FileResult) => void,
): Promise<ScanSummary> {
  const summary: ScanSummary = {
    folders: folders.length,
    candidates: 0,
    scanned: 0,
    skipped: { binary: 0, tooLarge: 0, ignored: 0, unreadable: 0 },
    findings: 0,
    cancelled: false,
    workers: 0,
    onWorkers: 0,
    outcomesWhileListing: 0,
  };
  // Started first, so the threads load the scanner while the first folder is walked.
  const started = opts.workers ? startScanPool(opts.workers.script, opts.maxFileSize, opts.workers.size) : undefined;
  const pool = started && 'pool' in started ? started.pool : undefined;
  if (started && 'error' in started) opts.log?.(`scan worker threads unavailable (${started.error}): scanning on the extension host's thread`);
  const t0 = performance.now();
  let t1: number | undefined;
  const elu = performance.eventLoopUtilization();
  const list = new WorkList();
  // The scan's own stop: the user's cancel, or a listing that failed (the scan then stops at once).
  const stop = new vscode.CancellationTokenSource();
  const stopSub = opts.token.onCancellationRequested(() => stop.cancel());
  if (opts.token.isCancellationRequested) stop.cancel();
  const token = stop.token;
  let listError: { error: unknown } | undefined;
  let done = 0;
  /** With `listSlice`: the listing waits until `target` files have their outcome (or the scan is cancelled). */
  let paced: { target: number; resolve: () => void } | undefined;
  const listCancel = whenCancelled(token);
  const handOver = (items: WorkItem[]): Promise<void> | undefined => {
    list.add(items);
    if (opts.faultListingAfterFiles !== undefined && list.items.length >= opts.faultListingAfterFiles) throw new Error('injected fault: the listing failed');
    if (opts.listSlice === undefined || done >= list.items.length) return undefined;
    const target = list.items.length;
    return Promise.race([new Promise<void>((resolve) => (paced = { target, resolve })), listCancel.cancelled]);
  };
  const listing = (async () => {
    try {
      for (const folder of folders) {
        if (token.isCancellationRequested) break;
        const ctx = await FolderScanContext.create(folder);
        await ctx.list(token, (uris) => handOver(uris.map((uri) => ({ uri, ctx }))), opts.log, opts.listSlice);
      }
    } finally {
      t1 = performance.now();
      list.finish();
    }
  })().catch((error: unknown) => {
    // Handled at once (no unhandled rejection while the scan awaits other work), and the scan stops.
    listError = { error };
    stop.cancel();
  });
  try {
    const record = ({ uri }: WorkItem, outcome: FileOutcome) => {
      switch (outcome.status) {
        case 'scanned':
          summary.scanned++;
          if (outcome.findings.length) {
            summary.findings += outcome.findings.length;
            onResult({ uri, findings: outcome.findings });
          }
          break;
        case 'binary':
          summary.skipped.binary++;
          break;
        case 'too-large':
          summary.skipped.tooLarge++;
          break;
        case 'ignored':
          summary.skipped.ignored++;
          break;
        case 'unreadable':
          summary.skipped.unreadable++;
          break;
      }
      done++;
      if (!list.complete) summary.outcomesWhileListing++;
      if (paced && done >= paced.target) {
        paced.resolve();
        paced = undefined;
      }
      opts.onFile?.(done, list.complete ? list.items.length : undefined, uri);
    };
    /** Files for this thread: those the workers gave back (other schemes, failed batches) first. */
    let rest: WorkItem[] = [];
    if (pool) {
      summary.workers = pool.size;
      const fellBack = await scanOnWorkers(pool, list, { ...opts, token }, record, () => summary.onWorkers++);
      rest = fellBack.rest;
      // The threads that still live would only finish batches whose results are dropped, competing
      // with this thread's fallback for the cores: they end now, not after the whole scan.
      if (fellBack.failed) await pool.close();
      if (fellBack.failed && !token.isCancellationRequested) opts.log?.(`scan worker threads failed: scanning the rest (${rest.length + list.available} files listed so far) on the extension host's thread`);
    }
    let nextRest = 0;
    const { cancelled, dispose } = whenCancelled(token);
    const next = async (): Promise<WorkItem | undefined> => {
      for (;;) {
        if (token.isCancellationRequested) return undefined;
        if (nextRest < rest.length) return rest[nextRest++];
        const item = list.take();
        if (item || list.drained) return item;
        await Promise.race([list.changed(), cancelled]);
      }
    };
    const worker = async () => {
      for (let item = await next(); item; item = await next()) {
        const { uri, ctx } = item;
        let outcome: FileOutcome;
        if (ctx.ignoresPath(uri)) outcome = { status: 'ignored' };
        else outcome = await scanUri(uri, opts.maxFileSize, (fp) => ctx.ignoresFingerprint(uri, fp));
        if (token.isCancellationRequested) break;
        record(item, outcome);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
    } finally {
      dispose();
    }
    // A listing that failed fails the scan, as before the two overlapped: no summary, nothing to publish.
    await listing;
    if (listError) throw listError.error;
  } finally {
    // Cancelled, done or failed: the listing has stopped and the threads end before the scan returns.
    stop.cancel();
    await listing;
    listCancel.dispose();
    stopSub.dispose();
    stop.dispose();
    await pool?.close();
  }
  summary.candidates = list.items.length;
  summary.cancelled = opts.token.isCancellationRequested;
  summary.timing = { walkMs: (t1 ?? performance.now()) - t0, scanMs: performance.now() - t0, hostBusy: performance.eventLoopUtilization(elu).utilization };
  return summary;
}

interface WorkItem {
  uri: vscode.Uri;
  ctx: FolderScanContext;
}

/**
 * Scans the local files of `list` on the pool as they are listed, a bounded number of batches per
 * worker at a time; ignore rules are judged here (they need the folder's state). Returns the files
 * this thread must scan: those of another scheme, and if the pool failed, the files of the batches
 * that failed (the files not taken yet stay in `list`). Stops at once on cancel (replies still on
 * their way are dropped).
 */
async function scanOnWorkers(
  pool: ScanPool,
  list: WorkList,
  opts: ScanOptions,
  record: (item: WorkItem, outcome: FileOutcome) => void,
  fromWorker: () => void,
): Promise<{ rest: WorkItem[]; failed: boolean }> {
  const rest: WorkItem[] = [];
  const inFlight = new Set<Promise<void>>();
  let failed = false;
  const fault = opts.workers?.faultAfterFiles;
  let received = 0;
  const { cancelled, dispose } = whenCancelled(opts.token);
  try {
    while (!opts.token.isCancellationRequested) {
      while (!failed && list.available && inFlight.size < pool.size * WORKER_BATCHES_IN_FLIGHT) {
        const batch: WorkItem[] = [];
        let item: WorkItem | undefined;
        while (batch.length < WORKER_BATCH_FILES && (item = list.take())) {
          if (item.uri.scheme !== 'file') rest.push(item);
          else if (item.ctx.ignoresPath(item.uri)) record(item, { status: 'ignored' });
          else batch.push(item);
          if (opts.token.isCancellationRequested) return { rest, failed };
        }
        if (!batch.length) continue;
        const reply: Promise<void> = pool
          .run(batch.map((b) => b.uri.fsPath))
          .then((outcomes) => {
            if (fault !== undefined && received >= fault) throw new Error('injected fault: the scan worker threads failed');
            received += outcomes.length;
            return outcomes;
          })
          .then(
            (outcomes) => {
              for (let k = 0; k < batch.length && !opts.token.isCancellationRequested; k++) {
                const { uri, ctx } = batch[k];
                const o = outcomes[k];
                const status = outcomeStatus(o);
                fromWorker();
                if (status !== 'scanned') record(batch[k], { status });
                else record(batch[k], { status, findings: o.findings.filter((f) => !ctx.ignoresFingerprint(uri, f.fingerprint)).map(toScanFinding) });
              }
            },
            () => {
              failed = true;
              rest.push(...batch);
            },
          )
          .finally(() => inFlight.delete(reply));
        inFlight.add(reply);
      }
      // Done when nothing is in flight and nothing more will be sent: all listed and taken, or the pool failed.
      if (inFlight.size === 0 && (failed || list.drained)) break;
      const waits: Promise<void>[] = [...inFlight, cancelled];
      if (!failed && !list.complete && inFlight.size < pool.size * WORKER_BATCHES_IN_FLIGHT) waits.push(list.changed());
      await Promise.race(waits);
    }
    return { rest, failed };
  } finally {
    dispose();
  }
}
