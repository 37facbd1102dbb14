// What one repository's history holds: every token ever committed (by fingerprint), the commit
// that first introduced it, and whether a remote-tracking branch contains that commit. Built once
// in the background with the same history scan as `slack-token-guard scan --git`, kept until the
// repository's refs move.
import * as path from 'node:path';
import { gitSpawn, type GitRunOptions } from '../../core/git/run';
import type { CommitRef } from '../../core/git/objects';
import { enclosingGitRoot } from '../../core/git/repo';
import { scanHistory, type HistoryFinding } from '../../core/git/scan-history';

/** Ref events closer together than this are one change (a fetch writes many refs, one event each). */
export const REF_CHANGE_DEBOUNCE_MS = 750;
/** However long ref events keep coming, the rebuild starts at most this long after the first. */
export const REF_CHANGE_MAX_WAIT_MS = 5000;

/** How long to wait before rebuilding, `now` being a ref event's time and `burstStart` the first event's of the burst. */
export function refChangeDelay(burstStart: number, now: number): number {
  return Math.max(0, Math.min(REF_CHANGE_DEBOUNCE_MS, burstStart + REF_CHANGE_MAX_WAIT_MS - now));
}

export interface Exposure {
  commit: CommitRef;
  /** The remote whose tracking branch contains the commit ("origin"), when one does. */
  pushedTo?: string;
}

export interface HistorySnapshot {
  top: string;
  byFingerprint: ReadonlyMap<string, Exposure>;
  findings: readonly HistoryFinding[];
}

/**
 * The work-tree top of the repository holding `file` (enclosingGitRoot), remembered per folder,
 * "no repository" too, so a lookup (every publish and code-action request) does no file-system
 * check once its folder was seen. `forget()` when a `.git` appears or goes anywhere in the
 * workspace (a `git init` in an open folder, or in a subfolder of a known repository) or the
 * workspace folders change.
 */
export class RepoLocator {
  private readonly tops = new Map<string, string | null>();

  topFor(file: string): string | undefined {
    const dir = path.dirname(file);
    const cached = this.tops.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const top = enclosingGitRoot(dir);
    this.tops.set(dir, top ?? null);
    return top;
  }

  forget(): void {
    this.tops.clear();
  }
}

/** A git command's output lines, or undefined when it fails; `input` is written to its stdin. */
function gitRun(cwd: string, args: readonly string[], opts?: GitRunOptions, input = ''): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const p = gitSpawn(cwd, args, opts);
    const parts: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => parts.push(d));
    p.stderr.resume();
    p.stdin.on('error', () => undefined); // git may exit before reading it all: the exit status says
    p.stdin.end(input);
    p.on('error', () => resolve(undefined));
    p.on('close', (code) => resolve(code === 0 ? Buffer.concat(parts).toString('utf8').split('\n').filter((l) => l !== '') : undefined));
  });
}

/**
 * For each of `commits`, the remote whose tracking branch contains it: origin when it is one of
 * them. Git runs once to list the remote-tracking refs and once a remote (origin first, stopping when
 * every commit has one), however many commits there are. Each remote's process is
 * `rev-list --stdin` fed the commits still unplaced and `^<ref>` for each of the remote's refs:
 * it lists the part of those commits' history the remote lacks, so a commit is on the remote
 * exactly when it is not listed. The walk stops where the remote's history begins (bounded by the
 * unpushed history, not the remote's size), and the refs go through stdin, not the argument list.
 */
export async function remotesContaining(top: string, commits: ReadonlySet<string>, opts?: GitRunOptions): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (commits.size === 0) return out;
  const byRemote = new Map<string, string[]>();
  for (const ref of (await gitRun(top, ['for-each-ref', '--format=%(refname)', 'refs/remotes/'], opts)) ?? []) {
    const remote = ref.split('/')[2];
    if (!remote || ref.endsWith('/HEAD')) continue;
    byRemote.set(remote, [...(byRemote.get(remote) ?? []), ref]);
  }
  const order = [...byRemote.keys()].sort((a, b) => (a === 'origin' ? -1 : b === 'origin' ? 1 : 0));
  for (const remote of order) {
    const pending = [...commits].filter((c) => !out.has(c));
    if (pending.length === 0) break;
    const input = [...pending, ...(byRemote.get(remote) ?? []).map((ref) => `^${ref}`)].join('\n') + '\n';
    const lacking = await gitRun(top, ['rev-list', '--stdin'], opts, input);
    if (lacking === undefined) continue; // not known: not said to be pushed
    const missing = new Set(lacking);
    for (const c of pending) if (!missing.has(c)) out.set(c, remote);
  }
  return out;
}

export async function buildSnapshot(top: string, maxFileSize: number, git?: GitRunOptions): Promise<HistorySnapshot> {
  const { findings } = await scanHistory(top, { revs: [] }, { maxFileSize, showSecrets: false, inlineIgnore: true, git });
  const pushed = await remotesContaining(top, new Set(findings.flatMap((f) => (f.first ? [f.first.commit.id] : []))), git);
  const byFingerprint = new Map<string, Exposure>();
  for (const f of findings) {
    if (!f.first) continue;
    byFingerprint.set(f.fingerprint, { commit: f.first.commit, pushedTo: pushed.get(f.first.commit.id) });
  }
  return { top, byFingerprint, findings };
}
