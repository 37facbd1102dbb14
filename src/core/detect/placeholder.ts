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
  'qwerty',
  'qwertyuiop',
  'asdf',
  'asdfghjkl',
  'zxcv',
  'zxcvbnm',
  'lorem',
  'ipsum',
  'dolor',
  'hello',
  'world',
  'foobar',
  'bogus',
  'expired',
  'revoked',
  'disabled',
  'unused',
  'testing',
  'sample',
];
/**
 * The words of three letters or more in a trie over a-z: node k's children are TRIE[k * 26 + letter]
 * (0 = none); WORD_END[k] = 1 when a word ends at node k. Walking it from each position costs one
 * or two steps on random text.
 */
const TRIE: number[] = [];
const WORD_END: number[] = [0];
for (let i = 0; i < 26; i++) TRIE.push(0);
for (const w of WORDS) {
  if (w.length < 3) continue;
  let node = 0;
  for (let i = 0; i < w.length; i++) {
    const slot = node * 26 + (w.charCodeAt(i) - 97);
    if (TRIE[slot] === 0) {
      TRIE[slot] = WORD_END.length;
      WORD_END.push(0);
      for (let k = 0; k < 26; k++) TRIE.push(0);
    }
    node = TRIE[slot];
  }
  WORD_END[node] = 1;
}

/** Scratch buffers reused across calls (the scanner is synchronous, so no call interleaves). */
let covered = new Uint8Array(256);
let lowered = new Uint16Array(256);
const seenStamp = new Uint32Array(65536);
let stamp = 0;
const gramSeen = new Uint32Array(65536);
const gramPos = new Int32Array(65536);
const streakEnd = new Int32Array(17);
let gramStamp = 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function sameClass(a: number, b: number): boolean {
  return (isDigit(a) && isDigit(b)) || (isLower(a) && isLower(b));
}

/** The step from a to b in a typed sequence: ±1, with digits wrapping around (…890…, …098…). */
function stepOf(a: number, b: number): number {
  if (a === 57 && b === 48) return 1;
  if (a === 48 && b === 57) return -1;
  return b - a;
}

function mark(from: number, to: number): void {
  for (let k = from; k < to; k++) covered[k] = 1;
}

/**
 * Fraction of `s` covered by human-made structure. Each structure counts only at a length where a
 * random string rarely shows it, and the caller compares the fraction against a high threshold.
 */
export function structureCoverage(s: string, hexOnly = /^[0-9a-f]*$/.test(s)): number {
  const n = s.length;
  if (n === 0) return 1;
  // Hex has 16 symbols, so short runs and sequences appear by chance more often: demand longer ones.
  const minRun = hexOnly ? 4 : 3;
  const minAlt = hexOnly ? 6 : 5;
  if (covered.length < n) {
    covered = new Uint8Array(n * 2);
    lowered = new Uint16Array(n * 2);
  }
  covered.fill(0, 0, n);
  const lc = lowered;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    lc[i] = c >= 65 && c <= 90 ? c + 32 : c;
  }
  // Runs of one character (case-insensitive, so xXxX counts too).
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && lc[j] === lc[i]) j++;
    if (j - i >= minRun) mark(i, j);
    i = j;
  }
  // Ascending or descending sequences (abc…, 123…, 987…) within one class.
  for (let i = 0; i < n - 1; ) {
    const d = stepOf(lc[i], lc[i + 1]);
    if ((d === 1 || d === -1) && sameClass(lc[i], lc[i + 1])) {
      let j = i + 2;
      while (j < n && stepOf(lc[j - 1], lc[j]) === d && sameClass(lc[j], lc[j - 1])) j++;
      if (j - i >= minRun) mark(i, j);
      i = j - 1;
    } else i++;
  }
  // Interleaved sequences (1a2b3c4d…, a1b2c3…): every second character steps by one.
  for (let i = 0; i + 2 < n; ) {
    let j = i;
    const step = lc[i + 2] - lc[i];
    while (j + 2 < n && (step === 1 || step === -1) && lc[j + 2] - lc[j] === step && sameClass(lc[j], lc[j + 2])) j++;
    if (j - i >= (hexOnly || n < 12 ? 6 : 4)) mark(i, j + 2);
    i = j + 1;
  }
  // Alternations (abab…, 1010…).
  for (let i = 0; i + 2 < n; ) {
    let j = i;
    while (j + 2 < n && lc[j] === lc[j + 2] && lc[j] !== lc[j + 1]) j++;
    const len = j - i + 2;
    if (len >= minAlt) mark(i, i + len);
    i = j + 1;
  }
  // A block typed again (a1b2c3d4a1b2c3d4…, qKirRWalryBGqKirRWalryBG): period 3-16, repeated in full.
  // Such a repeat starts where a 3-gram recurs p places later, so only recurring 3-grams are followed.
  if (++gramStamp === 0xffffffff) {
    gramSeen.fill(0);
    gramStamp = 1;
  }
  streakEnd.fill(-1);
  for (let j = 0; j + 2 < n; j++) {
    const key = ((lc[j] * 31 + lc[j + 1]) * 31 + lc[j + 2]) & 0xffff;
    if (gramSeen[key] === gramStamp) {
      const q = gramPos[key];
      const p = j - q;
      if (p >= 3 && p <= 16 && q >= streakEnd[p]) {
        let k = q;
        while (k + p < n && lc[k] === lc[k + p]) k++;
        streakEnd[p] = k;
        if (k - q >= p && k - q >= minRun + 2) mark(q, k + p);
      }
    }
    gramSeen[key] = gramStamp;
    gramPos[key] = j;
  }
  // Placeholder words: the longest word starting at each position.
  for (let i = 0; i + 3 <= n; i++) {
    let node = 0;
    let longest = 0;
    for (let j = i; j < n; j++) {
      const c = lc[j] - 97;
      if (c < 0 || c > 25) break;
      node = TRIE[node * 26 + c];
      if (node === 0) break;
      if (WORD_END[node]) longest = j + 1 - i;
    }
    if (longest) mark(i, i + longest);
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
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32; // case-insensitive
    if (seenStamp[c] !== stamp) {
      seenStamp[c] = stamp;
      n++;
    }
  }
  return n;
}

