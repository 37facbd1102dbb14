// Streams blobs out of a repository: `git rev-list --objects` piped straight into
// `git cat-file --batch` (no JavaScript in between), each distinct blob once however many commits
// hold it, and the commits that hold the few blobs with findings from one `git log --raw` pass.
// Memory stays flat in the number of commits: one blob at a time, and occurrences only for the
// blobs asked about.
import { GitError, gitFirstLine, gitSpawn, gitSync, type GitRunOptions } from './run';
import { splitNul, gitPathText } from './repo';

export interface Blob {
  oid: string;
  /** A path the blob was found under (the first one rev-list met). */
  path: string;
  size: number;
  /** Undefined when the blob is over the size limit (its bytes were passed over, not kept). */
  data?: Buffer;
}

export interface HistorySelection {
  /** Revisions and ranges (`main`, `v1..v2`, `^old`); empty means every ref and HEAD. */
  revs: readonly string[];
  /** Only commits after this date (git's --since). */
  since?: string;
  /** With no revisions: whether HEAD resolves (an unborn branch has none; a detached HEAD is not in --all). */
  head?: boolean;
}

/** rev-list arguments of a selection. Revisions never start with "-" (checked by the caller too). */
export function revArgs(sel: HistorySelection): string[] {
  const out: string[] = [];
  if (sel.since !== undefined) out.push(`--since=${sel.since}`);
  for (const r of sel.revs) if (r.startsWith('-')) throw new GitError('bad-revision', `not a revision: ${r}`);
  if (sel.revs.length === 0) out.push('--all', '--end-of-options', ...(sel.head === false ? [] : ['HEAD']));
  else out.push('--end-of-options', ...sel.revs);
  return out;
}

/** Collects stderr, kept short. */
function stderrOf(p: { stderr: NodeJS.ReadableStream }): () => string {
  let text = '';
  p.stderr.on('data', (d: Buffer) => {
    if (text.length < 4096) text += d.toString('utf8');
  });
  return () => text;
}

function exitOf(p: ReturnType<typeof gitSpawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    p.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new GitError('no-git', 'git is not installed or not on PATH') : new GitError('failed', `cannot run git: ${e.code ?? e.message}`)));
    p.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Calls `onBlob` for every blob reachable from the selection, in rev-list order, one at a time
 * (synchronously, as the bytes arrive: git is held back by the pipe instead of filling memory).
 * Blobs larger than `maxSize` arrive without data. Names come from rev-list's own listing,
 * passed through cat-file as %(rest).
 */
export async function forEachBlob(cwd: string, sel: HistorySelection, maxSize: number, onBlob: (b: Blob) => void, opts: GitRunOptions = {}): Promise<void> {
  const names = gitSpawn(cwd, ['rev-list', '--objects', '--filter=object:type=blob', '--filter-provided-objects', ...revArgs(sel)], opts);
  const cat = gitSpawn(cwd, ['cat-file', '--batch=%(objectname) %(objecttype) %(objectsize) %(rest)', '--buffer'], opts);
  const listErr = stderrOf(names);
  const catErr = stderrOf(cat);
  names.stdout.pipe(cat.stdin);
  cat.stdin.on('error', () => undefined); // cat-file died: its exit status says why
  const listExit = exitOf(names);
  const catExit = exitOf(cat);

  const parser = batchParser(maxSize, onBlob);
  for await (const chunk of cat.stdout) parser.push(chunk as Buffer);
  const [lc, cc] = await Promise.all([listExit, catExit]);
  if (lc !== 0) {
    const msg = gitFirstLine(listErr());
    if (/bad revision|unknown revision|ambiguous argument|bad object .*\.\./i.test(msg)) throw new GitError('bad-revision', `git rev-list: ${msg}`);
    throw new GitError('failed', `git rev-list failed (a corrupt or missing object?): ${msg || `exit ${lc}`}`);
  }
  if (cc !== 0) throw new GitError('failed', `git cat-file failed: ${gitFirstLine(catErr()) || `exit ${cc}`}`);
  const bad = parser.error();
  if (bad) throw bad;
}

/**
 * Parses `git cat-file --batch` output as it arrives: a header line, `size` bytes, a newline.
 * Oversized blobs are passed over without being kept; "missing" headers become an error.
 */
