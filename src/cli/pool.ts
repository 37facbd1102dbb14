// A pool of worker threads that read and scan files. The main thread walks, prints, and scans a
// batch itself whenever every worker is busy (see run-scan.ts). The worker script is this same
// bundle (dist/cli.js) started in worker mode, so the CLI stays one file.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { scanFile, type FileOutcome, type FileScanOptions } from '../core/scan-file';

export const WORKER_ROLE = 'slack-token-guard-scan-worker';

interface WorkerInit {
  role: typeof WORKER_ROLE;
  opts: FileScanOptions;
}

interface Request {
  id: number;
  files: string[];
}

interface Reply {
  /** -1: the worker has loaded and waits for work. */
  id: number;
  outcomes?: FileOutcome[];
  error?: string;
}

/** True when this thread was started by ScanPool. */
export function isScanWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerInit> | undefined)?.role === WORKER_ROLE;
}

/** The worker side: scan each requested batch and reply with the outcomes, in order. */
export function runScanWorker(): void {
  const port = parentPort;
  if (!port) return;
  const { opts } = workerData as WorkerInit;
  port.on('message', (req: Request) => {
    let reply: Reply;
    try {
      reply = { id: req.id, outcomes: req.files.map((f) => scanFile(f, opts)) };
    } catch (e) {
      reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ id: -1 } satisfies Reply);
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve: (o: FileOutcome[]) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 0;
  private failure: Error | undefined;
  private started = 0;
  private closing = false;

  constructor(size: number, script: string, opts: FileScanOptions) {
    const init: WorkerInit = { role: WORKER_ROLE, opts };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: init });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (reply: Reply) => this.settle(reply));
      worker.on('error', (e) => this.fail(e));
      // Any exit not asked for by close() fails the pool, a clean one too: batches queued on that
      // worker would otherwise wait forever and the scan would hang.
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`scan worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** True once every worker has loaded the scanner; work sent earlier just waits in its queue. */
  get ready(): boolean {
    return this.started === this.slots.length;
  }

  /** True when every worker has at least `depth` batches queued or running. */
  saturated(depth: number): boolean {
    return this.slots.every((s) => s.busy >= depth);
  }

  /** Scans a batch of files on the least busy worker. */
  run(files: string[]): Promise<FileOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, files } satisfies Request);
    });
  }

  private settle(reply: Reply): void {
    if (reply.id === -1) {
      this.started++;
      return;
    }
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    w.slot.busy--;
    if (reply.outcomes) w.resolve(reply.outcomes);
    else w.reject(new Error(reply.error ?? 'scan worker failed'));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
