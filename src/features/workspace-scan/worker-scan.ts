// Scan Workspace's worker threads: the CLI's pool (src/cli/pool.ts) running dist/scan-worker.js,
// so reading and the detector run off the extension host's thread, which only walks the folders,
// judges ignore rules and publishes. Only outcomes come back (statuses and findings without the
// token). When a pool cannot start (no worker script, no worker_threads), the caller scans on its
// own thread instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ScanPool } from '../../cli/pool';
import type { FileOutcome as CoreOutcome } from '../../core/scan-file';

/** More threads than this only add start-up cost and memory for a folder scan. */
const MAX_WORKERS = 4;

/**
 * One worker fewer than the cores, as the CLI (whose main thread scans too): the extension host's
 * thread stays busy meanwhile, mostly inside VS Code handing the diagnostics to Problems, and on
 * 2 cores a second worker made the scan slower, not faster (npm run bench:editor compares them).
 */
export function scanWorkerCount(): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores() - 1));
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Starts the pool, or says why it could not (the scan then runs on the extension host's thread). */
export function startScanPool(script: string, maxFileSize: number, size = scanWorkerCount()): { pool: ScanPool } | { error: string } {
  if (!fs.existsSync(script)) return { error: `no worker script at ${script}` };
  try {
    return { pool: new ScanPool(size, script, { maxFileSize, showSecrets: false, inlineIgnore: true }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The scanner's status names: a file that vanished or is not a regular file counts as unreadable, as on the in-thread path. */
export function outcomeStatus(o: CoreOutcome): 'scanned' | 'binary' | 'too-large' | 'unreadable' {
  switch (o.status) {
    case 'scanned':
    case 'binary':
    case 'too-large':
      return o.status;
    default:
      return 'unreadable';
  }
}
