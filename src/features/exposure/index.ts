// Exposure: whether a token in a file is already in its repository's git history. A committed
// token is in every clone and fork even after the line is edited away, so moving it to Secret
// Storage is not enough: it must be revoked. The diagnostic says so ("already committed in
// 3f2a1c9 (2026-03-04) and pushed to origin"), the lightbulb puts Revoke first, and the workspace
// scan can list tokens that are in history only.
//
// The history is read off the typing path: a diagnostic is published at once, the repository's
// history is scanned in the background (once, until its refs move), and the diagnostics of that
// repository are republished with the line when it is known. Lookups are by fingerprint. No git, or
// no repository: no line. An untrusted workspace runs git only after the user agrees (git config
// such as core.fsmonitor can run programs; every call also switches those off).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fingerprint } from '../../core/detect';
import { decodeText } from '../../core/scan-file';
import { gitSync } from '../../core/git/run';
import type { HistoryFinding } from '../../core/git/scan-history';
import type { LiveDiagnostics } from '../diagnostics/live-diagnostics';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { registerCommand, UserError } from '../run-command';
import { readScanMaxFileSize } from '../settings';
import { buildSnapshot, refChangeDelay, RepoLocator, REF_CHANGE_DEBOUNCE_MS, type Exposure, type HistorySnapshot } from './history-index';

export const HISTORY_SCHEME = 'slack-token-guard-history';

export interface ExposureDeps {
  live: LiveDiagnostics;
  logger: Logger;
}

/** The line added to a diagnostic on a committed token. */
export function exposureText(e: Exposure): string {
  const date = e.commit.date.slice(0, 10);
  return e.pushedTo
    ? vscode.l10n.t('Already committed in {0} ({1}) and pushed to {2}: revoke it first; moving it to Secret Storage leaves it in the history.', e.commit.short, date, e.pushedTo)
    : vscode.l10n.t('Already committed in {0} ({1}): revoke it first; moving it to Secret Storage leaves it in the history.', e.commit.short, date);
}

/** A read-only document holding one blob of history, so the token commands can read the token back. */
export function historyUri(top: string, f: HistoryFinding): vscode.Uri {
  const rel = f.first?.path ?? f.path;
  const query = new URLSearchParams({ repo: top, oid: f.oid, commit: f.first?.commit.short ?? '' }).toString();
  return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: '/' + rel, query });
}

/** One repository: its snapshot, the build running, at most one queued behind it, the ref-event timer. */
interface RepoState {
  /** Bumped by every ref change; a snapshot built at an older generation is stale. */
  generation: number;
  snap?: HistorySnapshot;
  snapGeneration?: number;
  /** The generation whose build failed (history not readable): not retried until the refs change. */
  failedGeneration?: number;
  running?: { generation: number; done: Promise<HistorySnapshot | undefined> };
  /** The one build queued behind a stale running one (a change during a build). */
  queued?: Promise<HistorySnapshot | undefined>;
  timer?: ReturnType<typeof setTimeout>;
  /** When the first ref event of the pending burst came (the rebuild waits at most REF_CHANGE_MAX_WAIT_MS from it). */
  burstStart?: number;
}

export class ExposureService implements vscode.Disposable {
  private readonly locator = new RepoLocator();
  private readonly repos = new Map<string, RepoState>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** Folders whose `.git` appeared or went since the last coalesced handling (repositoriesChanged). */
  private readonly gitFoldersChanged = new Set<string>();
  private gitFoldersTimer?: ReturnType<typeof setTimeout>;
  private untrustedAllowed = false;
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with a repository's top folder when its history snapshot is ready (tests wait for it). */
  readonly onDidBuild = this.emitter.event;
  /** History builds started since activation (tests count them). */
  buildsStarted = 0;
  private readonly buildsByTop = new Map<string, number>();

