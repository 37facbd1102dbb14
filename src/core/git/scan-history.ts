// History as another source of strings: every distinct blob of the selected history goes through
// the same decoding and detector as a file (decodeText, scanContent), then the blobs with findings
// get their commits. The CLI's `scan --git` and the editor's exposure check both call this.
import { decodeText, scanContent, type LocatedFinding } from '../scan-file';
import { blobOccurrences, forEachBlob, type HistorySelection, type Occurrence } from './objects';
import { gitSync, type GitRunOptions } from './run';

export interface HistoryFinding extends LocatedFinding {
  /** The blob the location (line, column) refers to. */
  oid: string;
  /** The commit that first introduced the blob, and the path it had there. */
  first?: Occurrence;
  /** Every commit and path the token is recorded under (in any blob), oldest first. */
  occurrences: Occurrence[];
  /** The path rev-list met the blob under (used when no commit records it, e.g. a tagged blob). */
  path: string;
}

export interface HistoryStats {
  blobs: number;
  bytes: number;
  binary: number;
  tooLarge: number;
  /** Blobs over the size limit: oid and path, for --verbose. */
  tooLargeBlobs: { oid: string; path: string; size: number }[];
  binaryBlobs: { oid: string; path: string }[];
}

export interface HistoryScanOptions {
  maxFileSize: number;
  showSecrets: boolean;
  inlineIgnore: boolean;
  /** Called for every blob scanned (progress, cancellation checks). */
  onBlob?: (scanned: number) => void;
  git?: GitRunOptions;
}

/** Oldest first by author date, then by commit id for a stable order. */
function byDate(a: Occurrence, b: Occurrence): number {
  const ta = Date.parse(a.commit.date);
  const tb = Date.parse(b.commit.date);
  if (ta !== tb) return ta - tb;
  return a.commit.id < b.commit.id ? -1 : a.commit.id > b.commit.id ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export async function scanHistory(cwd: string, selection: HistorySelection, opts: HistoryScanOptions): Promise<{ findings: HistoryFinding[]; stats: HistoryStats }> {
  const sel = { ...selection, head: selection.head ?? gitSync(cwd, ['rev-parse', '--verify', '-q', 'HEAD'], opts.git).status === 0 };
  const stats: HistoryStats = { blobs: 0, bytes: 0, binary: 0, tooLarge: 0, tooLargeBlobs: [], binaryBlobs: [] };
  const found = new Map<string, { path: string; findings: LocatedFinding[] }>();
  await forEachBlob(
    cwd,
    sel,
    opts.maxFileSize,
    (b) => {
      if (b.data === undefined) {
        stats.tooLarge++;
        stats.tooLargeBlobs.push({ oid: b.oid, path: b.path, size: b.size });
        return;
      }
      const text = decodeText(b.data);
      if (text === undefined) {
        stats.binary++;
        stats.binaryBlobs.push({ oid: b.oid, path: b.path });
        return;
      }
      stats.blobs++;
      stats.bytes += b.data.length;
      opts.onBlob?.(stats.blobs);
      const findings = scanContent(text, opts);
      if (findings.length) found.set(b.oid, { path: b.path, findings });
    },
    opts.git,
  );
  const occ = await blobOccurrences(cwd, sel, new Set(found.keys()), opts.git);
  // One finding per token (fingerprint), however many blobs, commits and paths hold it: located
  // where it first appeared.
  // blobOccurrences lists each (commit, blob, path) once and a path holds one blob a commit, so a
  // token's occurrences repeat only when one blob holds the token twice: its list is added once.
  const byToken = new Map<string, HistoryFinding>();
  const blobsOf = new Map<string, Set<string>>();
  for (const [oid, { path, findings }] of found) {
    const occurrences = (occ.get(oid) ?? []).slice().sort(byDate);
    for (const f of findings) {
      const blobs = blobsOf.get(f.fingerprint) ?? new Set<string>();
      blobsOf.set(f.fingerprint, blobs);
      if (blobs.has(oid)) continue;
      blobs.add(oid);
      const prev = byToken.get(f.fingerprint);
      if (!prev) {
        byToken.set(f.fingerprint, { ...f, oid, path, first: occurrences[0], occurrences: occurrences.slice() });
        continue;
      }
      const earlier = occurrences[0] !== undefined && (prev.first === undefined || byDate(occurrences[0], prev.first) < 0);
      const merged = prev.occurrences.concat(occurrences);
      if (earlier) byToken.set(f.fingerprint, { ...f, oid, path, first: occurrences[0], occurrences: merged });
      else prev.occurrences = merged;
    }
  }
  const out = [...byToken.values()];
  for (const f of out) f.occurrences.sort(byDate);
  out.sort((a, b) => {
    const da = a.first ? Date.parse(a.first.commit.date) : Infinity;
    const db = b.first ? Date.parse(b.first.commit.date) : Infinity;
    if (da !== db) return da - db;
    const pa = a.first?.path ?? a.path;
    const pb = b.first?.path ?? b.path;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.line - b.line || a.column - b.column;
  });
  return { findings: out, stats };
}
