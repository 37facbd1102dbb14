// Questions about a repository that git answers in one call: where it is, which files it tracks,
// what is staged. Paths come back NUL-separated (-z), so any byte in a name survives.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitError, gitFirstLine, gitSpawn, gitSync, type GitRunOptions } from './run';

export interface RepoInfo {
  /** The work tree's top folder (undefined in a bare repository). */
  top?: string;
  gitDir: string;
  shallow: boolean;
  bare: boolean;
}

/** Splits NUL-separated output; a trailing NUL leaves no empty entry. */
export function splitNul(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = buf.indexOf(0); i !== -1; i = buf.indexOf(0, start)) {
    out.push(buf.subarray(start, i));
    start = i + 1;
  }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

/** A path from git as text; bytes that are not UTF-8 show as U+FFFD (the name is reported, not opened). */
export function gitPathText(b: Buffer): string {
  return b.toString('utf8');
}

/** Whether `dir` is a work tree's top: it holds `.git` (a folder, or a file in a worktree or submodule). */
export function isGitRoot(dir: string): boolean {
  try {
    return fs.existsSync(path.join(dir, '.git'));
  } catch {
    return false;
  }
}

/** The nearest folder from `dir` upward (itself included) that is a work tree's top, by looking for `.git`. */
export function enclosingGitRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (isGitRoot(d)) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

/** The repository `cwd` is in; GitError 'not-a-repo' or 'no-git' otherwise. */
export function repoInfo(cwd: string, opts: GitRunOptions = {}): RepoInfo {
  const r = gitSync(cwd, ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository', '--show-toplevel'], opts);
  const lines = r.stdout.toString('utf8').split('\n');
  if (r.status !== 0 && lines.length < 3) {
    if (/not a git repository/i.test(r.stderr)) throw new GitError('not-a-repo', `not a git repository: ${cwd}`);
    throw new GitError('failed', `git rev-parse failed: ${gitFirstLine(r.stderr) || `exit ${r.status}`}`);
  }
  const bare = lines[1] === 'true';
  return { gitDir: lines[0], bare, shallow: lines[2] === 'true', top: !bare && lines[3] ? path.resolve(lines[3]) : undefined };
}

/**
 * Tracked files below `dir` (absolute paths), and every folder that holds one, or undefined when
 * `dir` is not in a work tree or git cannot be run. Used to scan tracked files that a .gitignore
 * pattern matches: git applies ignore rules only to untracked files.
 */
export interface TrackedFiles {
  files: ReadonlySet<string>;
  dirs: ReadonlySet<string>;
}

function parseTracked(top: string, out: Buffer): TrackedFiles {
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const rel of splitNul(out)) {
    const abs = path.join(top, gitPathText(rel));
    files.add(abs);
    for (let d = path.dirname(abs); d.length >= top.length && !dirs.has(d); d = path.dirname(d)) {
      dirs.add(d);
      if (d === path.dirname(d)) break;
    }
  }
  return { files, dirs };
}

// Paths relative to the folder asked about, joined to that folder as the caller spelled it: git's
// --show-toplevel is the resolved real path, which matches no walked path when the folder is reached
// through a symbolic link (a committed, ignored .env was then skipped).
const LS_FILES = ['ls-files', '-z', '--', '.'];

export function trackedFiles(dir: string, opts: GitRunOptions = {}): TrackedFiles | undefined {
  try {
    const r = gitSync(dir, LS_FILES, opts);
    if (r.status !== 0) return undefined;
    return parseTracked(dir, r.stdout);
  } catch {
    return undefined;
  }
}

/** trackedFiles without blocking the thread (the editor's workspace scan). */
export async function trackedFilesAsync(dir: string, opts: GitRunOptions = {}): Promise<TrackedFiles | undefined> {
  const run = (args: readonly string[]) =>
    new Promise<Buffer | undefined>((resolve) => {
      const p = gitSpawn(dir, args, opts);
      const parts: Buffer[] = [];
      p.stdout.on('data', (d: Buffer) => parts.push(d));
      p.stderr.resume();
      p.on('error', () => resolve(undefined));
      p.on('close', (code) => resolve(code === 0 ? Buffer.concat(parts) : undefined));
    });
  const out = await run(LS_FILES);
  return out === undefined ? undefined : parseTracked(dir, out);
}

export interface StagedBlob {
  /** Path from the repository top, `/` separators. */
  path: string;
  oid: string;
  mode: string;
}

/**
 * What `git commit` would record that differs from HEAD: added, copied, modified and type-changed
 * files of the index (honours GIT_INDEX_FILE, so `git commit -a` and partial commits are right).
 * Submodule entries are left out: their content is another repository's.
 */
export function stagedBlobs(cwd: string, opts: GitRunOptions = {}): StagedBlob[] {
  const r = gitSync(cwd, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMT', '--no-ext-diff', '--no-textconv'], opts);
  if (r.status !== 0) {
    if (/not a git repository/i.test(r.stderr)) throw new GitError('not-a-repo', `not a git repository: ${cwd}`);
    throw new GitError('failed', `git diff --cached failed: ${gitFirstLine(r.stderr) || `exit ${r.status}`}`);
  }
  const parts = splitNul(r.stdout);
  const out: StagedBlob[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i].toString('latin1').replace(/^\n/, '');
    const m = /^:\d+ (\d+) [0-9a-f]+ ([0-9a-f]+) [A-Z]/.exec(meta);
    if (!m) continue;
    if (m[1] === '160000' || m[1] === '120000') continue; // submodule, symbolic link
    out.push({ path: gitPathText(parts[i + 1]), oid: m[2], mode: m[1] });
  }
  return out;
}
