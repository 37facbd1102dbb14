// What one repository's history holds: every token ever committed (by fingerprint), the commit
// that first introduced it, and whether a remote-tracking branch contains that commit. Built once
// in the background with the same history scan as `slack-token-guard scan --git`, kept until the
// repository's refs move.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitSpawn } from '../../core/git/run';
import type { CommitRef } from '../../core/git/objects';
import { scanHistory, type HistoryFinding } from '../../core/git/scan-history';

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

/** The work-tree top of the repository holding `file`, by looking for `.git` upward; cached per folder. */
export class RepoLocator {
  private readonly tops = new Map<string, string | null>();

  topFor(file: string): string | undefined {
    const chain: string[] = [];
    let found: string | null = null;
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      const cached = this.tops.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      chain.push(d);
      if (fs.existsSync(path.join(d, '.git'))) {
        found = d;
        break;
      }
      if (d === path.dirname(d)) break;
    }
    for (const d of chain) this.tops.set(d, found);
    return found ?? undefined;
  }

  forget(): void {
    this.tops.clear();
  }
}

function gitLines(cwd: string, args: readonly string[]): Promise<string[]> {
  return new Promise((resolve) => {
    const p = gitSpawn(cwd, args);
    const parts: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => parts.push(d));
    p.stderr.resume();
    p.on('error', () => resolve([]));
    p.on('close', (code) => resolve(code === 0 ? Buffer.concat(parts).toString('utf8').split('\n').filter((l) => l !== '') : []));
  });
}

/** The remote whose tracking branch contains `commit`: origin when it is one of them. */
async function remoteContaining(top: string, commit: string): Promise<string | undefined> {
  const refs = await gitLines(top, ['for-each-ref', '--format=%(refname)', '--contains', commit, 'refs/remotes/']);
  const remotes = [...new Set(refs.map((r) => r.split('/')[2]).filter((r): r is string => !!r))];
  return remotes.includes('origin') ? 'origin' : remotes[0];
}

export async function buildSnapshot(top: string, maxFileSize: number): Promise<HistorySnapshot> {
  const { findings } = await scanHistory(top, { revs: [] }, { maxFileSize, showSecrets: false, inlineIgnore: true });
  const pushed = new Map<string, string | undefined>();
  const byFingerprint = new Map<string, Exposure>();
  for (const f of findings) {
    if (!f.first) continue;
    const id = f.first.commit.id;
    if (!pushed.has(id)) pushed.set(id, await remoteContaining(top, id));
    byFingerprint.set(f.fingerprint, { commit: f.first.commit, pushedTo: pushed.get(id) });
  }
  return { top, byFingerprint, findings };
}
