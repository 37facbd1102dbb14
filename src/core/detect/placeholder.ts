// Placeholder judgement: is the secret part of a token-shaped value a hand-made stand-in?
// Real secrets are random, so we measure how much of the secret is explained by structure a human
// types (runs of one character, alphabet/digit sequences, alternations, placeholder words). A real
// random tail has almost none; a placeholder is mostly structure. A single word or run inside a long
// random tail never decides it (e.g. a random 24-char tail may contain "test" by chance).
// Id groups are never judged: a digit pattern in an id alone is not a tell.

const WORDS = [
  'your',
  'yours',
  'example',
  'sample',
  'dummy',
  'fake',
  'test',
  'mock',
  'changeme',
  'change',
  'redacted',
  'token',
  'here',
  'placeholder',
  'secret',
  'slack',
  'insert',
  'replace',
  'enter',
  'paste',
  'value',
  'string',
  'random',
  'access',
  'config',
  'configuration',
  'initial',
  'invalid',
  'webhook',
  'hook',
  'password',
  'demo',
  'bot',
  'user',
  'app',
  'key',
  'my',
  'foo',
  'bar',
  'baz',
  'xyz',
  'abc',
  'todo',
  'fixme',
  'none',
  'null',
  'undefined',
  'some',
  'goes',
  'put',
  'workspace',
  'team',
  'client',
  'signing',
  'legacy',
  'dev',
  'prod',
  'staging',
  'local',
  'default',
  'dont',
  'commit',
  'real',
  'not',
  'this',
  'the',
  'deadbeef',
  'cafebabe',
  'abcdef',
];
/** All words of three letters or more in one regex, longest first so the longest word at a place wins. */
const WORD_RE = new RegExp(
  WORDS.filter((w) => w.length >= 3)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Scratch buffers reused across calls (the scanner is synchronous, so no call interleaves). */
let covered = new Uint8Array(256);
const seenStamp = new Uint32Array(65536);
let stamp = 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/**
 * Fraction of `s` covered by human-made structure. Each structure counts only at a length where a
 * random string rarely shows it, and the caller compares the fraction against a high threshold.
 */
export function structureCoverage(s: string, hexOnly = /^[0-9a-f]*$/.test(s)): number {
  const n = s.length;
  // Hex has 16 symbols, so short runs and sequences appear by chance more often: demand longer ones.
  const minRun = hexOnly ? 4 : 3;
  const minAlt = hexOnly ? 6 : 5;
  if (n === 0) return 1;
  const lower = s.toLowerCase();
  if (covered.length < n) covered = new Uint8Array(n * 2);
  covered.fill(0, 0, n);
  const mark = (from: number, to: number) => {
    for (let k = from; k < to; k++) covered[k] = 1;
  };
  // Runs of one character (case-insensitive, so xXxX counts too) of length >= 3.
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && lower.charCodeAt(j) === lower.charCodeAt(i)) j++;
    if (j - i >= minRun) mark(i, j);
    i = j;
  }
  // Ascending or descending sequences (abc…, 123…, 987…) of length >= 3 within one class.
  for (let i = 0; i < n - 1; ) {
    const a = lower.charCodeAt(i);
    const b = lower.charCodeAt(i + 1);
    const d = b - a;
    const sameClass = (isDigit(a) && isDigit(b)) || (isLower(a) && isLower(b));
    if ((d === 1 || d === -1) && sameClass) {
      let j = i + 2;
      while (j < n) {
        const c = lower.charCodeAt(j);
        const p = lower.charCodeAt(j - 1);
        if (c - p !== d || !((isDigit(c) && isDigit(p)) || (isLower(c) && isLower(p)))) break;
        j++;
      }
      if (j - i >= minRun) mark(i, j);
      i = j - 1;
    } else i++;
  }
  // Alternations (abab…, 1010…) of length >= 5.
  for (let i = 0; i + 2 < n; ) {
    let j = i;
    while (j + 2 < n && lower.charCodeAt(j) === lower.charCodeAt(j + 2) && lower.charCodeAt(j) !== lower.charCodeAt(j + 1)) j++;
    const len = j - i + 2;
    if (len >= minAlt) mark(i, i + len);
    i = j + 1;
  }
  // A block typed again (a1b2c3d4a1b2c3d4…, qKirRWalryBGqKirRWalryBG): period 3-16, repeated in full.
  for (let p = 3; p <= 16 && 2 * p <= n; p++) {
    for (let i = 0; i + p < n; ) {
      let j = i;
      while (j + p < n && lower.charCodeAt(j) === lower.charCodeAt(j + p)) j++;
      if (j - i >= p && j - i >= minRun + 2) mark(i, j + p);
      i = j + 1;
    }
  }
  // Placeholder words.
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(lower)) !== null) {
    mark(m.index, m.index + m[0].length);
    WORD_RE.lastIndex = m.index + 1; // overlapping words count too
  }
  let c = 0;
  for (let k = 0; k < n; k++) c += covered[k];
  return c / n;
}

function distinctCount(s: string): number {
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (seenStamp[c] !== stamp) {
      seenStamp[c] = stamp;
      n++;
    }
  }
  return n;
}

/**
 * True when the secret part of a token looks hand-made. Thresholds were tuned so that 20,000+
 * random secrets per kind pass (test/unit/detect-properties.test.ts) while every placeholder form in
 * shared/slack-credentials.md fails.
 */
export function isPlaceholderSecret(secret: string): boolean {
  const n = secret.length;
  if (n < 6) return true;
  const hexOnly = /^[0-9a-f]*$/.test(secret);
  const distinct = distinctCount(secret.toLowerCase());
  if (distinct <= (n < 10 ? 1 : n < 16 ? 2 : hexOnly ? 4 : 5)) return true;
  const cov = structureCoverage(secret, hexOnly);
  // Short tails need more evidence: a random 6-10 char tail shows some structure by chance.
  const threshold = n < 12 ? 0.99 : n < 20 ? 0.75 : 0.5;
  return cov >= threshold;
}

/** An id body (the part after T/B/A in webhook ids): all one character means a docs example. */
export function isPlaceholderId(id: string): boolean {
  if (id.length === 0) return true;
  const c = id.charCodeAt(0);
  for (let i = 1; i < id.length; i++) if (id.charCodeAt(i) !== c) return false;
  return true;
}