/**
 * Words that say a value is not real. The long ones count wherever they sit (a random tail holds a
 * given run of six letters about once in a billion). The short ones (FAKE, TEST, DUMMY) occur by
 * chance inside random text about once in 100,000 values (measured by `npm run recall`), so in a
 * random secret they count only as a whole run of letters in one case (FAKE, fake or Fake) at the
 * secret's start or end, and in an id only with nothing but filler around them (isPlaceholderId).
 */
const NOT_REAL_ANYWHERE = ['example', 'sample', 'notreal', 'placeholder', 'redacted', 'changeme', 'testing'];
const NOT_REAL_WHOLE: ReadonlySet<string> = new Set(['fake', 'test', 'dummy']);
const NOT_REAL_SHORT: readonly string[] = [...NOT_REAL_WHOLE];

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

function hasLongNotRealWord(low: string): boolean {
  for (const w of NOT_REAL_ANYWHERE) if (low.indexOf(w) >= 0) return true;
  return false;
}

/**
 * Whether `s` spells out that it is not real: a long word (NOT_REAL_ANYWHERE) anywhere, or a short
 * one (NOT_REAL_WHOLE) as a whole run of letters that starts or ends the secret: at its edge
 * (`FAKEToken…`, `…xyzTest`), or one non-letter in from it (`9FAKE7…`, `…3test7`). A run set off
 * only by a change of case, or one in the middle of the random part (`…mFAKE7M…`), is chance.
 */
export function saysNotReal(s: string): boolean {
  const n = s.length;
  if (n < 4) return false;
  const low = s.toLowerCase();
  if (hasLongNotRealWord(low)) return true;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    // A run: an optional capital, then all lower case; or all upper case.
    let j = i + 1;
    if (isUpper(c) && j < n && isUpper(s.charCodeAt(j))) {
      while (j < n && isUpper(s.charCodeAt(j))) j++;
      if (j < n && isLower(s.charCodeAt(j))) j--; // `FAKEToken`: the last capital starts the next run
    } else {
      while (j < n && isLower(s.charCodeAt(j))) j++;
    }
    if (j - i >= 4 && j - i <= 5 && NOT_REAL_WHOLE.has(low.slice(i, j))) {
      // At the start: the word begins the secret, or follows one non-letter and ends at a non-letter.
      const atStart = i === 0 || (i === 1 && !isLetter(s.charCodeAt(0)) && (j === n || !isLetter(s.charCodeAt(j))));
      // At the end, the same read backwards.
      const atEnd = j === n || (j === n - 1 && !isLetter(s.charCodeAt(j)) && (i === 0 || !isLetter(s.charCodeAt(i - 1))));
      if (atStart || atEnd) return true;
    }
    i = j;
  }
  return false;
}

/**
 * True when the secret part of a token looks hand-made. Thresholds were tuned so that 20,000+
 * random secrets per kind pass (test/unit/detect-properties.test.ts) while every placeholder form in
 * shared/slack-credentials.md fails.
 */
export function isPlaceholderSecret(secret: string): boolean {
  const n = secret.length;
  if (n < 6) return true;
  if (saysNotReal(secret)) return true;
  const hexOnly = /^[0-9a-f]*$/.test(secret);
  const distinct = distinctCount(secret);
  if (distinct <= (n < 10 ? 1 : n < 16 ? 2 : hexOnly ? 4 : 5)) return true;
  const cov = structureCoverage(secret, hexOnly);
  // Short tails need more evidence: a random 6-10 char tail shows some structure by chance.
  const threshold = n < 12 ? 0.99 : n < 20 ? 0.75 : 0.5;
  return cov >= threshold;
}

/**
 * Filler that a person types around a word in an id (`T0FAKE`, `BFAKE12345`, `A0TEST0001`): at most
 * two chars, or digits that are one repeated digit pair or a run or sequence (0001, 12345).
 */
function isIdFiller(rest: string): boolean {
  if (rest.length <= 2) return true;
  if (!/^[0-9]+$/.test(rest)) return false;
  return distinctCount(rest) <= 2 || structureCoverage(rest, false) >= 0.99;
}

/**
 * An id body (the part after T/B/A in webhook and app ids) that a person typed for the docs: all one
 * character, or one after a leading 0 (`TXXXXXXXX`, `T0XXXXXXX`); a long word such as EXAMPLE
 * anywhere (`T0EXAMPLE1`); a short word such as FAKE with only filler around it (`BFAKE12345`). A
 * short word with random upper-case chars around it (`TF8TEST4U`) is chance: upper-case ids hold
 * FAKE/TEST somewhere about once in 100,000.
 */
export function isPlaceholderId(id: string): boolean {
  if (id.length === 0) return true;
  const low = id.toLowerCase();
  if (hasLongNotRealWord(low)) return true;
  const from = id.length > 1 && id.charCodeAt(0) === 48 ? 1 : 0;
  let same = true;
  for (let i = from + 1; i < id.length; i++) if (id.charCodeAt(i) !== id.charCodeAt(from)) same = false;
  if (same) return true;
  for (const w of NOT_REAL_SHORT) {
    const at = low.indexOf(w);
    if (at >= 0 && isIdFiller(id.slice(0, at) + id.slice(at + w.length))) return true;
  }
  return false;
}
