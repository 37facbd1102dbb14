#!/usr/bin/env node
// Recall sweep (`npm run recall`, also run by `npm run bench`): generated real-shaped values per kind
// over several seeds, and how many the detector drops (a placeholder rule firing by chance inside a
// random id or secret, a length or id rule). Prints the miss count and the rate per 100,000 values;
// counted, never timed, and never asserted (the unit suite holds the zero-miss test on its own seeds).
// Options: --no-build, --n N (values per seed and kind, default 200,000), --seeds a,b,c (default 5 seeds).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { benchArgs, ROOT } from './options.mjs';

const require = createRequire(import.meta.url);
const args = benchArgs();
const N = args.number('--n', 200000);
const SEEDS = args.text('--seeds', '9001,9002,9003,9004,9005').split(',').map(Number);
const log = (s = '') => process.stdout.write(s + '\n');

if (!args.flag('--no-build')) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { countMisses, RECALL_KINDS } = require(path.join(ROOT, 'out', 'test', 'support', 'recall.js'));

log(`recall on generated values: ${N.toLocaleString('en')} per seed and kind, seeds ${SEEDS.join(', ')}`);
log(`  ${'kind'.padEnd(18)}${'values'.padStart(12)}${'missed'.padStart(8)}${'per 100k'.padStart(10)}`);
let all = 0;
let total = 0;
for (const kind of RECALL_KINDS) {
  let missed = 0;
  for (const seed of SEEDS) missed += countMisses(kind, seed, N);
  const n = N * SEEDS.length;
  all += missed;
  total += n;
  log(`  ${kind.padEnd(18)}${n.toLocaleString('en').padStart(12)}${String(missed).padStart(8)}${((missed / n) * 1e5).toFixed(2).padStart(10)}`);
}
log(`  ${'all kinds'.padEnd(18)}${total.toLocaleString('en').padStart(12)}${String(all).padStart(8)}${((all / total) * 1e5).toFixed(2).padStart(10)}`);