  /** History builds started for one repository since activation (tests count them). */
  buildsStartedFor(top: string): number {
    return this.buildsByTop.get(top) ?? 0;
  }

  /** How many times a repository's refs changed (or it was invalidated) since it was first looked up (tests). */
  refChangesOf(top: string): number {
    return this.repos.get(top)?.generation ?? 0;
  }

  constructor(
    private readonly live: LiveDiagnostics,
    private readonly logger: Logger,
  ) {}

  dispose(): void {
    clearTimeout(this.gitFoldersTimer);
    this.forgetRepos();
    this.emitter.dispose();
  }

  private maxFileSize(): number {
    return readScanMaxFileSize();
  }

  private mayRunGit(): boolean {
    return vscode.workspace.isTrusted || this.untrustedAllowed;
  }

  /**
   * Asks (once a session) before running git in an untrusted workspace. Test seams: `answer` (the
   * modal's answer) and `trusted` (test hosts always run trusted).
   */
  /** Whether the user (or a test) allowed git in this untrusted workspace for this session. */
  untrustedGitAllowed(): boolean {
    return this.untrustedAllowed;
  }

  async allowGit(answer?: boolean, trusted = vscode.workspace.isTrusted): Promise<boolean> {
    // `trusted` (a test's stand-in) can only make it stricter than the workspace's real trust.
    if ((trusted && vscode.workspace.isTrusted) || this.untrustedAllowed) return true;
    const run = vscode.l10n.t('Run git');
    const ok =
      answer ??
      (await vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace is not trusted. Read its git history?'),
        { modal: true, detail: vscode.l10n.t('Reading history runs git in the workspace. Repository settings that run programs (such as core.fsmonitor) are switched off, but only trust repositories you know.') },
        run,
      )) === run;
    this.untrustedAllowed = ok;
    return ok;
  }

  /**
   * The exposure of a token in a file, if a history snapshot is ready; otherwise starts one. Never
   * waits. `fp` is the token's fingerprint when the caller already has it.
   */
  lookup(uri: vscode.Uri, token: string, fp?: string): Exposure | undefined {
    if (uri.scheme !== 'file' || !this.mayRunGit()) return undefined;
    const top = this.locator.topFor(uri.fsPath);
    if (!top) return undefined;
    // A snapshot being rebuilt (refs moved) still answers until the new one is ready.
    const r = this.repos.get(top);
    if (r?.snap) return r.snap.byFingerprint.get(fp ?? fingerprint(token));
    // A history that could not be read is not read again on every publish or code-action request.
    if (r !== undefined && r.failedGeneration === r.generation) return undefined;
    void this.snapshot(top);
    return undefined;
  }

  isCommitted(uri: vscode.Uri, token: string): boolean {
    return this.lookup(uri, token) !== undefined;
  }

  /** The repository folder that holds a workspace folder, if any. */
  topOf(folder: vscode.Uri): string | undefined {
    return folder.scheme === 'file' ? this.locator.topFor(vscode.Uri.joinPath(folder, '_').fsPath) : undefined;
  }

  private repo(top: string): RepoState {
    let r = this.repos.get(top);
    if (!r) {
      r = { generation: 0 };
      this.repos.set(top, r);
      this.watch(top);
    }
    return r;
  }

  /**
   * The history snapshot of a repository as its refs are now. One build runs at a time: asked during
   * a build that started before the last ref change, it queues exactly one more.
   */
  snapshot(top: string): Promise<HistorySnapshot | undefined> {
    const r = this.repo(top);
    if (r.snap && r.snapGeneration === r.generation) return Promise.resolve(r.snap);
    if (r.queued) return r.queued;
    const running = r.running;
    if (!running && r.failedGeneration === r.generation) return Promise.resolve(undefined);
    if (!running) return this.build(top, r);
    if (running.generation === r.generation) return running.done;
    const queued = running.done.then(() => {
      if (r.queued === queued) r.queued = undefined;
      return this.repos.get(top) === r ? this.snapshot(top) : undefined;
    });
    r.queued = queued;
    return queued;
  }

  private build(top: string, r: RepoState): Promise<HistorySnapshot | undefined> {
    const generation = r.generation;
    this.buildsStarted++;
    this.buildsByTop.set(top, this.buildsStartedFor(top) + 1);
    const done = buildSnapshot(top, this.maxFileSize()).then(
      (snap) => {
        r.running = undefined;
        if (this.repos.get(top) !== r) return snap;
        const changed = !r.snap || !sameExposures(r.snap, snap);
        r.snap = snap;
        r.snapGeneration = generation;
        this.logger.info(`git history of ${top}: ${snap.findings.length} credentials in history`);
        if (changed) this.live.refresh();
        this.emitter.fire(top);
        return snap;
      },
      (e) => {
        r.running = undefined;
        r.failedGeneration = generation;
        this.logger.info(`git history of ${top} not read: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    r.running = { generation, done };
    return done;
  }

  private forgetRepos(): void {
    for (const r of this.repos.values()) clearTimeout(r.timer);
    this.repos.clear();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
  }

  /**
   * A `.git` appeared or went somewhere in the workspace (`gitUri` is that `.git`). Events are
   * coalesced (a `git submodule update --init` makes hundreds): then the repositories of those
   * folders are forgotten (a `.git` deleted and made again must not keep the old history or its ref
   * watcher), each file's repository is found again, and the open files' diagnostics are built again
   * so that their lookups run (an edit that only moves a finding copies its diagnostic and looks
   * nothing up).
   */
  repositoriesChanged(gitUri?: vscode.Uri): void {
    if (gitUri?.scheme === 'file') this.gitFoldersChanged.add(path.dirname(gitUri.fsPath));
    clearTimeout(this.gitFoldersTimer);
    this.gitFoldersTimer = setTimeout(() => {
      this.gitFoldersTimer = undefined;
      for (const top of this.gitFoldersChanged) this.forgetRepo(top);
      this.gitFoldersChanged.clear();
      this.locator.forget();
      this.gitFolderRefreshes++;
      this.live.refresh();
    }, REF_CHANGE_DEBOUNCE_MS);
  }

  /** How many times `.git` events refreshed the diagnostics (tests count them). */
  gitFolderRefreshes = 0;

  private forgetRepo(top: string): void {
    const r = this.repos.get(top);
    if (r) clearTimeout(r.timer);
    this.repos.delete(top);
    this.watchers.get(top)?.dispose();
    this.watchers.delete(top);
  }

  /** Forgets every repository (a folder stopped being one, or the workspace changed). */
  forgetAll(): void {
    this.forgetRepos();
    this.locator.forget();
    this.live.refresh();
  }

  /** Marks a repository's snapshot stale: the next `snapshot` reads the history again. */
  invalidate(top: string): void {
    const r = this.repos.get(top);
    if (r) r.generation++;
  }

  /** Resolves when a repository has no ref change pending and no build running or queued (tests). */
  async settled(top: string): Promise<void> {
    for (;;) {
      const r = this.repos.get(top);
      if (r?.queued) await r.queued;
      else if (r?.running) await r.running.done;
      else if (r?.timer) await new Promise((resolve) => setTimeout(resolve, REF_CHANGE_DEBOUNCE_MS));
      else return;
    }
  }

  /**
   * Ref events of one repository, debounced: a burst (one fetch, a rebase) is one rebuild, and
   * events that keep coming delay it at most REF_CHANGE_MAX_WAIT_MS from the first. Called by the
   * repository's ref watcher (and by the tests, which can't rely on when VS Code's watcher delivers).
   */
  refsChanged(top: string): void {
    const r = this.repos.get(top);
    if (!r) return;
    clearTimeout(r.timer);
    const now = Date.now();
    r.burstStart ??= now;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      r.burstStart = undefined;
      if (this.repos.get(top) !== r) return;
      r.generation++;
      void this.snapshot(top);
    }, refChangeDelay(r.burstStart, now));
  }

  private watch(top: string): void {
    if (this.watchers.has(top)) return;
    let gitDir: string | undefined;
    try {
      const r = gitSync(top, ['rev-parse', '--absolute-git-dir']);
      if (r.status === 0) gitDir = r.stdout.toString('utf8').trim();
    } catch {
      gitDir = undefined;
    }
    if (!gitDir) {
      this.watchers.set(top, { dispose: () => undefined });
      return;
    }
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(gitDir), '{HEAD,packed-refs,refs/**}'));
    const changed = () => this.refsChanged(top);
    this.watchers.set(top, vscode.Disposable.from(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed)));
  }
}

/** Whether two snapshots give every token the same exposure (then the diagnostics need no refresh). */
function sameExposures(a: HistorySnapshot, b: HistorySnapshot): boolean {
  if (a.byFingerprint.size !== b.byFingerprint.size) return false;
  for (const [fp, e] of a.byFingerprint) {
    const o = b.byFingerprint.get(fp);
    if (!o || o.commit.id !== e.commit.id || o.pushedTo !== e.pushedTo) return false;
  }
  return true;
}

/** Serves the history documents: the blob's text as it was committed. */
class HistoryDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly service: ExposureService) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const q = new URLSearchParams(uri.query);
    const repo = q.get('repo');
    const oid = q.get('oid');
    if (!repo || !oid || !/^[0-9a-f]{7,64}$/.test(oid)) throw new UserError(vscode.l10n.t('This history item is no longer available.'), [], 'warning');
    // Only the repositories of this workspace's folders, and only where git may run: a crafted
    // URI must not make the extension read another folder's objects or run git untrusted.
    const known = (vscode.workspace.workspaceFolders ?? []).some((f) => this.service.topOf(f.uri) === repo);
    if (!known || !(vscode.workspace.isTrusted || this.service.untrustedGitAllowed())) throw new UserError(vscode.l10n.t('This history item is no longer available.'), [], 'warning');
    const r = gitSync(repo, ['cat-file', 'blob', oid]);
    if (r.status !== 0) throw new UserError(vscode.l10n.t('This history item is no longer available.'), [], 'warning');
    return decodeText(r.stdout) ?? '';
  }
}

export interface ExposureRegistration extends vscode.Disposable {
  readonly service: ExposureService;
}

export function registerExposure(_context: vscode.ExtensionContext, deps: ExposureDeps): ExposureRegistration {
  const service = new ExposureService(deps.live, deps.logger);
  deps.live.decorate = (uri, token, d, fp) => {
    const e = service.lookup(uri, token, fp);
    if (e) d.message = `${d.message} ${exposureText(e)}`;
  };
  // A `git init` (or a repository removed) anywhere in the workspace, a nested one too.
  const gitFolders = vscode.workspace.createFileSystemWatcher('**/.git', false, true, false);
  const disposable = vscode.Disposable.from(
    service,
    gitFolders,
    gitFolders.onDidCreate((uri) => service.repositoriesChanged(uri)),
    gitFolders.onDidDelete((uri) => service.repositoriesChanged(uri)),
    { dispose: () => (deps.live.decorate = undefined) },
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.forgetAll()),
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, new HistoryDocuments(service)),
    registerCommand(
      Commands.copyFingerprint,
      async (node?: { finding?: { fingerprint?: string } }) => {
        const fp = node?.finding?.fingerprint;
        if (!fp) throw new UserError(vscode.l10n.t('Use this from an item of the Findings view.'), [], 'info');
        await vscode.env.clipboard.writeText(fp);
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied the fingerprint {0} (not the token).', fp));
      },
      deps.logger,
    ),
  );
  return Object.assign(disposable, { service });
}
