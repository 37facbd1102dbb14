// Helpers of the hidden-form matchers in scan.ts that need none of its matchers: reading the string
// literals of a split token (with template pieces), and joining the lines of a wrapped base64 block.
// Every loop here is bounded by its caller's window, so the scan stays linear.

/**
 * Chars read by the split and base64 matchers since the last reset: tests count this work on
 * hostile inputs (it must grow linearly with the text), rather than timing it.
 */
export const formWork = { chars: 0 };

export function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** Most spaces, tabs, line breaks and `\` line continuations read between two literals. */
export const SPLIT_GAP = 40;

/** Index after spaces, tabs, line breaks and `\` line continuations from i, at most SPLIT_GAP chars. */
export function skipGap(t: string, i: number): number {
  const lim = Math.min(t.length, i + SPLIT_GAP);
  while (i < lim) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 92 && (t.charCodeAt(i + 1) === 10 || t.charCodeAt(i + 1) === 13)) i += 2;
    else break;
  }
  return i;
}

/** Index after the closing quote at j, the joiner and the next literal's opening quote. */
export function afterJoiner(t: string, j: number): number {
  let k = skipGap(t, j + 1);
  const op = t.charCodeAt(k);
  if (op === 43 /* + */ || op === 38 /* & (VB) */) k++;
  else if (op === 46 /* . */) k += t.charCodeAt(k + 1) === 46 ? 2 : 1;
  return skipGap(t, k);
}

/** The literals read from one start: their contents joined, and where each outer literal ends. */
export interface Pieces {
  joined: string;
  /** Source index of each outer literal's closing quote. */
  srcEnds: number[];
  /** Length of `joined` at each of those ends. */
  joinedEnds: number[];
  /** Pieces read (literals and template pieces) at each of those ends. */
  countEnds: number[];
  /** Literals and template pieces read. */
  count: number;
  /** The expression ended (no further literal follows); false when a limit stopped the reading. */
  natural: boolean;
  /** Source index reached. */
  reached: number;
}

/**
 * The literals of an expression such as `"xoxb-" + '…'` or `` `xoxb-${"1234"}-…` `` from `start`
 * (just after the opening quote `q`), reading no further than `lim` and stopping once more than `cap`
 * chars are joined or `maxPieces` are read. In a template literal, a `${…}` holding only a string
 * literal is one more piece; any other `${…}` (a variable) cannot be resolved and ends the reading
 * with undefined, as do an escape or a line break inside a literal. A Python f-string (`fString`
 * for the first literal, an `f` before the quote for each later one) is read the same way, with
 * `{'…'}` pieces. `ok` is asked after each outer
 * literal whether the joined text can still begin a credential (undefined when it cannot).
 */
export function readPieces(t: string, start: number, q: number, lim: number, cap: number, maxPieces: number, ok: (joined: string) => boolean, fString = false): Pieces | undefined {
  let joined = '';
  const srcEnds: number[] = [];
  const joinedEnds: number[] = [];
  const countEnds: number[] = [];
  let count = 0;
  let from = start;
  let fs = fString;
  for (;;) {
    let j = from;
    // Pieces inside the literal: `${…}` in a template literal, `{…}` in a Python f-string.
    const open = q === 96 ? 36 : fs ? 123 : -1;
    for (;;) {
      while (j < lim && j - from <= cap) {
        const c = t.charCodeAt(j);
        if (c === q || c === 92 || c === 10 || c === 13 || (c === open && (open === 123 || t.charCodeAt(j + 1) === 123))) break;
        j++;
      }
      if (open < 0 || j >= lim || t.charCodeAt(j) !== open) break;
      // Only a string literal inside the piece can be read.
      joined += t.slice(from, j);
      const k = skipGap(t, j + (open === 36 ? 2 : 1));
      const iq = t.charCodeAt(k);
      if (!isQuote(iq) || iq === 96) return fail(k);
      let m = k + 1;
      while (m < lim && m - k <= cap) {
        const c = t.charCodeAt(m);
        if (c === iq || c === 92 || c === 10 || c === 13) break;
        m++;
      }
      if (m >= lim || t.charCodeAt(m) !== iq) return fail(m);
      joined += t.slice(k + 1, m);
      count++;
      const close = skipGap(t, m + 1);
      if (t.charCodeAt(close) !== 125 /* } */ || joined.length > cap || count >= maxPieces) return fail(close);
      from = j = close + 1;
    }
    if (j >= lim || t.charCodeAt(j) !== q) return done(j, false);
    joined += t.slice(from, j);
    count++;
    srcEnds.push(j);
    joinedEnds.push(joined.length);
    countEnds.push(count);
    if (joined.length > cap || count >= maxPieces) return done(j, false);
    if (!ok(joined)) return fail(j);
    let k = afterJoiner(t, j);
    // The next literal may be an f-string itself (`"xoxb-" f"{'…'}…"`), but only after a gap or a
    // joiner: glued to the quote (`"xoxb-…"f"…"`) the f is part of a shell word as often as a Python
    // prefix, and the reader does not know the language, so such a literal is not joined.
    const pl = k > j + 1 ? fPrefixAt(t, k) : 0;
    k += pl;
    if (k >= lim || !isQuote(t.charCodeAt(k))) return done(from, true);
    q = t.charCodeAt(k);
    fs = pl > 0 && q !== 96;
    from = k + 1;
  }

  function fail(at: number): undefined {
    formWork.chars += at - start + joined.length;
    return undefined;
  }
  function done(at: number, isNatural: boolean): Pieces {
    formWork.chars += at - start + joined.length;
    return { joined, srcEnds, joinedEnds, countEnds, count, natural: isNatural, reached: at };
  }
}

/**
 * How a split span (its first literal's opening quote and its last literal's closing quote left
 * out) reads back: the first pair of outer quotes (and f-string or not) under which it is two pieces
 * or more, covers the whole span, and joins into text that `isCredential` accepts. Returns
 * [open quote, close quote, f-string, joined] or undefined.
 */
export function readSplitSpan(span: string, isCredential: (joined: string) => boolean): [number, number, boolean, string] | undefined {
  for (const fString of [false, true]) {
    for (const open of [34, 39, 96]) {
      if (fString && open === 96) continue;
      for (const close of [34, 39, 96]) {
        const w = span + String.fromCharCode(close);
        const r = readPieces(w, 0, open, w.length, w.length, 1 << 20, () => true, fString);
        if (r && r.count >= 2 && r.srcEnds[r.srcEnds.length - 1] === span.length && isCredential(r.joined)) return [open, close, fString, r.joined];
      }
    }
  }
  return undefined;
}

/** Length of a Python f-string prefix (`f`, `rf`, `fr`, any case) at k that a quote follows, or 0. */
function fPrefixAt(t: string, k: number): number {
  const c = t.charCodeAt(k) | 32;
  const d = t.charCodeAt(k + 1) | 32;
  if (c === 102 /* f */) return isQuote(t.charCodeAt(k + 1)) ? 1 : d === 114 && isQuote(t.charCodeAt(k + 2)) ? 2 : 0;
  return c === 114 /* r */ && d === 102 && isQuote(t.charCodeAt(k + 2)) ? 2 : 0;
}

/** Whether the literal whose opening quote is at i is a Python f-string (`f"…"`, `rf'…'`, `Fr"…"`). */
export function isFString(t: string, i: number): boolean {
  let k = i - 1;
  const c = t.charCodeAt(k) | 32;
  if (c !== 102 /* f */) {
    if (c !== 114 /* r */ || (t.charCodeAt(k - 1) | 32) !== 102) return false;
    k--;
  } else if ((t.charCodeAt(k - 1) | 32) === 114) k--;
  const b = t.charCodeAt(k - 1);
  return !(b === 95 || (b >= 48 && b <= 57) || ((b | 32) >= 97 && (b | 32) <= 122));
}

// ---- line-wrapped base64 -------------------------------------------------------------------------

/** Spaces and tabs of indentation read before a wrapped line's base64 (YAML blocks, heredocs). */
export const WRAP_INDENT = 64;

/** Shortest line of a wrapped base64 block that another line may continue. */
export const WRAP_MIN = 16;

/**
 * A wrapped block's line break at i (LF or CRLF): where the next line's text starts, after at most
 * WRAP_INDENT spaces and tabs of indentation, or -1 when no line break is at i.
 */
export function lineBreakAt(t: string, i: number): number {
  let k = i;
  if (t.charCodeAt(k) === 13) k++;
  if (t.charCodeAt(k) !== 10) return -1;
  k++;
  const lim = Math.min(t.length, k + WRAP_INDENT);
  while (k < lim && (t.charCodeAt(k) === 32 || t.charCodeAt(k) === 9)) k++;
  return k;
}

/**
 * A wrapped block's line break just before i (LF or CRLF, then at most `indent` spaces and tabs):
 * where the line before it ends, or -1.
 */
export function lineBreakBefore(t: string, i: number, indent: number): number {
  const lim = Math.max(0, i - indent);
  let k = i;
  while (k > lim && (t.charCodeAt(k - 1) === 32 || t.charCodeAt(k - 1) === 9)) k--;
  if (t.charCodeAt(k - 1) !== 10) return -1;
  k--;
  return t.charCodeAt(k - 1) === 13 ? k - 1 : k;
}

/**
 * Where a wrapped base64 block continues after the run [lineStart, e) that ends a line, or -1: the
 * run holds whole 4-char groups (at least `min` chars), ends at LF or CRLF, and the next line starts
 * (after at most WRAP_INDENT spaces and tabs) with a base64 char (tested by `isB64`).
 */
export function wrapContinues(t: string, lineStart: number, e: number, isB64: (i: number) => boolean, min = WRAP_MIN): number {
  const len = e - lineStart;
  if (len < min || len & 3) return -1;
  const i = lineBreakAt(t, e);
  return i >= 0 && isB64(i) ? i : -1;
}
