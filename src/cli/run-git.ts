// `scan --git` (history) and `scan --staged` (the index): the same reports, baselines, masking,
// ignore-file fingerprints and exit codes as a file scan; only the source of the strings differs.
import * as path from 'node:path';
import type { ScanArgs } from './args';
import { BaselineError, writeBaseline, type BaselineEntry } from './baseline';
import { printable, type ReportedFile } from './report';
import { redact } from '../core/redact';
import type { RunContext } from './run-scan';
import { formatBytes, IoError, loadBaseline, openReporter } from './run-scan';
import { isIgnored, loadFolderRules, type RuleChain } from '../core/ignore-rules';
import { emitFindings } from './emit-findings';
import { GitError } from '../core/git/run';
import { repoInfo, stagedBlobs, type RepoInfo } from '../core/git/repo';
import { readBlobs } from '../core/git/objects';
import { scanHistory } from '../core/git/scan-history';
import { decodeText, scanContent, type LocatedFinding } from '../core/scan-file';

/** The repository of the current folder, or an IoError (exit 2) saying what is wrong. */
function openRepo(ctx: RunContext, forHistory: boolean): RepoInfo {
  let info: RepoInfo;
  try {
    info = repoInfo(ctx.cwd, { env: ctx.env });
  } catch (e) {
    if (e instanceof GitError && e.code === 'no-git') throw new IoError('git is not installed or not on PATH: --git and --staged need it');
    if (e instanceof GitError && e.code === 'not-a-repo') throw new IoError(`not a git repository: ${ctx.cwd} (run the scan inside one, or scan files without --git/--staged)`);
    throw new IoError(e instanceof Error ? e.message : String(e));
  }
  if (forHistory && info.shallow) {
    throw new IoError('this is a shallow clone: older commits are missing, so history cannot be scanned completely (fetch it with "git fetch --unshallow", or in CI set fetch-depth: 0)');
  }
  return info;
}

/**
 * The tool's own ignore files of the work tree (path patterns and fingerprints) for a path from
 * the repository top: a fixture folder listed there is passed over in history too. Each folder's
 * chain is its parent's cached chain plus its own file, so every ignore file is read and parsed
 * once however many history folders lie below it, and the chain runs up to the top even where a
 * folder is now a repository of its own (history paths are the top repository's). `.gitignore`
 * does not apply: whatever was committed is in history whether ignored now or not.
 */
export function toolRules(top: string | undefined): (rel: string) => RuleChain {
  const chains = new Map<string, RuleChain>();
  const chainOf = (dir: string): RuleChain => {
    const cached = chains.get(dir);
    if (cached) return cached;
    const rel = path.relative(top as string, dir);
    const atTop = rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
    const parent = atTop ? [] : chainOf(path.dirname(dir));
    const own = loadFolderRules(atTop ? (top as string) : dir, false);
    const chain = own ? [...parent, own] : parent;
    chains.set(dir, chain);
    return chain;
  };
  return (rel) => (top === undefined ? [] : chainOf(path.dirname(path.join(top, rel))));
}

