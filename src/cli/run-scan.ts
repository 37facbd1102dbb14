// `slack-token-guard scan`: walks the inputs in a stable order, scans small inputs on the main
// thread and hands big ones to a worker pool, and prints results in walk order whatever order the
// workers finish in. At most a bounded number of batches is in flight, so memory stays flat.
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { ScanArgs } from './args';
import { BaselineError, readBaseline, writeBaseline, type BaselineEntry } from './baseline';
import { ancestorRules, isIgnored, type RuleChain } from '../core/ignore-rules';
import { emitFindings } from './emit-findings';
import { ScanPool } from './pool';
import { redact } from '../core/redact';
import { createReporter, printable, Sink, type Reporter, type ReportedFile } from './report';
import { decodeText, pathHoldsCredential, scanContent, scanFile, scanName, type FileOutcome, type FileScanOptions, type LocatedFinding } from '../core/scan-file';
import { FolderWalk, type SkipReason, type WalkEntry } from '../core/walk';
import { trackedFiles } from '../core/git/repo';

/** An I/O problem that ends the run with exit code 2 before or instead of a report. */
export class IoError extends Error {}

export interface RunContext {
  cwd: string;
  /** The script a worker thread runs (this bundle). */
  workerScript: string;
  version: string;
  informationUri: string;
  stdin: NodeJS.ReadableStream;
  stdoutIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** One line on stderr. */
  log: (line: string) => void;
}

/**
 * Workers take 30-50 ms to start, so small inputs are scanned on the main thread. Past this much
 * work (bytes read, plus a per-file cost) the pool is started in the background; the main thread
 * keeps scanning until the workers are ready, then hands the rest over.
 */
const AUTO_POOL_THRESHOLD = 2 * 1024 * 1024;
const PER_FILE_COST = 4096;
const BATCH_FILES = 16;
const BATCHES_IN_FLIGHT_PER_WORKER = 3;
const BATCHES_WAITING_PER_WORKER = 16;

interface Stats {
  files: number;
  bytes: number;
  findingFiles: number;
  findings: number;
  baselined: number;
  ignoredByFile: number;
  binary: number;
  tooLarge: number;
  unreadable: number;
}

export type Input = { kind: 'stdin' } | { kind: 'file'; abs: string; chain: RuleChain } | { kind: 'folder'; abs: string; chain: RuleChain };

