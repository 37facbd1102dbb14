// The worker thread behind Scan Workspace: the CLI's own worker side (src/cli/pool.ts, which reads
// and scans with src/core/scan-file.ts), bundled by esbuild as dist/scan-worker.js. It reads the
// files it is sent and replies with their outcomes: statuses and findings (kind, position, mask,
// fingerprint; never the token, since the scan runs with showSecrets false).
import { isScanWorker, runScanWorker } from '../cli/pool';

if (isScanWorker()) runScanWorker();
