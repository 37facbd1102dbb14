// What `scan` and `scan --git`/`--staged` do with the findings of one place (a file, a blob, standard
// input) before reporting: a fingerprint an ignore file lists is dropped, `--write-baseline`
// collects instead of reporting, `--baseline` drops what it holds. The rest is reported.
import type { BaselineEntry } from './baseline';
import type { ReportedFile, Reporter } from './report';
import { isFingerprintIgnored, type RuleChain } from '../core/ignore-rules';
import type { LocatedFinding } from '../core/scan-file';

export interface FindingSink {
  reporter: Pick<Reporter, 'finding'>;
  /** --baseline's fingerprints. */
  baseline: ReadonlySet<string> | undefined;
  /** Set with --write-baseline: findings are collected here, not reported. */
  forBaseline: BaselineEntry[] | undefined;
  /** Counted as findings are passed over. */
  counts: { baselined: number; ignoredByFile: number };
}

/** Reports what no ignore file, baseline or --write-baseline takes; returns how many it reported. */
export function emitFindings(sink: FindingSink, where: ReportedFile, chain: RuleChain, findings: readonly LocatedFinding[]): number {
  let reported = 0;
  for (const f of findings) {
    if (isFingerprintIgnored(chain, f.fingerprint)) {
      sink.counts.ignoredByFile++;
      continue;
    }
    if (sink.forBaseline) {
      sink.forBaseline.push({ fingerprint: f.fingerprint, file: where.file, line: f.line, kind: f.kind });
      sink.counts.baselined++;
      continue;
    }
    if (sink.baseline?.has(f.fingerprint)) {
      sink.counts.baselined++;
      continue;
    }
    reported++;
    sink.reporter.finding(f, where);
  }
  return reported;
}
