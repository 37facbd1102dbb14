// V8 settings the CLI makes for its own process at startup (never the editor's: the extension host
// is shared with other extensions). A scan is one short pass over many files, so the optimising
// compiler's background work is a large share of its CPU time; measured with callgrind over the
// generated 100 MB corpus (the figures are below, at CLI_V8_FLAGS; `npm run bench` shows the CLI's
// CPU time against the floor's, with them set).
import * as v8 from 'node:v8';

/**
 * Flags set once at startup, before the detector's functions are first optimised: less inlining
 * (V8's defaults are 460 and 920). Measured with callgrind, `scan --format json --threads 1` of the
 * generated 100 MB corpus, instructions of all threads: 6.07 G with the defaults, 5.81 G with 150 and
 * 250, 5.68 G with 60 and 120; the optimising compiler's share fell from 1.46 G to 0.95 G while the
 * compiled code's own stayed at 1.95-1.96 G, with the same findings (with this branch's detector
 * changes too: 5.52 G, against 2.13 G for the bench's floor script). Tried and left out:
 * --single-threaded-gc (6.10 G: the same work on fewer threads).
 */
export const CLI_V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size=60', '--max-inlined-bytecode-size-cumulative=120'];

let applied = false;

/**
 * The Node major versions the flags were measured on. Elsewhere they are left alone: a V8 that no
 * longer knows a flag prints "unrecognized flag" on every run (every pre-commit hook), and from
 * Node 22 Maglev has inlining limits of its own, so the gain there is unmeasured.
 */
export const CLI_V8_FLAGS_NODE_MAJORS: readonly number[] = [20];

/** Applies CLI_V8_FLAGS once per process (the worker threads share the main thread's), on a measured Node. */
export function applyCliV8Flags(nodeVersion = process.versions.node): boolean {
  if (applied) return true;
  if (!CLI_V8_FLAGS_NODE_MAJORS.includes(Number(nodeVersion.split('.')[0]))) return false;
  applied = true;
  for (const flag of CLI_V8_FLAGS) v8.setFlagsFromString(flag);
  return true;
}
