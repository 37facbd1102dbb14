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
import { buildSnapshot, RepoLocator, type Exposure, type HistorySnapshot } from './history-index';

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

export class ExposureService implements vscode.Disposable {
  private readonly locator = new RepoLocator();
  private readonly building = new Map<string, Promise<HistorySnapshot | undefined>>();
  private readonly ready = new Map<string, HistorySnapshot>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private untrustedAllowed = false;
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with a repository's top folder when its history snapshot is ready (tests wait for it). */
  readonly onDidBuild = this.emitter.event;

  constructor(
    private readonly live: LiveDiagnostics,
    private readonly logger: Logger,
  ) {}

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
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

  /** The exposure of a token in a file, if its history snapshot is ready; otherwise starts one. Never waits. */
  lookup(uri: vscode.Uri, token: string): Exposure | undefined {
    if (uri.scheme !== 'file' || !this.mayRunGit()) return undefined;
    const top = this.locator.topFor(uri.fsPath);
    if (!top) return undefined;
    const snap = this.ready.get(top);
    if (snap) return snap.byFingerprint.get(fingerprint(token));
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

  /** The history snapshot of a repository (built at most once until its refs move). */
  snapshot(top: string): Promise<HistorySnapshot | undefined> {
    let p = this.building.get(top);
    if (p) return p;
    this.watch(top);
    p = buildSnapshot(top, this.maxFileSize()).then(
      (snap) => {
        if (this.building.get(top) !== p) return snap;
        this.ready.set(top, snap);
        this.logger.info(`git history of ${top}: ${snap.findings.length} credentials in history`);
        this.live.refresh();
        this.emitter.fire(top);
        return snap;
      },
      (e) => {
        this.logger.info(`git history of ${top} not read: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      },
    );
    this.building.set(top, p);
    return p;
  }

  /** Forgets every repository (a folder stopped being one, or the workspace changed). */
  forgetAll(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.building.clear();
    this.ready.clear();
    this.locator.forget();
    this.live.refresh();
  }

  /** Drops a repository's snapshot (its refs moved); the next lookup rebuilds it. */
  invalidate(top: string): void {
    this.building.delete(top);
    this.ready.delete(top);
    this.live.refresh();
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
    const changed = () => this.invalidate(top);
    this.watchers.set(top, vscode.Disposable.from(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed)));
  }
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
  deps.live.decorate = (uri, token, d) => {
    const e = service.lookup(uri, token);
    if (e) d.message = `${d.message} ${exposureText(e)}`;
  };
  const disposable = vscode.Disposable.from(
    service,
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
