// Recall on generated values: how many real-shaped random credentials of a kind the detector drops
// (by a placeholder rule that fires by chance, a length rule, an id rule). Used by the unit test
// (a fixed budget over several seeds) and by `npm run recall` / `npm run bench` (a bigger sweep that
// prints the miss count per kind). Counts work, never times it.
import { scanText } from '../../src/core/detect';
import { detectedKind, TOKEN_KINDS, TokenGenerator, type GeneratedKind } from './token-gen';

/** Every generated kind: the prefixed ones and the two secrets found by a Slack key name. */
export const RECALL_KINDS: readonly GeneratedKind[] = Object.freeze([...TOKEN_KINDS, 'signing-secret', 'client-secret']);

/** The line a generated value is put on: a quoted string, or for the secrets a Slack .env key. */
function lineFor(kind: GeneratedKind, value: string): [string, number] {
  if (kind === 'signing-secret') return [`SLACK_SIGNING_SECRET=${value}`, 21];
  if (kind === 'client-secret') return [`SLACK_CLIENT_SECRET=${value}`, 20];
  return [`v = "${value}";`, 5];
}

/** Values put in one text and scanned together (fewer calls; each value still judged on its own). */
const BATCH = 500;

/**
 * Generates `n` values of `kind` from `seed` and counts those not found with their exact span and
 * kind. A value is never returned or printed, only the count.
 */
export function countMisses(kind: GeneratedKind, seed: number, n: number): number {
  const gen = new TokenGenerator(seed);
  const want = detectedKind(kind);
  let missed = 0;
  for (let done = 0; done < n; ) {
    const m = Math.min(BATCH, n - done);
    const lines: string[] = [];
    const spans: Array<[number, number]> = [];
    let at = 0;
    for (let i = 0; i < m; i++) {
      const value = gen.token(kind);
      const [line, offset] = lineFor(kind, value);
      spans.push([at + offset, at + offset + value.length]);
      lines.push(line);
      at += line.length + 1;
    }
    const found = scanText(lines.join('\n'));
    let k = 0;
    for (const [start, end] of spans) {
      while (k < found.length && found[k].end <= start) k++;
      const f = found[k];
      if (!f || f.start !== start || f.end !== end || f.kind !== want) missed++;
    }
    done += m;
  }
  return missed;
}
