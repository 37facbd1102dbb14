// The worker pool the CLI and Scan Workspace share: a worker that goes away, cleanly or not, fails
// the batches queued on it instead of leaving the scan waiting forever.
import { suite, test } from 'mocha';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScanPool } from '../../src/cli/pool';

function script(body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stg-pool-'));
  const file = path.join(dir, 'worker.js');
  fs.writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.postMessage({ id: -1 });\n${body}\n`);
  return file;
}

const opts = { maxFileBytes: 1024, showSecrets: false } as unknown as ConstructorParameters<typeof ScanPool>[2];

suite('scan worker pool: a worker that goes away', () => {
  for (const [name, code] of [
    ['exits cleanly (code 0)', 0],
    ['exits with an error code', 3],
  ] as const) {
    test(`a worker that ${name} with a batch queued fails the batch instead of hanging`, async () => {
      const pool = new ScanPool(1, script(`parentPort.on('message', () => process.exit(${code}));`), opts);
      try {
        await assert.rejects(pool.run(['/nonexistent']), /scan worker exited with code/);
        // Later batches fail at once too: the pool says it failed.
        await assert.rejects(pool.run(['/nonexistent']), /scan worker exited with code/);
      } finally {
        await pool.close();
      }
    });
  }

  test('close() is not a failure: a batch settled before it keeps its answer', async () => {
    const pool = new ScanPool(1, script(`parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, outcomes: [] }));`), opts);
    assert.deepEqual(await pool.run(['/nonexistent']), []);
    await pool.close();
  });
});