export function toDisplay(cwd: string, abs: string): string {
  // A path the walk joined under a normalised cwd (the usual case) is the rest of the string:
  // path.relative would resolve both paths again for every file.
  if (path.sep === '/' && abs.length > cwd.length + 1 && abs.charCodeAt(cwd.length) === 47 && abs.charCodeAt(abs.length - 1) !== 47 && abs.startsWith(cwd) && isNormalCwd(cwd) && path.normalize(abs) === abs) return abs.slice(cwd.length + 1);
  const rel = path.relative(cwd, abs) || path.basename(abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

let normalCwd: string | undefined;
/** Whether cwd is absolute and normalised (no `.`/`..` parts, no trailing or doubled `/`); remembered for the last one asked. */
function isNormalCwd(cwd: string): boolean {
  if (cwd === normalCwd) return true;
  if (cwd.length < 2 || !path.isAbsolute(cwd) || path.resolve(cwd) !== cwd) return false;
  normalCwd = cwd;
  return true;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Resolves the command-line paths up front, so a typo fails before any output. */
export function resolveInputs(args: Pick<ScanArgs, 'paths' | 'useGitignore' | 'verbose'>, ctx: Pick<RunContext, 'cwd' | 'log'>): Input[] {
  const inputs: Input[] = [];
  for (const p of args.paths) {
    if (p === '-') {
      inputs.push({ kind: 'stdin' });
      continue;
    }
    const abs = path.resolve(ctx.cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new IoError(code === 'ENOENT' ? `no such file or folder: ${p}` : `cannot read ${p}: ${code ?? String(e)}`);
    }
    if (st.isFile() && fs.lstatSync(abs).isSymbolicLink()) {
      // Files are read without following links (a file swapped for one is not read through it).
      ctx.log(`slack-token-guard: skipped (symbolic link; name the file it points to): ${printable(redact(p))}`);
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) {
      // Opening a FIFO waits for a writer and a device may never end: say so and go on.
      ctx.log(`slack-token-guard: skipped (not a regular file): ${printable(redact(p))}`);
      continue;
    }
    let chain: RuleChain = ancestorRules(abs, args.useGitignore, ctx.cwd);
    if (st.isDirectory()) {
      // A folder named on the command line is scanned even when a .gitignore above it ignores it
      // (`scan .cache/demo-workspace`). The .gitignore files above it then matched the folder
      // itself, so they are left out inside it; its own .gitignore files still apply.
      if (isIgnored(chain, abs, true) && !isIgnored(chain, abs, true, true)) {
        if (args.verbose) ctx.log(`scanning ${toDisplay(ctx.cwd, abs)} although .gitignore ignores it: it was named on the command line`);
        chain = chain.map((r) => ({ ...r, git: undefined }));
      }
      inputs.push({ kind: 'folder', abs, chain });
    } else inputs.push({ kind: 'file', abs, chain });
  }
  // A folder given twice, or a path inside a folder also given, would be scanned twice.
  const folders = inputs.filter((i): i is Extract<Input, { kind: 'folder' }> => i.kind === 'folder').map((i) => i.abs);
  const inside = (abs: string, self: Input) => folders.some((f) => (self.kind !== 'folder' || f !== abs) && (abs === f || abs.startsWith(f.endsWith(path.sep) ? f : f + path.sep)));
  const seen = new Set<string>();
  return inputs.filter((i) => {
    if (i.kind === 'stdin') return true;
    if (seen.has(i.abs) || inside(i.abs, i)) return false;
    seen.add(i.abs);
    return true;
  });
}

const SKIP_REASONS: Record<SkipReason, string> = {
  symlink: 'symbolic link',
  special: 'not a regular file',
  gitignore: 'ignored by .gitignore and not tracked by git',
  'tool-ignore': 'ignored by .slack-token-guard-ignore',
};

/** Files of the inputs in order: named files first-come, folders walked depth first by name. */
export function* walkInputs(inputs: Input[], args: Pick<ScanArgs, 'useGitignore' | 'verbose'>, ctx: Pick<RunContext, 'cwd' | 'log' | 'env'>, onError: (abs: string, code: string) => void): Generator<WalkEntry> {
  for (const input of inputs) {
    if (input.kind === 'file') {
      // A file named on the command line is scanned even when git ignores it (it may be staged
      // with --force); the tool's own ignore file still applies, so pre-commit hooks honour it.
      if (!isIgnored(input.chain, input.abs, false, true)) yield { abs: input.abs, chain: input.chain };
      else if (args.verbose) ctx.log(`skipped (ignored by .slack-token-guard-ignore): ${toDisplay(ctx.cwd, input.abs)}`);
    } else if (input.kind === 'folder') {
      const walk = new FolderWalk(input.abs, input.chain, {
        useGitignore: args.useGitignore,
        tracked: () => trackedFiles(input.abs, { env: ctx.env }),
        onError,
        onSkip: args.verbose ? (abs, reason) => ctx.log(`skipped (${SKIP_REASONS[reason]}): ${toDisplay(ctx.cwd, abs)}`) : undefined,
      });
      for (let e = walk.next(); e; e = walk.next()) yield e;
    }
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts);
}

/** The --baseline fingerprints, or an IoError. */
export function loadBaseline(args: ScanArgs, ctx: RunContext): Set<string> | undefined {
  if (args.baseline === undefined) return undefined;
  try {
    return readBaseline(path.resolve(ctx.cwd, args.baseline));
  } catch (e) {
    throw new IoError(e instanceof BaselineError ? e.message : String(e));
  }
}

/** The report in the chosen format, on stdout or --output. */
export function openReporter(args: ScanArgs, ctx: RunContext): Reporter {
  let sink: Sink;
  try {
    sink = args.output !== undefined ? Sink.file(path.resolve(ctx.cwd, args.output)) : Sink.stdout();
  } catch (e) {
    throw new IoError(`cannot write ${args.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const noColor = ctx.env.NO_COLOR !== undefined && ctx.env.NO_COLOR !== '';
  return createReporter(args.format, sink, {
    showSecrets: args.showSecrets,
    color: args.color ?? (args.output === undefined && ctx.stdoutIsTTY && !noColor),
    cwd: ctx.cwd,
    version: ctx.version,
    informationUri: ctx.informationUri,
  });
}

export async function runScan(args: ScanArgs, outer: RunContext): Promise<number> {
  const started = process.hrtime.bigint();
  // Every line on stderr names files: a credential in a name is masked and control characters are escaped.
  const ctx: RunContext = { ...outer, log: (line) => outer.log(printable(redact(line))) };
  const inputs = resolveInputs(args, ctx);
  const baseline = loadBaseline(args, ctx);
  const reporter = openReporter(args, ctx);

  // The report and baseline being written are not inputs, even when they lie inside the tree.
  const ownOutputs = new Set([args.output, args.writeBaseline].filter((f): f is string => f !== undefined).map((f) => path.resolve(ctx.cwd, f)));
  const fileOpts: FileScanOptions = { maxFileSize: args.maxFileSize, showSecrets: args.showSecrets, inlineIgnore: args.inlineIgnore };
  const stats: Stats = { files: 0, bytes: 0, findingFiles: 0, findings: 0, baselined: 0, ignoredByFile: 0, binary: 0, tooLarge: 0, unreadable: 0 };
  const forBaseline: BaselineEntry[] | undefined = args.writeBaseline !== undefined ? [] : undefined;

  const onError = (abs: string, code: string) => {
    stats.unreadable++;
    ctx.log(`slack-token-guard: cannot read ${toDisplay(ctx.cwd, abs)}: ${code}`);
  };

  /** Folders whose names were already scanned (a folder's name is reported once, before its first file). */
  const namedFolders = new Set<string>();

  /** Applies suppression and prints one file's findings. Called in walk order. */
  const emit = (where: ReportedFile, chain: RuleChain, findings: readonly LocatedFinding[]) => {
    const reported = emitFindings({ reporter, baseline, forBaseline, counts: stats }, where, chain, findings);
    if (reported) {
      stats.findings += reported;
      stats.findingFiles++;
    }
  };

  /**
   * `raw` is the path as the walk found it. A credential in it is masked wherever the path is shown,
   * and each file or folder name that holds one is a finding of its own (folders once, on their first file).
   */
  const report = (raw: string, abs: string | undefined, chain: RuleChain, outcome: FileOutcome) => {
    if (outcome.status === 'vanished' || outcome.status === 'not-a-file') return;
    const named = pathHoldsCredential(raw);
    const display = named ? redact(raw) : raw;
    let ownName: LocatedFinding[] = [];
    // Standard input's name is only a label the user gave (--stdin-filename): masked, not a finding.
    if (named && abs !== undefined) {
      const parts = raw.split('/');
      for (let i = 0; i < parts.length - 1; i++) {
        const folder = parts.slice(0, i + 1).join('/');
        if (namedFolders.has(folder)) continue;
        namedFolders.add(folder);
        const found = scanName(parts[i], fileOpts);
        if (found.length) emit({ file: redact(folder), abs: path.resolve(ctx.cwd, folder) }, chain, found);
      }
      ownName = scanName(parts[parts.length - 1], fileOpts);
    }
    switch (outcome.status) {
      case 'scanned':
        stats.files++;
        stats.bytes += outcome.bytes;
        break;
      case 'binary':
        stats.binary++;
        if (args.verbose) ctx.log(`skipped (binary): ${display}`);
        break;
      case 'too-large':
        stats.tooLarge++;
        if (args.verbose) ctx.log(`skipped (${formatBytes(outcome.size ?? 0)}, over --max-file-size ${formatBytes(args.maxFileSize)}): ${display}`);
        break;
      case 'unreadable':
        onError(abs ?? display, outcome.error ?? 'error');
        break;
    }
    emit({ file: display, abs }, chain, ownName.length ? [...ownName, ...outcome.findings] : outcome.findings);
  };

  // Standard input is read whole and scanned here, in command-line order with the files.
  const stdinAt = inputs.findIndex((i) => i.kind === 'stdin');
  const scanStdin = async () => {
    const virtualAbs = path.resolve(ctx.cwd, args.stdinFilename);
    const chain = ancestorRules(virtualAbs, args.useGitignore, ctx.cwd);
    const buf = await readAll(ctx.stdin);
    const text = decodeText(buf);
    const outcome: FileOutcome =
      text === undefined ? { status: 'binary', bytes: buf.length, findings: [] } : { status: 'scanned', bytes: buf.length, findings: scanContent(text, fileOpts) };
    report(args.stdinFilename, undefined, chain, outcome);
  };

  // N scanning threads: the main thread and N - 1 workers. The main thread's compiled (warm) detector
  // is worth a worker: each new thread pays the JIT warm-up again.
  const threads = args.threads ?? availableParallelism();
  const workerCount = threads - 1;
  const workersWanted = workerCount >= 1;
  let mainBatches = 0;
  let pool: ScanPool | undefined;
  let handedOver = false;
  let work = 0;
  let failure: unknown;

  // Reorder buffer: batch number -> outcomes; printed strictly in batch order.
  let nextBatch = 0;
  let nextToPrint = 0;
  const done = new Map<number, { entries: WalkEntry[]; outcomes: FileOutcome[] }>();
  const inFlight = new Set<Promise<void>>();
  const drain = () => {
    for (let b = done.get(nextToPrint); b; b = done.get(nextToPrint)) {
      done.delete(nextToPrint++);
      b.entries.forEach((e, i) => report(toDisplay(ctx.cwd, e.abs), e.abs, e.chain, b.outcomes[i]));
    }
  };
  const dispatch = async (p: ScanPool, entries: WalkEntry[]) => {
    // Bounded work in flight, and bounded results waiting behind a slow batch: memory stays flat.
    while (inFlight.size > 0 && nextBatch - nextToPrint >= (p.size + 1) * BATCHES_WAITING_PER_WORKER) {
      await Promise.race(inFlight);
    }
    if (failure) return;
    const n = nextBatch++;
    if (p.saturated(BATCHES_IN_FLIGHT_PER_WORKER)) {
      // Every worker has work queued: rather than wait, the main thread scans this batch itself.
      const outcomes = entries.map((e) => scanFile(e.abs, fileOpts));
      mainBatches++;
      done.set(n, { entries, outcomes });
      drain();
      await new Promise<void>((resolve) => setImmediate(resolve)); // let the workers' replies in
      return;
    }
    const task: Promise<void> = p
      .run(entries.map((e) => e.abs))
      .then(
        (outcomes) => {
          done.set(n, { entries, outcomes });
          drain();
        },
        (e) => {
          failure ??= e;
        },
      )
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  try {
    const entries = walkInputs(
      inputs.filter((i) => i.kind !== 'stdin'),
      args,
      ctx,
      onError,
    );
    // Stdin placed first on the command line is printed first; elsewhere, last.
    if (stdinAt === 0) await scanStdin();
    let batch: WalkEntry[] = [];
    for (const entry of entries) {
      if (failure) break;
      if (ownOutputs.has(entry.abs)) continue;
      if (!pool && workersWanted && (args.threads !== undefined || work >= AUTO_POOL_THRESHOLD)) {
        pool = new ScanPool(workerCount, ctx.workerScript, fileOpts);
        if (args.verbose) ctx.log(`scanning on ${threads} threads: the main thread and ${workerCount} ${workerCount === 1 ? 'worker' : 'workers'}`);
      }
      if (pool && !handedOver) {
        // Let the workers' "ready" messages in: within one folder the walk yields without I/O.
        await new Promise<void>((resolve) => setImmediate(resolve));
        handedOver = pool.ready || args.threads !== undefined;
      }
      if (!handedOver || !pool) {
        const outcome = scanFile(entry.abs, fileOpts);
        work += outcome.bytes + PER_FILE_COST;
        report(toDisplay(ctx.cwd, entry.abs), entry.abs, entry.chain, outcome);
        continue;
      }
      batch.push(entry);
      if (batch.length >= BATCH_FILES) {
        await dispatch(pool, batch);
        batch = [];
      }
    }
    if (pool && batch.length) await dispatch(pool, batch);
    if (args.verbose && pool) {
      ctx.log(handedOver ? `${nextBatch} batches of up to ${BATCH_FILES} files: ${nextBatch - mainBatches} on workers, ${mainBatches} on the main thread` : 'the main thread finished before the workers were ready');
    }
    while (inFlight.size) await Promise.race(inFlight);
    if (failure) throw failure;
    if (stdinAt > 0) await scanStdin();
  } finally {
    await pool?.close();
  }

  if (forBaseline && args.writeBaseline !== undefined) {
    try {
      writeBaseline(path.resolve(ctx.cwd, args.writeBaseline), forBaseline);
    } catch (e) {
      throw new IoError(e instanceof BaselineError ? e.message : String(e));
    }
  }
  reporter.end(stats.unreadable === 0);

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const showSummary = !args.quiet && (args.format === 'text' || args.verbose || args.output !== undefined);
  if (forBaseline) ctx.log(`slack-token-guard: wrote ${new Set(forBaseline.map((e) => e.fingerprint)).size} fingerprints (${forBaseline.length} findings) to ${args.writeBaseline}`);
  if (showSummary) {
    const scanned = `${stats.files} ${stats.files === 1 ? 'file' : 'files'}, ${formatBytes(stats.bytes)} scanned`;
    const extra: string[] = [];
    if (stats.baselined && !forBaseline) extra.push(`${stats.baselined} in the baseline`);
    if (stats.ignoredByFile) extra.push(`${stats.ignoredByFile} ignored by .slack-token-guard-ignore`);
    if (stats.binary) extra.push(`${stats.binary} binary skipped`);
    if (stats.tooLarge) extra.push(`${stats.tooLarge} over the size limit skipped`);
    if (stats.unreadable) extra.push(`${stats.unreadable} unreadable`);
    const head =
      stats.findings === 0
        ? 'no Slack credentials found'
        : `${stats.findings} Slack ${stats.findings === 1 ? 'credential' : 'credentials'} in ${stats.findingFiles} ${stats.findingFiles === 1 ? 'file' : 'files'}`;
    ctx.log(`slack-token-guard: ${head} (${[scanned, ...extra].join('; ')}) in ${seconds.toFixed(2)} s`);
  }
  if (stats.unreadable) return 2;
  return stats.findings > 0 ? 1 : 0;
}