export function batchParser(maxSize: number, onBlob: (b: Blob) => void): { push(chunk: Buffer): void; error(): GitError | undefined } {
  let pending = Buffer.alloc(0);
  /** The blob being read: header parsed, waiting for `size` bytes and the newline after them. */
  let cur: { oid: string; path: string; size: number; keep: boolean; parts: Buffer[]; got: number } | undefined;
  let bad: GitError | undefined;
  const push = (chunk: Buffer) => {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    pending = Buffer.alloc(0);
    for (;;) {
      if (!cur) {
        const nl = buf.indexOf(0x0a);
        if (nl === -1) break;
        const header = buf.subarray(0, nl);
        buf = buf.subarray(nl + 1);
        const h = header.toString('latin1');
        const m = /^([0-9a-f]+) (\S+) (\d+) ?/.exec(h);
        if (!m) {
          bad ??= new GitError('failed', `the repository has a missing or corrupt object: ${h.split(' ')[0]}`);
          continue;
        }
        const size = Number(m[3]);
        cur = { oid: m[1], path: gitPathText(header.subarray(m[0].length)), size, keep: m[2] === 'blob' && size <= maxSize, parts: [], got: 0 };
      }
      const want = cur.size + 1 - cur.got;
      const n = Math.min(want, buf.length);
      if (cur.keep && n > 0) cur.parts.push(buf.subarray(0, Math.min(n, cur.size - cur.got)));
      cur.got += n;
      buf = buf.subarray(n);
      if (cur.got < cur.size + 1) break;
      const data = cur.keep ? Buffer.concat(cur.parts) : undefined;
      onBlob({ oid: cur.oid, path: cur.path, size: cur.size, data });
      cur = undefined;
    }
    if (buf.length) pending = Buffer.from(buf);
  };
  return { push, error: () => bad ?? (cur || pending.length ? new GitError('failed', 'git cat-file ended in the middle of an object') : undefined) };
}

/** Reads the given blobs (the index's, for --staged) in one cat-file call. */
export function readBlobs(cwd: string, oids: readonly string[], maxSize: number, onBlob: (b: Blob) => void, opts: GitRunOptions = {}): void {
  if (oids.length === 0) return;
  const r = gitSync(cwd, ['cat-file', '--batch=%(objectname) %(objecttype) %(objectsize) %(rest)'], { ...opts, input: oids.join('\n') + '\n' });
  if (r.status !== 0) throw new GitError('failed', `git cat-file failed: ${gitFirstLine(r.stderr) || `exit ${r.status}`}`);
  const parser = batchParser(maxSize, onBlob);
  parser.push(r.stdout);
  const bad = parser.error();
  if (bad) throw bad;
}

export interface CommitRef {
  /** Full object id. */
  id: string;
  short: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
  author: string;
}

export interface Occurrence {
  commit: CommitRef;
  path: string;
}

/**
 * For each wanted blob, every commit (and path) that records it as added or changed, in git log
 * order (newest first); the first introducing commit is the last. Merges are compared with each
 * parent (-m), so a blob first made by a merge resolution is found too.
 */
export async function blobOccurrences(cwd: string, sel: HistorySelection, wanted: ReadonlySet<string>, opts: GitRunOptions = {}): Promise<Map<string, Occurrence[]>> {
  const out = new Map<string, Occurrence[]>();
  if (wanted.size === 0) return out;
  const log = gitSpawn(cwd, ['log', '--no-show-signature', '--format=%x01%H%x00%x00%aI%x00%an', '--raw', '-z', '--no-abbrev', '--no-renames', '-m', '--no-ext-diff', '--no-textconv', ...revArgs(sel)], opts);
  const err = stderrOf(log);
  const exit = exitOf(log);
  let commit: CommitRef | undefined;
  let pending = Buffer.alloc(0);
  /** Header fields still to come (the format holds three NULs), or the path of a raw entry. */
  let header: string[] | undefined;
  let entryOid: string | undefined;
  const seen = new Set<string>();
  const field = (f: Buffer) => {
    if (header) {
      header.push(f.toString('utf8'));
      if (header.length === 4) {
        commit = { id: header[0], short: header[0].slice(0, 7), date: header[2], author: header[3] };
        header = undefined;
      }
      return;
    }
    if (entryOid !== undefined) {
      if (commit && wanted.has(entryOid)) {
        const p = gitPathText(f);
        const key = `${commit.id}\0${entryOid}\0${p}`;
        if (!seen.has(key)) {
          seen.add(key);
          let list = out.get(entryOid);
          if (!list) out.set(entryOid, (list = []));
          list.push({ commit, path: p });
        }
      }
      entryOid = undefined;
      return;
    }
    let s = f.toString('latin1');
    if (s.startsWith('\n')) s = s.slice(1);
    if (s.startsWith('\x01')) {
      header = [s.slice(1)];
      return;
    }
    const m = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [A-Z]/.exec(s);
    if (m) entryOid = m[1];
  };
  for await (const chunk of log.stdout) {
    const buf = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    const parts = splitNul(buf);
    const complete = buf[buf.length - 1] === 0;
    pending = complete ? Buffer.alloc(0) : Buffer.from(parts.pop() ?? Buffer.alloc(0));
    for (const p of parts) field(p);
  }
  if (pending.length) field(pending);
  const code = await exit;
  if (code !== 0) throw new GitError('failed', `git log failed: ${gitFirstLine(err()) || `exit ${code}`}`);
  return out;
}