export async function runGitScan(args: ScanArgs, outer: RunContext): Promise<number> {
  const started = process.hrtime.bigint();
  // Paths in history can hold a token or control characters: stderr gets them masked and escaped.
  const ctx: RunContext = { ...outer, log: (line) => outer.log(printable(redact(line))) };
  const info = openRepo(ctx, args.source === 'git');
  const baseline = loadBaseline(args, ctx);
  const top = info.top;
  const chainFor = toolRules(top);
  const display = (rel: string) => {
    if (top === undefined) return redact(rel);
    const r = path.relative(ctx.cwd, path.join(top, rel));
    // A token in a committed path is masked wherever the path is shown, as for files.
    return redact(path.sep === '/' ? r : r.split(path.sep).join('/'));
  };
  const fileOpts = { maxFileSize: args.maxFileSize, showSecrets: args.showSecrets, inlineIgnore: args.inlineIgnore };

  /** Everything to report, gathered first: a git failure then ends the run before any output. */
  const results: { where: ReportedFile; rel: string; findings: LocatedFinding[] }[] = [];
  const summary = { units: 0, bytes: 0, binary: 0, tooLarge: 0 };
  if (args.source === 'staged') {
    const staged = (() => {
      try {
        return stagedBlobs(ctx.cwd, { env: ctx.env });
      } catch (e) {
        throw new IoError(e instanceof Error ? e.message : String(e));
      }
    })();
    if (staged.length === 0) return 0; // nothing staged: nothing to say (a hook stays quiet)
    const byOid = new Map<string, string[]>();
    for (const s of staged) byOid.set(s.oid, [...(byOid.get(s.oid) ?? []), s.path]);
    try {
      readBlobs(ctx.cwd, [...byOid.keys()], args.maxFileSize, (b) => {
        for (const rel of byOid.get(b.oid) ?? []) {
          const shown = display(rel);
          if (b.data === undefined) {
            summary.tooLarge++;
            if (args.verbose) ctx.log(`skipped (${formatBytes(b.size)}, over --max-file-size ${formatBytes(args.maxFileSize)}): ${shown}`);
            continue;
          }
          const text = decodeText(b.data);
          if (text === undefined) {
            summary.binary++;
            if (args.verbose) ctx.log(`skipped (binary): ${shown}`);
            continue;
          }
          summary.units++;
          summary.bytes += b.data.length;
          results.push({ where: { file: shown, abs: top !== undefined ? path.join(top, rel) : undefined }, rel, findings: scanContent(text, fileOpts) });
        }
      }, { env: ctx.env });
    } catch (e) {
      throw new IoError(e instanceof Error ? e.message : String(e));
    }
    results.sort((a, b) => (a.where.file < b.where.file ? -1 : a.where.file > b.where.file ? 1 : 0));
  } else {
    let scanned;
    try {
      scanned = await scanHistory(ctx.cwd, { revs: args.paths, since: args.since }, { ...fileOpts, git: { env: ctx.env } });
    } catch (e) {
      if (e instanceof GitError && e.code === 'no-git') throw new IoError('git is not installed or not on PATH: --git needs it');
      throw new IoError(e instanceof Error ? e.message : String(e));
    }
    summary.units = scanned.stats.blobs;
    summary.bytes = scanned.stats.bytes;
    summary.binary = scanned.stats.binary;
    summary.tooLarge = scanned.stats.tooLarge;
    if (args.verbose) {
      for (const b of scanned.stats.tooLargeBlobs) ctx.log(`skipped (${formatBytes(b.size)}, over --max-file-size ${formatBytes(args.maxFileSize)}): blob ${b.oid.slice(0, 7)} ${b.path}`);
      for (const b of scanned.stats.binaryBlobs) ctx.log(`skipped (binary): blob ${b.oid.slice(0, 7)} ${b.path}`);
    }
    for (const f of scanned.findings) {
      const rel = f.first?.path ?? f.path;
      results.push({ where: { file: display(rel), commit: f.first?.commit, occurrences: f.occurrences }, rel, findings: [f] });
    }
  }

  const reporter = openReporter(args, ctx);
  const forBaseline: BaselineEntry[] | undefined = args.writeBaseline !== undefined ? [] : undefined;
  let findings = 0;
  const counts = { baselined: 0, ignoredByFile: 0 };
  const places = new Set<string>();
  for (const r of results) {
    const chain = chainFor(r.rel);
    if (top !== undefined && isIgnored(chain, path.join(top, r.rel), false, true)) {
      if (args.verbose) ctx.log(`skipped (ignored by .slack-token-guard-ignore): ${r.where.file}`);
      continue;
    }
    const reported = emitFindings({ reporter, baseline, forBaseline, counts }, r.where, chain, r.findings);
    findings += reported;
    if (reported) places.add(r.where.file);
  }
  const { baselined, ignoredByFile } = counts;
  if (forBaseline && args.writeBaseline !== undefined) {
    try {
      writeBaseline(path.resolve(ctx.cwd, args.writeBaseline), forBaseline);
    } catch (e) {
      throw new IoError(e instanceof BaselineError ? e.message : String(e));
    }
  }
  reporter.end(true);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (forBaseline) ctx.log(`slack-token-guard: wrote ${new Set(forBaseline.map((e) => e.fingerprint)).size} fingerprints (${forBaseline.length} findings) to ${args.writeBaseline}`);
  if (!args.quiet && (args.format === 'text' || args.verbose || args.output !== undefined)) {
    const what = args.source === 'git' ? 'history' : 'staged';
    const scanned = `${summary.units} ${what === 'history' ? (summary.units === 1 ? 'blob' : 'blobs') : summary.units === 1 ? 'staged file' : 'staged files'}, ${formatBytes(summary.bytes)} scanned`;
    const extra: string[] = [];
    if (baselined && !forBaseline) extra.push(`${baselined} in the baseline`);
    if (ignoredByFile) extra.push(`${ignoredByFile} ignored by .slack-token-guard-ignore`);
    if (summary.binary) extra.push(`${summary.binary} binary skipped`);
    if (summary.tooLarge) extra.push(`${summary.tooLarge} over the size limit skipped`);
    const head =
      findings === 0
        ? `no Slack credentials found${what === 'history' ? ' in history' : ''}`
        : `${findings} Slack ${findings === 1 ? 'credential' : 'credentials'} ${what === 'history' ? 'in history' : 'staged'}, in ${places.size} ${places.size === 1 ? 'file' : 'files'}`;
    ctx.log(`slack-token-guard: ${head} (${[scanned, ...extra].join('; ')}) in ${seconds.toFixed(2)} s`);
    if (findings && what === 'history') ctx.log('slack-token-guard: a committed token stays in every clone and fork: revoke it; removing it from the files is not enough');
  }
  return findings > 0 ? 1 : 0;
}
