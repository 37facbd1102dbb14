// The scanner: one cheap anchor regex finds the few places where a credential can start (a token
// prefix, a webhook host, a secret key name); from each anchor a hand-written matcher walks a bounded
// window with deterministic, greedy loops (no backtracking). Work per anchor is bounded by the longest
// credential (plus memoised character runs, so overlapping anchors never re-read the same run), which
// keeps the whole scan linear in the text length whatever the input.
import { Buffer } from 'node:buffer';
import { formWork, isFString, isQuote, lineBreakAt, lineBreakBefore, readPieces, readSplitSpan, WRAP_INDENT, wrapContinues } from './forms';
import { KINDS } from './kinds';
import { isPlaceholderId, isPlaceholderSecret } from './placeholder';
import type { CredentialForm, Finding, KindId } from './types';

// Character classes, one bit each, for ASCII.
const DIGIT = 1;
const HEX = 2; // 0-9 a-f
const ALNUM = 4;
const LOWALNUM = 8; // 0-9 a-z
const B64URL = 16; // alnum - _
const COOKIE = 32; // alnum % + / =
const UPALNUM = 64; // 0-9 A-Z
const WORD = 128; // alnum _
const B64ANY = 256; // alnum + / - _ (base64 and base64url, padding aside)

const CLS = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let f = 0;
  const digit = c >= 48 && c <= 57;
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  if (digit) f |= DIGIT;
  if (digit || (c >= 97 && c <= 102)) f |= HEX;
  if (digit || upper || lower) f |= ALNUM | B64URL | COOKIE | WORD;
  if (digit || lower) f |= LOWALNUM;
  if (digit || upper) f |= UPALNUM;
  if (ch === '-' || ch === '_') f |= B64URL;
  if (ch === '_') f |= WORD;
  if (ch === '%' || ch === '+' || ch === '/' || ch === '=') f |= COOKIE;
  if (digit || upper || lower || ch === '+' || ch === '/' || ch === '-' || ch === '_') f |= B64ANY;
  CLS[c] = f;
}

function cls(t: string, i: number): number {
  const c = t.charCodeAt(i);
  return c < 128 ? CLS[c] : 0; // NaN (past the end) -> 0
}

/** End of the run of `bit` chars from `i`, reading at most max + 1 chars (so a too-long run is visible). */
function run(t: string, i: number, bit: number, max: number): number {
  const lim = Math.min(t.length, i + max + 1);
  let j = i;
  while (j < lim && cls(t, j) & bit) j++;
  return j;
}

/** Long runs (xoxe bodies, d cookies) are memoised so hostile repeats never re-read a run. */
class RunMemo {
  private from = -1;
  private to = -1;
  private ended = false;
  constructor(private readonly bit: number) {}
  end(t: string, i: number, max: number): number {
    const lim = Math.min(t.length, i + max + 1);
    let j: number;
    if (this.from >= 0 && i >= this.from && i <= this.to) {
      if (this.ended) return this.to;
      j = this.to;
    } else {
      this.from = i;
      this.ended = false;
      j = i;
    }
    while (j < lim && cls(t, j) & this.bit) j++;
    this.to = j;
    if (j < lim || j >= t.length) this.ended = true;
    return Math.min(j, lim);
  }
}

/**
 * Redaction mode, set only for the duration of one scanRange(t, true) call (scans are synchronous):
 * a token glued to the identifier or escape around it (`tok_xoxb-…`) still counts.
 */
let loose = false;

interface Ctx {
  t: string;
  b64: RunMemo;
  cookie: RunMemo;
  /** Base64 runs (set on first use), and per alignment (char index mod 4) the last decoded chunk. */
  b64run: RunMemo | undefined;
  chunks: Array<{ from: number; to: number; bytes: string } | undefined> | undefined;
}

function newCtx(t: string): Ctx {
  // Every field set here, so that every Ctx has one shape (a field added later makes the matchers' loads polymorphic).
  return { t, b64: new RunMemo(B64URL), cookie: new RunMemo(COOKIE), b64run: undefined, chunks: undefined };
}

type Hit = { kind: KindId; start: number; end: number; form?: CredentialForm } | undefined;

function isWordAt(t: string, i: number): boolean {
  return i >= 0 && i < t.length && (cls(t, i) & WORD) !== 0;
}

/**
 * A credential ending at e is glued when a word char follows, or a dash that continues into another
 * word (`…tail-more`): then the run is part of a longer identifier, not a token.
 */
function gluedAfter(t: string, e: number): boolean {
  if (loose) return false;
  return isWordAt(t, e) || (t.charCodeAt(e) === 45 && isWordAt(t, e + 1));
}

/**
 * A token starting at p is glued to an identifier when a word char precedes it, except after an
 * escape such as `\n` or a URL-encoded byte such as `%3D`.
 */
function gluedBefore(t: string, p: number): boolean {
  if (loose) return false;
  return isWordAt(t, p - 1) && !escapeEndsAt(t, p);
}

function isHexAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i) | 32;
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/**
 * Whether an escape ends just before p, so that a word char there is not part of an identifier:
 * `\n`, a URL-encoded byte (`%3D`), `\x27`, `\u0022` (System.Text.Json, ConvertTo-Json).
 */
function escapeEndsAt(t: string, p: number): boolean {
  if (p >= 2 && t.charCodeAt(p - 2) === 92 /* \ */) return true;
  if (p >= 3 && t.charCodeAt(p - 3) === 37 /* % */ && isHexAt(t, p - 2) && isHexAt(t, p - 1)) return true;
  if (p >= 4 && t.charCodeAt(p - 4) === 92 && t.charCodeAt(p - 3) === 120 /* x */ && isHexAt(t, p - 2) && isHexAt(t, p - 1)) return true;
  if (p >= 6 && t.charCodeAt(p - 6) === 92 && t.charCodeAt(p - 5) === 117 /* u */) {
    for (let i = p - 4; i < p; i++) if (!isHexAt(t, i)) return false;
    return true;
  }
  return false;
}

/** Three digit groups of 5-14 digits, each followed by '-'. Returns the index after the third '-'. */
function threeGroups(t: string, q: number): number {
  for (let g = 0; g < 3; g++) {
    const e = run(t, q, DIGIT, 14);
    const len = e - q;
    if (len < 5 || len > 14 || t.charCodeAt(e) !== 45) return -1;
    q = e + 1;
  }
  return q;
}

function hasLetter(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!(cls(t, i) & DIGIT)) return true;
  return false;
}

function matchBot(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  const d1 = run(t, q, DIGIT, 14);
  if (d1 - q < 8 || d1 - q > 14 || t.charCodeAt(d1) !== 45) return undefined;
  const r = d1 + 1;
  const a = run(t, r, ALNUM, 41);
  if (t.charCodeAt(a) === 45 && !hasLetter(t, r, a)) {
    // xoxb-<d>-<d>-<secret>
    if (a - r < 8 || a - r > 14) return undefined;
    const s = a + 1;
    const e = run(t, s, ALNUM, 40);
    if (e - s < 20 || e - s > 40 || gluedAfter(t, e)) return undefined;
    if (!hasLetter(t, s, e) || isPlaceholderSecret(t.slice(s, e))) return undefined;
    return { kind: 'bot', start: p, end: e };
  }
  // xoxb-<d>-<secret>: classic custom bot
  if (a - r < 18 || a - r > 30 || gluedAfter(t, a)) return undefined;
  if (isPlaceholderSecret(t.slice(r, a))) return undefined;
  return { kind: 'bot-legacy', start: p, end: a };
}

function matchUser(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  const s = threeGroups(t, q);
  if (s < 0) return undefined;
  const e = run(t, s, ALNUM, 32);
  const len = e - s;
  if (gluedAfter(t, e)) return undefined;
  if (len === 32) {
    if (run(t, s, HEX, 32) !== e) return undefined;
    if (isPlaceholderSecret(t.slice(s, e))) return undefined;
    return { kind: 'user', start: p, end: e };
  }
  if (len >= 6 && len <= 10) {
    if (isPlaceholderSecret(t.slice(s, e))) return undefined;
    return { kind: 'user-short', start: p, end: e };
  }
  return undefined;
}

function matchGroupsTail(c: Ctx, p: number, q: number, bit: number, min: number, max: number, kind: KindId): Hit {
  const t = c.t;
  const s = threeGroups(t, q);
  if (s < 0) return undefined;
  const e = run(t, s, bit, max);
  if (e - s < min || e - s > max || gluedAfter(t, e)) return undefined;
  if (isPlaceholderSecret(t.slice(s, e))) return undefined;
  return { kind, start: p, end: e };
}

function matchCookie(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  let e = c.cookie.end(t, q, 1024);
  if (e - q > 1024) return undefined;
  let body = t.slice(q, e);
  // URL-encoded cookies (%2F, %2B, %3D) hold no raw / + =: a raw one ends the value (`d=…%3D=…`).
  // Raw base64 keeps / and +, and = only as final padding.
  const pct = body.indexOf('%');
  const cut = pct >= 0 ? body.search(/[/+=]/) : body.indexOf('=');
  if (cut >= 0) {
    let keep = cut;
    const pad = pct >= 0 ? 0 : keep % 4 === 2 ? 2 : keep % 4 === 3 ? 1 : 0;
    while (keep - cut < pad && body[keep] === '=') keep++;
    body = body.slice(0, keep);
    e = q + keep;
  }
  if (body.length < 40 || gluedAfter(t, e)) return undefined;
  // Judge the base64 characters, with URL-encoded bytes taken out.
  const plain = body.replace(/%[0-9A-Fa-f]{2}/g, '');
  if (plain.indexOf('%') >= 0 || isPlaceholderSecret(plain)) return undefined;
  return { kind: 'cookie', start: p, end: e };
}

function matchApp(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  const d = run(t, q, DIGIT, 2);
  if (d - q < 1 || d - q > 2 || t.charCodeAt(d) !== 45) return undefined;
  const i = d + 1;
  const ie = run(t, i, UPALNUM, 12);
  if (ie - i < 9 || ie - i > 12 || t.charCodeAt(ie) !== 45 || isPlaceholderId(t.slice(i + 1, ie))) return undefined;
  const n = ie + 1;
  const ne = run(t, n, DIGIT, 14);
  if (ne - n < 10 || ne - n > 14 || t.charCodeAt(ne) !== 45) return undefined;
  const s = ne + 1;
  // Exactly 64: a secret one digit short or long is a hand-edited value, not an app-level token.
  const e = run(t, s, HEX, 64);
  if (e - s !== 64 || gluedAfter(t, e)) return undefined;
  if (isPlaceholderSecret(t.slice(s, e))) return undefined;
  return { kind: 'app', start: p, end: e };
}

const ROTATING_DECODED = /^\d{1,4}(?:-\d{1,20}){2,10}-[0-9a-f]{64}$/;

/** The xoxe body is base64url of `N-N-<ids>-<13 d>-<13 d>-<64 hex>`; random text never decodes so. */
export function rotatingBodyDecodes(body: string): boolean {
  if (body.length < 80 || body.length > 512) return false;
  const decoded = Buffer.from(body, 'base64url').toString('latin1');
  return ROTATING_DECODED.test(decoded);
}

function matchRotating(c: Ctx, p: number, q: number, kind: KindId): Hit {
  const t = c.t;
  const d = run(t, q, DIGIT, 2);
  if (d - q < 1 || d - q > 2 || t.charCodeAt(d) !== 45) return undefined;
  const s = d + 1;
  const e = c.b64.end(t, s, 512);
  if (e - s < 80 || e - s > 512 || isWordAt(t, e)) return undefined;
  // Glued text in the same alphabet (`…_id`) spoils the decoding; redaction masks the whole run.
  if (!loose && !rotatingBodyDecodes(t.slice(s, e))) return undefined;
  return { kind, start: p, end: e };
}

function matchWorkspace(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  if (t.charCodeAt(q) === 50 /* 2 */ && t.charCodeAt(q + 1) === 45) q += 2;
  let groups = 0;
  for (;;) {
    const e = run(t, q, DIGIT, 14);
    if (e - q >= 5 && e - q <= 14 && t.charCodeAt(e) === 45) {
      groups++;
      q = e + 1;
      if (groups > 4) return undefined;
      continue;
    }
    break;
  }
  if (groups < 1) return undefined;
  const e = run(t, q, ALNUM, 64);
  if (e - q < 10 || e - q > 64 || gluedAfter(t, e)) return undefined;
  if (!hasLetter(t, q, e) || isPlaceholderSecret(t.slice(q, e))) return undefined;
  return { kind: 'workspace', start: p, end: e };
}

function matchWorkflowToken(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  const e = c.b64.end(t, q, 256);
  if (e - q < 20 || e - q > 256 || isWordAt(t, e)) return undefined;
  const body = t.slice(q, e);
  if (isPlaceholderSecret(body.replace(/[-_]/g, ''))) return undefined;
  return { kind: 'workflow-token', start: p, end: e };
}

/** At p: a five-char prefix "xox?-", "xapp-" or "xwfp-" (the anchor regex guarantees the shape). */
function matchX(c: Ctx, p: number): Hit {
  const t = c.t;
  const c3 = t.charCodeAt(p + 3);
  const c1 = t.charCodeAt(p + 1);
  // xoxe.xoxb- / xoxe.xoxp-: the anchor is the inner prefix; the token is reported once, from `xoxe.`.
  if (p >= 5 && (c3 === 98 || c3 === 112) && c1 === 111 && t.startsWith('xoxe.', p - 5)) {
    if (gluedBefore(t, p - 5)) return undefined;
    return matchRotating(c, p - 5, p + 5, 'config-access');
  }
  if (gluedBefore(t, p)) return undefined;
  const q = p + 5;
  if (c1 === 97 /* xapp- */) return matchApp(c, p, q);
  if (c1 === 119 /* xwfp- */) return matchWorkflowToken(c, p, q);
  switch (c3) {
    case 98: // b
      return matchBot(c, p, q);
    case 112: // p
      return matchUser(c, p, q);
    case 115: // s
    case 111: // o
      return matchGroupsTail(c, p, q, HEX, 10, 64, 'legacy-session');
    case 99: // c
      return matchGroupsTail(c, p, q, LOWALNUM, 64, 64, 'client');
    case 100: // d
      return matchCookie(c, p, q);
    case 101: // e
      return matchRotating(c, p, q, 'config-refresh') ?? matchGroupsTail(c, p, q, HEX, 32, 32, 'file-export');
    case 97: // a
    case 114: // r
      return matchWorkspace(c, p, q);
    default:
      return undefined;
  }
}

// ---- tokens split across string literals ---------------------------------------------------------

/** Longest credential (chars) that can start with each five-char prefix, by its fourth char (xox?-) or xapp-/xwfp-. */
function longestFor(t: string, p: number): number {
  const c1 = t.charCodeAt(p + 1);
  if (c1 === 97) return 110; // xapp-
  if (c1 === 119) return 270; // xwfp-
  switch (t.charCodeAt(p + 3)) {
    case 98:
      return 80;
    case 112:
      return 90;
    case 100:
      return 1040;
    case 101:
      return 530;
    case 97:
    case 114:
      return 150;
    default:
      return 120;
  }
}

/**
 * Chars read by the split and base64 matchers since the last reset: tests count this work on
 * hostile inputs (it must grow linearly with the text), rather than timing it.
 */
export { formWork };

/** Source chars a split token may span from its anchor (within LIMITS.LOOK_AHEAD), and literals it may join. */
const SPLIT_WINDOW = 1000;
const SPLIT_PIECES = 32;

/**
 * Whether text joined from literals can still begin a credential: a prefix of (or text going on
 * from) `xox?-`, `xoxe.xoxb-`/`xoxe.xoxp-`, `xapp-`, `xwfp-`, or a webhook host with or without
 * its scheme; after a token prefix, a group of 1-14 digits ending in a dash (or the text so far).
 * Stops chains such as `"xoxb-" + "xoxb-" + …` or `"xo" + "xo" + …` at once.
 */
function viableJoined(j: string): boolean {
  const c0 = j.charCodeAt(0);
  if (c0 === 104 /* h */) return HOSTS.some((h) => (j.length < h.length ? h.startsWith(j) : j.startsWith(h)));
  if (c0 !== 120 /* x */) return false;
  if (j.length >= 5 && j.charCodeAt(4) === 46) {
    if (!j.startsWith('xoxe.')) return false;
    const tail = j.slice(5);
    return tail.length < 5 ? 'xoxb-'.startsWith(tail) || 'xoxp-'.startsWith(tail) : (tail.startsWith('xoxb-') || tail.startsWith('xoxp-')) && viableStart(tail, true);
  }
  if (!PREFIX_HEAD.test(j.slice(0, 5))) return false;
  return viableStart(j, j.charCodeAt(3) !== 100 && j.charCodeAt(1) !== 119);
}

/** Every start of a token prefix up to its dash. */
const PREFIX_HEAD = /^x(?:o(?:x(?:[abcdeoprs]-?)?)?|a(?:p(?:p-?)?)?|w(?:f(?:p-?)?)?)?$/;
const HOSTS = ['https://hooks.slack', 'http://hooks.slack', 'hooks.slack'];

/** The credential at the start of text joined from literals (the matcher its prefix calls for). */
function matchJoined(j: string): Hit {
  const c = newCtx(j);
  if (j.startsWith('xoxe.')) return matchX(c, 5);
  if (j.charCodeAt(0) === 120) return /^(?:xox[abcdeoprs]|xapp|xwfp)-/.test(j) ? matchX(c, 0) : undefined;
  const k = j.startsWith('https://') ? 8 : j.startsWith('http://') ? 7 : 0;
  return j.startsWith('hooks.slack', k) ? matchHook(c, k) : undefined;
}

/**
 * The literals from s (just after a quote) joined into one credential, as in `"xoxb-" + "1234…"`
 * (JS/TS, Java, C#, Go, Python, Ruby), `'xoxb-' . '…'` (PHP), `..` (Lua), `"xoxb-" "…"` (Python/C
 * adjacent literals), `'xoxb-'"…"` (shell words), `` `xoxb-${"1234"}-…` `` (template pieces) and
 * `f"xoxb-{'1234'}-…"` (Python f-string pieces).
 * The credential must start at s and end where a literal ends; the span runs from s to the end of
 * that literal's content, so replacing it with the quotes around it replaces the whole expression.
 * Work is bounded by SPLIT_WINDOW source chars and `cap` joined chars.
 */
function splitFrom(t: string, s: number, cap: number): Hit {
  const q = t.charCodeAt(s - 1);
  if (!isQuote(q)) return undefined;
  const r = readPieces(t, s, q, Math.min(t.length, s + SPLIT_WINDOW), cap, SPLIT_PIECES, viableJoined, q !== 96 && isFString(t, s - 1));
  if (!r || r.count < 2) return undefined;
  const h = matchJoined(r.joined);
  if (!h || h.start !== 0) return undefined;
  // A token that reaches the end of what was read may go on past it: only a natural end is sure.
  if (h.end === r.joined.length && !r.natural) return undefined;
  let k = r.joinedEnds.indexOf(h.end);
  if (k < 0 || r.countEnds[k] < 2) return undefined;
  k = usualEnd(r.joined, h, r.joinedEnds, r.countEnds, k);
  return { kind: h.kind, start: s, end: r.srcEnds[k], form: 'split' };
}

/** Kinds whose secret has one length in practice, though more are accepted (slack-credentials.md: 24). */
const USUAL_SECRET: Partial<Record<KindId, number>> = { bot: 24, webhook: 24, 'workflow-webhook': 24 };

/**
 * Which literal end (index k of `ends`) a split token read as `h` from `joined` ends at: the last
 * literal it reaches, unless its secret goes on past its usual length and an earlier literal ends
 * exactly there with the same credential (`"xo" + "xb-…" + "more"`): then the literals after that
 * one are not part of it, and Move replaces only the token's own pieces.
 */
function usualEnd(joined: string, h: NonNullable<Hit>, ends: number[], counts: number[], k: number): number {
  const usual = USUAL_SECRET[h.kind];
  if (usual === undefined || k === 0) return k;
  const sep = h.kind === 'bot' ? '-' : '/';
  const secret = h.end - joined.lastIndexOf(sep, h.end - 1) - 1;
  if (secret <= usual) return k;
  const e = h.end - (secret - usual);
  const i = ends.lastIndexOf(e, k - 1);
  if (i < 0 || counts[i] < 2) return k;
  const f = matchJoined(joined.slice(0, e));
  return f && f.kind === h.kind && f.start === 0 && f.end === e ? i : k;
}

/** At p (a token prefix right after a quote, or after `xoxe.` right after one): a split token. */
function matchSplit(p: number, t: string): Hit {
  const s = p >= 6 && t.startsWith('xoxe.', p - 5) && isQuote(t.charCodeAt(p - 6)) ? p - 5 : p;
  // A rotating token (xoxe.xoxb-…) is as long as a refresh token (xoxe-…).
  return splitFrom(t, s, (s < p ? 530 : longestFor(t, p)) + 2 + (p - s));
}

/** At p ("hooks.slack" whose URL did not match as it stands): a webhook URL split across literals. */
function matchHookSplit(p: number, t: string): Hit {
  const s = t.startsWith('https://', p - 8) ? p - 8 : t.startsWith('http://', p - 7) ? p - 7 : p;
  return splitFrom(t, s, HOOK_CAP);
}

/** Longest webhook or trigger URL (chars) joined from literals, with room to see a too-long one. */
const HOOK_CAP = 160;

/**
 * The first literal of an expression whose credential prefix is cut (`"xo" + "xb-…"`, `"xox" + "b-…"`,
 * `"https://hooks." + "slack.com/…"`, `"https://" + "hooks.slack…"`): the anchor regex found a short
 * literal of lower-case letters, `.`, `:` and `/` starting with x or h, closed (or cut by a template
 * piece's `${`) at `end`. Returns its opening quote's index.
 */
function cutAnchorStart(t: string, end: number): number {
  let i = end - 2;
  while (i > 0 && !isQuote(t.charCodeAt(i))) i--;
  return i;
}

/** At s (just after the opening quote of a short literal starting with x or h): a split credential whose prefix is cut. */
function matchCutSplit(t: string, s: number): Hit {
  return splitFrom(t, s, t.charCodeAt(s) === 104 ? HOOK_CAP : 1042);
}

/**
 * Whether the literals joined so far can still begin a token: after the prefix, a group of 1-14
 * digits ending in a dash (or the text so far).
 */
function viableStart(joined: string, digitsFirst: boolean): boolean {
  if (!digitsFirst || joined.length <= 5) return true;
  const e = run(joined, 5, DIGIT, 14);
  if (e === joined.length) return e - 5 <= 14;
  return e > 5 && e - 5 <= 14 && joined.charCodeAt(e) === 45;
}

/** How a split span reads back: [open quote, close quote, f-string, the joined credential], or undefined. */
export function splitSpanQuotes(span: string): [number, number, boolean, string] | undefined {
  return readSplitSpan(span, (j) => {
    const h = matchJoined(j);
    return h !== undefined && h.start === 0 && h.end === j.length;
  });
}

/** The credential a split span holds: the contents of its literals, joined. */
export function joinSplit(span: string): string {
  return splitSpanQuotes(span)?.[3] ?? span;
}

// ---- base64-encoded credentials ------------------------------------------------------------------

/** Encoded chars decoded from one anchor (kept within LIMITS.LOOK_AHEAD). */
const B64_WINDOW = 1080;

/**
 * The base64 anchors: for each credential start (`xox`, `xapp-`, `xwfp-`, `http(s)://hooks.slack`)
 * and each of the three byte offsets it can have inside a 3-byte group, the encoded chars that
 * depend only on those bytes. A credential anywhere inside a decoded run (after `user:` in a
 * .dockerconfigjson auth, after `SLACK_BOT_TOKEN=` in a whole .env file) has one of these at its
 * position. [encoded chars, how many of its first chars the regex leaves out (checked here: common
 * letters such as e, a, o make the regex slower), chars from the group's first char to them].
 * The byte offset is 0, 1, 2 for 0, 2, 3 chars before. None ends in `-`, `k`, `t`, `T` or `(`,
 * which the other alternatives of ANCHOR_RE end in.
 */
const B64_ANCHORS: ReadonlyArray<readonly [string, number, number]> = [
  ['eG94', 1, 0], // xox at offset 0
  ['hveC', 0, 2], // xoxe. at offset 1
  ['hveG', 0, 2], // xox[a-o] at offset 1
  ['hveH', 0, 2], // xox[p-s] at offset 1
  ['4b3g', 0, 3], // xoxe. at offset 2
  ['4b3h', 0, 3], // xox? at offset 2
  ['eGFwcC', 1, 0], // xapp-
  ['hhcHA', 0, 2],
  ['4YXBwL', 0, 3],
  ['eHdmcC', 1, 0], // xwfp-
  ['h3ZnA', 0, 2],
  ['4d2ZwL', 0, 3],
  ['aHR0cHM6Ly9ob29rcy5zbGFj', 1, 0], // https://hooks.slack
  ['h0dHBzOi8vaG9va3Muc2xhY2', 0, 2],
  ['odHRwczovL2hvb2tzLnNsYWNr', 2, 3],
  ['aHR0cDovL2hvb2tzLnNsYWNr', 1, 0], // http://hooks.slack
  ['h0dHA6Ly9ob29rcy5zbGFja', 0, 2],
  ['odHRwOi8vaG9va3Muc2xhY2', 2, 3],
];

/**
 * Indentation a line break inside an anchor's left-out first chars may have (`o` ending a line, then
 * `dHRw…`: the regex finds the anchor after the break). Less than WRAP_INDENT so that a credential
 * starts at most LIMITS.START_BEFORE_ANCHOR chars before its anchor, which keeps windowed scans exact.
 */
const SKIP_BREAK_INDENT = WRAP_INDENT - 4;

/**
 * Whether the chars s[from…] of an anchor follow at i, a wrapped block's line break allowed before
 * each of them that starts a 4-char group (the anchor starts `sc` chars into its group): the index
 * after them, or -1.
 */
function anchorFrom(t: string, i: number, s: string, from: number, sc: number): number {
  for (let k = from; k < s.length; k++) {
    if (t.charCodeAt(i) !== s.charCodeAt(k)) {
      if ((sc + k) & 3 || k === from) return -1;
      i = lineBreakAt(t, i);
      if (i < 0 || t.charCodeAt(i) !== s.charCodeAt(k)) return -1;
    }
    i++;
  }
  return i;
}

/** Whether the chars s[0, to) of an anchor end just before i, with line breaks as in anchorFrom: where s[0] is, or -1. */
function anchorBackTo(t: string, i: number, s: string, to: number, sc: number): number {
  for (let k = to - 1; k >= 0; k--) {
    if (t.charCodeAt(i - 1) !== s.charCodeAt(k)) {
      if ((sc + k + 1) & 3) return -1;
      i = lineBreakBefore(t, i, SKIP_BREAK_INDENT);
      if (i < 0 || t.charCodeAt(i - 1) !== s.charCodeAt(k)) return -1;
    }
    i--;
  }
  return i;
}

/**
 * The anchors that a wrapped block's line break can cut (it falls between two 4-char groups): for
 * the last char of the part before the break, [anchor, chars up to the break, the regex's part of
 * them], longest part first. ANCHOR_RE matches that part, the line break and indentation, and the
 * first char of the rest (`hv`, LF, `e` for `hv` + `eG…` on the next line: matching only line ends
 * keeps too many, as every line ending in `4`); cutAnchorAt reads the rest. The one part that ends
 * another (`hv`, the end of `…L2hv`) is followed by another char (`e`, not `b`), so the regex match
 * starts where the longest part found there starts.
 */
const CUT_ANCHORS = new Map<number, Array<[number, number, string]>>();
for (const [a, [s, skip, sc]] of B64_ANCHORS.entries()) {
  for (let i = skip + 1; i < s.length; i++) {
    if ((sc + i) & 3) continue;
    const key = s.charCodeAt(i - 1);
    const list = CUT_ANCHORS.get(key) ?? [];
    list.push([a, i, s.slice(skip, i)]);
    CUT_ANCHORS.set(key, list);
  }
}
for (const list of CUT_ANCHORS.values()) list.sort((x, y) => y[2].length - x[2].length);

/**
 * The base64 anchor whose regex part ends at `end`: [where the regex match starts, the group's first
 * char, the byte offset]; the last two are -1 when a left-out first char differs (no anchor). A
 * regex part that ends in a line break is an anchor cut by the break of a wrapped block (CUT_ANCHORS).
 */
function b64AnchorAt(t: string, end: number): [number, number, number] {
  const last = t.charCodeAt(end - 1);
  // No anchor holds a space, tab or line break: this is one cut by a line break (CUT_ANCHORS).
  const prev = t.charCodeAt(end - 2);
  if (prev === 10 || prev === 32 || prev === 9) return cutAnchorAt(t, end);
  for (const [s, skip, sc] of B64_ANCHORS) {
    if (s.charCodeAt(s.length - 1) !== last) continue;
    const ps = end - s.length + skip;
    if (!t.startsWith(s.slice(skip), ps)) continue;
    const first = anchorBackTo(t, ps, s, skip, sc);
    if (first < 0) return [ps, -1, -1];
    return [ps, first - sc, sc === 0 ? 0 : sc - 1];
  }
  return [end - 1, -1, -1]; // not reached: every base64 alternative of ANCHOR_RE is in B64_ANCHORS
}

/**
 * b64AnchorAt for an anchor cut by a line break: the regex matched its part before the break, the
 * break and indentation, and the first char of the rest (at end - 1).
 */
function cutAnchorAt(t: string, end: number): [number, number, number] {
  const next = end - 1;
  const pe = lineBreakBefore(t, next, WRAP_INDENT);
  let ps = -1;
  for (const [a, i, part] of CUT_ANCHORS.get(t.charCodeAt(pe - 1)) ?? []) {
    const at = pe - part.length;
    if ((ps >= 0 && at !== ps) || !t.startsWith(part, at)) continue;
    ps = at;
    const [s, skip, sc] = B64_ANCHORS[a];
    formWork.chars += s.length;
    if (anchorFrom(t, next, s, i, sc) < 0) continue;
    const first = anchorBackTo(t, at, s, skip, sc);
    if (first >= 0) return [at, first - sc, sc === 0 ? 0 : sc - 1];
  }
  return [ps < 0 ? next : ps, -1, -1];
}

/**
 * At g: the first char of a 4-char base64 group whose byte at offset o starts a credential's
 * prefix (an anchor of B64_ANCHORS found it). The run from g is decoded (at most B64_WINDOW chars;
 * a chunk decoded for an earlier anchor of the same alignment is reused, so each char is decoded a
 * bounded number of times), the decoded bytes are scanned only around offset o, and a credential
 * that starts there is reported on the encoded groups that hold it (to the run's end and padding
 * when it reaches it). The group before g is decoded too, so that a credential glued to a word
 * before it is refused as it is in plain text.
 */
function matchBase64(c: Ctx, g: number, o: number): Hit {
  const t = c.t;
  const runs = (c.b64run ??= new RunMemo(B64ANY));
  const chunks = (c.chunks ??= [undefined, undefined, undefined, undefined]);
  // Base64 is never glued to the group before: that group is in the run or the run starts at g.
  const pre = g >= 4 && runs.end(t, g - 4, 4) >= g ? 4 : 0;
  const from = g - pre;
  const e = runs.end(t, g, B64_WINDOW);
  const runEnd = Math.min(e, g + B64_WINDOW);
  if (runEnd - g < 4) return undefined;
  let chunk = chunks[from & 3];
  if (!chunk || from < chunk.from || chunk.to < runEnd || (from - chunk.from) & 3) {
    const to = Math.min(runs.end(t, from, 4 * B64_WINDOW), from + 4 * B64_WINDOW);
    chunk = { from, to, bytes: Buffer.from(t.slice(from, to), 'base64').toString('latin1') };
    formWork.chars += chunk.to - from;
    chunks[from & 3] = chunk;
  }
  const at = ((from - chunk.from) / 4) * 3;
  const view = chunk.bytes.slice(at, at + Math.floor(((runEnd - from) * 3) / 4));
  const off = (pre / 4) * 3 + o;
  formWork.chars += 16;
  // A run that ends a line may go on in the next one (a wrapped block): read across the line breaks first.
  if (e < g + B64_WINDOW && wholePrefixAt(view, off) !== 1) {
    const w = matchWrapped(t, g, pre, off, e);
    if (w) return w;
  }
  const f = matchDecodedAt(view, off);
  if (!f) return undefined;
  let encEnd = g + Math.ceil((f.end - (pre / 4) * 3) / 3) * 4;
  if (encEnd >= runEnd) {
    if (e > g + B64_WINDOW) return undefined; // the run goes on past the window
    encEnd = runEnd;
    while (encEnd < t.length && encEnd - runEnd < 2 && t.charCodeAt(encEnd) === 61 /* = */) encEnd++;
  }
  return { kind: f.kind, start: g, end: encEnd, form: 'base64' };
}

/**
 * Whether decoded bytes hold a whole credential prefix at off: 0 when they do, 1 when they cannot,
 * and view.length when they stop before the prefix could be told.
 */
function wholePrefixAt(view: string, off: number): number {
  if (view.length < off + 10) return view.length;
  return view.charCodeAt(off + 4) === 45 || view.startsWith('xoxe.', off) || view.startsWith('http', off) ? 0 : 1;
}

/**
 * The matcher for the prefix at off of decoded bytes, called directly (no nested scan): a token
 * prefix, the inner prefix of xoxe.xoxb-/xoxe.xoxp- (its matcher looks back to xoxe.), or a webhook
 * host. Only a whole prefix is worth a scan (a run of encoded xox without the dash is not).
 */
function matchDecodedAt(view: string, off: number): Hit {
  if (view.charCodeAt(off + 4) !== 45 && !view.startsWith('xoxe.', off) && !view.startsWith('http', off)) return undefined;
  const vc = newCtx(view);
  let f: Hit;
  if (view.startsWith('http', off)) {
    const k = view.startsWith('hooks.slack', off + 8) ? off + 8 : view.startsWith('hooks.slack', off + 7) ? off + 7 : -1;
    f = k >= 0 ? matchHook(vc, k) : undefined;
  } else if (view.startsWith('xoxe.', off)) {
    const c = view.charCodeAt(off + 8);
    f = view.startsWith('xox', off + 5) && (c === 98 || c === 112) && view.charCodeAt(off + 9) === 45 ? matchX(vc, off + 5) : undefined;
  } else f = matchX(vc, off);
  return f && f.start === off ? f : undefined;
}

/** Chars walked back from an anchor to the start of its line's base64 (a wrapped block's lines are at most this long). */
const WRAP_BACK = 128;

/**
 * At g (with `pre` chars of the group before, the prefix at byte `off` of the decoded text): a
 * credential in a line-wrapped base64 block (GNU `base64` wraps at 76 columns, PEM and MIME at 64,
 * YAML block scalars and heredocs indent the lines). The run on g's line ends at e, a line's end;
 * it and each line after it must hold whole 4-char groups, and each further line must be base64
 * only (its last one may end in padding), so the groups stay aligned across the breaks. The lines
 * are joined (spaces, tabs and line breaks left out), decoded and matched; the span runs from g to
 * the end of the groups holding the credential, on whichever line that is. Everything read lies
 * within WRAP_BACK chars before g and B64_WINDOW after it; the lines joined stop once they hold the
 * longest credential the prefix can start.
 */
function matchWrapped(t: string, g: number, pre: number, off: number, e: number): Hit {
  const lim = Math.min(t.length, g + B64_WINDOW);
  // Whether the next line's indentation and first char can be read inside the window.
  const fits = (x: number): boolean => x + 3 + WRAP_INDENT <= lim || lim === t.length;
  if (!fits(e) || (e - g) & 3) return undefined;
  let rs = g;
  const back = Math.max(0, g - WRAP_BACK);
  while (rs > back && cls(t, rs - 1) & B64ANY) rs--;
  formWork.chars += g - rs + 4;
  if ((rs === back && rs > 0 && cls(t, rs - 1) & B64ANY) || (g - rs) & 3) return undefined;
  const isB64 = (i: number): boolean => i < t.length && (cls(t, i) & B64ANY) !== 0;
  // The first line may be short (the block's last chars on a line after a key, or a span read back
  // from its first group): only its groups must be whole.
  let k = wrapContinues(t, rs, e, isB64, 4);
  if (k < 0) return undefined;
  const from = g - pre;
  const segs: number[] = [from, e];
  let joined = t.slice(from, e);
  let ended = false; // the block ended (rather than the window)
  let padEnd = e;
  const more = (need: number): void => {
    while (k >= 0 && joined.length < need) {
      const le = Math.min(run(t, k, B64ANY, lim - k), lim);
      let pe = le;
      while (pe < le + 2 && t.charCodeAt(pe) === 61 /* = */) pe++;
      formWork.chars += pe - k + 2;
      if (pe >= lim && pe < t.length) {
        k = -1; // cut by the window
        return;
      }
      const c = t.charCodeAt(pe);
      if (pe < t.length && c !== 10 && c !== 13) {
        ended = true; // not a base64 line: the block ended before it
        k = -1;
        return;
      }
      segs.push(k, le);
      joined += t.slice(k, le);
      padEnd = pe;
      const next = pe > le ? -1 : fits(le) ? wrapContinues(t, k, le, isB64) : -2;
      if (next === -2) k = -1;
      else if (next < 0) {
        ended = true;
        k = -1;
      } else k = next;
    }
  };
  more(pre + 16);
  let view = Buffer.from(joined, 'base64').toString('latin1');
  if (wholePrefixAt(view, off) !== 0) return undefined;
  const longest = view.startsWith('http', off) ? HOOK_CAP : view.startsWith('xoxe.', off) ? 540 : longestFor(view, off);
  more(pre + Math.ceil((longest + 3) / 3) * 4 + 4);
  formWork.chars += joined.length;
  view = Buffer.from(joined, 'base64').toString('latin1');
  const f = matchDecodedAt(view, off);
  if (!f) return undefined;
  let j = pre + Math.ceil((f.end - (pre / 4) * 3) / 3) * 4;
  let end: number;
  if (j >= joined.length) {
    // The credential reaches the end of what was joined: only a block that ended there is sure.
    if (!ended || segs.length === 2) return undefined;
    end = padEnd;
  } else {
    end = segs[segs.length - 1];
    for (let i = 0; i < segs.length; i += 2) {
      const len = segs[i + 1] - segs[i];
      if (j <= len) {
        end = segs[i] + j;
        break;
      }
      j -= len;
    }
  }
  if (end <= e) return undefined; // on g's line alone: the one-line reading reports it
  return { kind: f.kind, start: g, end, form: 'base64' };
}

/** The credential a base64 span holds. */
export function decodeBase64Span(span: string): string {
  const decoded = Buffer.from(span, 'base64').toString('latin1');
  const f = resolveOverlaps(candidates(decoded))[0];
  return f ? decoded.slice(f.start, f.end) : decoded;
}

// ---- webhooks -------------------------------------------------------------------------------

/** How the URL's slashes are written: plain `/`, JSON-escaped `\/`, or URL-encoded `%2F`. */
const enum Slash {
  Plain,
  Json,
  Percent,
}

/** Path separator at i in the given form. Returns its length or 0. */
function sep(t: string, i: number, mode: Slash): number {
  if (mode === Slash.Plain) return t.charCodeAt(i) === 47 ? 1 : 0;
  if (mode === Slash.Json) return t.charCodeAt(i) === 92 && t.charCodeAt(i + 1) === 47 ? 2 : 0;
  return t.charCodeAt(i) === 37 && t.charCodeAt(i + 1) === 50 && (t.charCodeAt(i + 2) | 32) === 102 ? 3 : 0;
}

/** An id like T0123ABCD: the letter then 8-12 upper alnum. Returns the end or -1. */
function slackId(t: string, i: number, letters: string): number {
  if (letters.indexOf(t[i]) < 0) return -1;
  const e = run(t, i + 1, UPALNUM, 12);
  if (e - i - 1 < 8 || e - i - 1 > 12) return -1;
  if (isPlaceholderId(t.slice(i + 1, e))) return -1;
  return e;
}

const SCHEMES: Array<[string, Slash]> = [
  ['https://', Slash.Plain],
  ['http://', Slash.Plain],
  ['https:\\/\\/', Slash.Json],
  ['http:\\/\\/', Slash.Json],
  ['https%3a%2f%2f', Slash.Percent],
  ['http%3a%2f%2f', Slash.Percent],
];

/** At p: "hooks.slack". */
function matchHook(c: Ctx, p: number): Hit {
  const t = c.t;
  let i: number;
  if (t.startsWith('hooks.slack.com', p)) i = p + 15;
  else if (t.startsWith('hooks.slack-gov.com', p)) i = p + 19;
  else return undefined;
  let start = p;
  let mode = Slash.Plain;
  for (const [s, m] of SCHEMES) {
    if (p >= s.length && (m === Slash.Percent ? t.slice(p - s.length, p).toLowerCase() === s : t.startsWith(s, p - s.length))) {
      start = p - s.length;
      mode = m;
      break;
    }
  }
  if (start === p) {
    // No scheme: the host must start the URL (`//hooks…`, `"hooks…`), or follow an encoded slash.
    const b = t.charCodeAt(p - 1);
    const next = t.charCodeAt(i);
    mode = next === 92 ? Slash.Json : next === 37 ? Slash.Percent : Slash.Plain;
    const encodedSlash = mode === Slash.Percent && sep(t, p - 3, Slash.Percent) === 3;
    if (!encodedSlash && (gluedBefore(t, p) || b === 46 /* . */)) return undefined;
  }
  let k = sep(t, i, mode);
  if (!k) return undefined;
  i += k;
  let kind: KindId;
  if (t.startsWith('services', i)) {
    kind = 'webhook';
    i += 8;
  } else if (t.startsWith('workflows', i)) {
    kind = 'workflow-webhook';
    i += 9;
  } else if (t.startsWith('triggers', i)) {
    kind = 'trigger';
    i += 8;
  } else return undefined;
  if (!(k = sep(t, i, mode))) return undefined;
  i += k;
  let e = slackId(t, i, 'TE');
  if (e < 0 || !(k = sep(t, e, mode))) return undefined;
  i = e + k;
  if (kind === 'webhook' || kind === 'workflow-webhook') {
    e = slackId(t, i, kind === 'webhook' ? 'B' : 'A');
    if (e < 0 || !(k = sep(t, e, mode))) return undefined;
    i = e + k;
  }
  if (kind === 'workflow-webhook' || kind === 'trigger') {
    const min = kind === 'trigger' ? 10 : 15;
    const max = kind === 'trigger' ? 16 : 20;
    e = run(t, i, DIGIT, max);
    if (e - i < min || e - i > max || !(k = sep(t, e, mode))) return undefined;
    i = e + k;
  }
  if (kind === 'trigger') {
    e = run(t, i, HEX, 32);
    if (e - i !== 32) return undefined;
  } else {
    e = run(t, i, ALNUM, 32);
    if (e - i < 20 || e - i > 32) return undefined;
  }
  if (gluedAfter(t, e) || isPlaceholderSecret(t.slice(i, e))) return undefined;
  return { kind, start, end: e };
}

// ---- signing and client secrets ----------------------------------------------------------------

function isKeyChar(code: number): boolean {
  return code < 128 && ((CLS[code] & WORD) !== 0 || code === 46 || code === 45);
}

/**
 * A line that opens a named section: YAML `name:`, JSON/JS `"name": {`, HCL `name {`, a TOML table
 * `[name]`/`[[name]]` (group 2), or an assignment `name = {` (group 3, positive only: in code it names a
 * variable, not a config section). Group 1 or 2 is a section that decides either way.
 */
const SECTION_HEADER = /^(?:["']?([\w.-]+)["']?\s*(?::\s*\{?|\{)|\[\[?\s*([\w.\-"' ]+?)\s*\]\]?|["']?([\w.-]+)["']?\s*=\s*\{?)\s*$/;

/** Leading spaces and tabs of the line [ls, to). */
function indentOf(t: string, ls: number, to: number): number {
  let i = ls;
  while (i < to && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
  return i - ls;
}

type Section = 'slack' | 'other' | undefined;

/** What a section's name says: Slack, or something else. */
function sectionOf(name: string): Section {
  return /slack/i.test(name) ? 'slack' : 'other';
}

/**
 * Section names that say where values are kept, not whose they are (a Kubernetes Secret's `data:`,
 * Rails' `production:`, `env:`): the walk looks through them to the section around them. Not a list
 * of other services: any name not here, and not Slack's, decides against.
 */
const HOLDER_SECTIONS: ReadonlySet<string> = new Set(['data', 'stringdata', 'env', 'environment', 'environments', 'secret', 'secrets', 'credentials', 'config', 'configuration', 'settings', 'values', 'vars', 'variables', 'default', 'defaults', 'production', 'prod', 'staging', 'development', 'dev', 'test', 'local', 'common', 'shared']);

function isHolder(name: string): boolean {
  return HOLDER_SECTIONS.has(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * The sections enclosing the key at ks, which decide whose secret it is: 'slack' when the nearest one or
 * any around it says Slack (`slack:` > `oauth:` > `client_secret`), 'other' when they name only
 * something else (`stripe:`, `[cookie]`, `"github": {`), undefined when the key sits in no named
 * section (top level, a call's arguments such as `App.new(`). Looked for
 * on the key's own line first (`{"stripe": {"signing_secret": …`, the innermost open brace there), then
 * on the whole lines in t[from, ls) above it, indentation-aware: a line indented less than the key
 * encloses it (YAML, JSON, JS objects); a TOML table header encloses the keys below it at any indent.
 * An enclosing line that is not a header (`App.new(`, `- url: …`) narrows the indent and the walk goes
 * on. Bounded by the caller's window, so the work per key is constant.
 */
function slackSectionAbove(t: string, from: number, ls: number, ks: number): Section {
  // The key's own line: the innermost `{` still open before the key, and the name before it.
  let verdict: Section = undefined; // 'other' once a non-Slack section encloses the key
  let depth = 0;
  for (let i = ks - 1; i >= ls; i--) {
    const c = t.charCodeAt(i);
    if (c === 125 /* } */) depth++;
    else if (c === 123 /* { */) {
      if (depth > 0) {
        depth--;
        continue;
      }
      let j = i - 1;
      while (j >= ls && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j--;
      if (t.charCodeAt(j) !== 58 /* : */) return verdict; // `new App({`, `= {`: an object in code
      j--;
      while (j >= ls && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j--;
      if (t.charCodeAt(j) === 34 || t.charCodeAt(j) === 39) j--;
      const e = j + 1;
      while (j >= ls && isKeyChar(t.charCodeAt(j))) j--;
      if (e === j + 1) return verdict;
      const name = t.slice(j + 1, e);
      if (!isHolder(name)) {
        if (sectionOf(name) === 'slack') return 'slack';
        verdict = 'other'; // `{"stripe": {…`: a Slack section around it may still decide
      }
      // `{"data": {…`: look through it to the brace around it.
    }
  }
  let limit = indentOf(t, ls, ks);
  let end = ls - 1; // the line above ends before its line break
  while (end > from) {
    let start = end;
    while (start > from && t.charCodeAt(start - 1) !== 10) start--;
    // A line cut by the window's left edge is not a whole line: it cannot be looked at.
    if (start > 0 && t.charCodeAt(start - 1) !== 10) return verdict;
    const d = indentOf(t, start, end);
    const line = t.slice(start + d, end).trim();
    end = start - 1;
    if (line.length === 0 || line.startsWith('#') || line.startsWith('//')) continue;
    const h = line.length <= 80 ? SECTION_HEADER.exec(line) : null;
    if (h && h[2] !== undefined && d <= limit) {
      if (isHolder(h[2])) continue; // TOML [production]: look on above it
      return sectionOf(h[2]) === 'slack' ? 'slack' : 'other'; // TOML [table]: tables do not nest by position
    }
    if (d >= limit) continue; // a sibling or something nested in one
    if (h && h[1] !== undefined && !isHolder(h[1])) {
      if (sectionOf(h[1]) === 'slack') return 'slack';
      verdict = 'other'; // `stripe:`; a `slack:` further out would still make it Slack's
    }
    if (h && h[3] !== undefined && /slack/i.test(h[3])) return 'slack';
    limit = d;
    if (limit === 0) return verdict;
  }
  return verdict;
}

/** Index after at most `max` chars from `chars` starting at i. */
function skip(t: string, i: number, max: number, chars: string): number {
  const lim = i + max;
  while (i < lim && i < t.length && chars.indexOf(t[i]) >= 0) i++;
  return i;
}

/**
 * Slack SDK calls that take a client or signing secret: Bolt's `new App({…})` (JS), `app = App(…)`
 * (Python; not a React `function App()`), `App.new`/`Slack::` (Ruby), `AppConfig` (Java), the OAuth helpers and receivers.
 */
const SLACK_SDK_CALL = /\bnew\s+App\s*\(|=\s*App\s*\(|\bApp\.new\b|Slack::|\bAppConfig\b|\bOAuthSettings\s*\(|\bInstallProvider\s*\(|\b(?:Express|HTTP|SocketMode|AwsLambda)Receiver\s*\(|@slack\/|slack_bolt|slack_sdk|com\.slack\.api/;

/**
 * Positive Slack context for a key that does not name Slack itself: Slack earlier on the key's line
 * (slack.client_secret), the nearest section the key sits in (YAML `slack:`, JSON `"slack": {`, TOML
 * `[slack]`, see slackSectionAbove), or a Slack SDK call on the lines just above. 'other' when the
 * nearest section names something else: that decides against Slack whatever else is around.
 */
function slackContextBefore(t: string, ks: number): Section {
  let ls = ks;
  const llim = Math.max(0, ks - 120);
  while (ls > llim && t.charCodeAt(ls - 1) !== 10) ls--;
  // At most 440 chars before the key, which starts at most 65 before its anchor: within LIMITS.LOOK_BEHIND.
  const from = Math.max(0, ls - 380, ks - 440);
  const section = slackSectionAbove(t, from, ls, ks);
  if (section !== undefined) return section;
  if (/slack/i.test(t.slice(ls, ks))) return 'slack';
  // A line cut by the window's left edge is not looked at, so the answer does not depend on where a scan starts.
  let ws = from;
  if (ws > 0 && t.charCodeAt(ws - 1) !== 10) while (ws < ks && t.charCodeAt(ws - 1) !== 10) ws++;
  return SLACK_SDK_CALL.test(t.slice(ws, ks)) ? 'slack' : undefined;
}

/** Prefixes of a key's own name that still mean "the signing secret" itself (setSigningSecret, withClientSecret). */
const BARE_QUALIFIERS: ReadonlySet<string> = new Set(['', 'set', 'with']);

/**
 * The 32-hex secret at i, plain or base64-encoded (a Kubernetes Secret's `data:` holds the value
 * base64-encoded: 44 chars with one `=`). Returns the hit or undefined.
 */
function secretValueAt(t: string, i: number, kind: KindId): Hit {
  const e = run(t, i, HEX, 32);
  if (e - i === 32 && !gluedAfter(t, e)) return isPlaceholderSecret(t.slice(i, e)) ? undefined : { kind, start: i, end: e };
  const b = run(t, i, ALNUM, 43);
  if (b - i !== 43 || t.charCodeAt(b) !== 61 || gluedAfter(t, b + 1)) return undefined;
  const plain = Buffer.from(t.slice(i, b + 1), 'base64').toString('latin1');
  if (!/^[0-9a-f]{32}$/.test(plain) || isPlaceholderSecret(plain)) return undefined;
  return { kind, start: i, end: b + 1, form: 'base64' };
}

/** At p: "ecret"/"ECRET" (the s is at p - 1). The value follows the key on the same line. */
function matchSecret(c: Ctx, p: number): Hit {
  const t = c.t;
  const sc = t.charCodeAt(p - 1);
  if (sc !== 115 && sc !== 83) return undefined;
  let ks = p - 1;
  const lim = Math.max(0, p - 65);
  while (ks > lim && isKeyChar(t.charCodeAt(ks - 1))) ks--;
  let i = p + 5;
  if (isWordAt(t, i)) return undefined; // SECRET_KEY, secrets, …
  const keyText = t.slice(ks, i);
  const key = keyText.toLowerCase().replace(/[^a-z0-9]/g, '');
  let kind: KindId;
  let name: number; // length of the normalised secret name the key ends with
  if (key.endsWith('signingsecret')) {
    kind = 'signing-secret';
    name = 13;
  } else if (key.endsWith('clientsecret')) {
    kind = 'client-secret';
    name = 12;
  } else return undefined;
  if (key.indexOf('slack') < 0) {
    // Decided by positive Slack context, never by a list of other services. The key's own name
    // (after the last `.` or `-`) with another qualifier is another secret: COOKIE_SIGNING_SECRET,
    // STRIPE_SIGNING_SECRET, GITHUB_CLIENT_SECRET. A bare signing secret (signing_secret,
    // signingSecret, setSigningSecret) is Bolt's own name; a bare client secret needs Slack context.
    const own = keyText.slice(Math.max(keyText.lastIndexOf('.'), keyText.lastIndexOf('-')) + 1).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (!BARE_QUALIFIERS.has(own.slice(0, own.length - name))) return undefined;
    // A client secret is every OAuth provider's: it needs Slack context, and another section
    // (`github:`, `[google]`) around it with no Slack section further out decides against. A bare signing
    // secret stays Slack's under any section: Slack apps keep it under names of their own (`bot:`,
    // `app:`, `environment:`), and no 32-hex signing secret of another service goes by that bare name.
    if (kind === 'client-secret' && slackContextBefore(t, ks) !== 'slack') return undefined;
  }
  // Closing quotes/brackets of the key (also JSON-escaped \"), a separator, an optional opening quote.
  i = skip(t, i, 4, '"\'`])\\');
  i = skip(t, i, 8, ' \t');
  if (t.startsWith(':=', i) || t.startsWith('=>', i) || t.startsWith('||', i) || t.startsWith('??', i)) i += 2;
  else if (t[i] === '=' || t[i] === ':' || t[i] === ',' || t[i] === '(' || t[i] === '{') i += 1;
  else if (t.startsWith('or ', i)) i += 3;
  else return undefined;
  i = skip(t, i, 8, ' \t');
  if (t[i] === '\\' && t[i + 1] === '"') i += 2;
  else if (t[i] === '"' || t[i] === "'" || t[i] === '`') i++;
  return secretValueAt(t, i, kind);
}

/** At p: "SignatureVerifier(" (Python slack_sdk): its first argument is the signing secret. */
function matchVerifier(c: Ctx, p: number): Hit {
  const t = c.t;
  if (isWordAt(t, p - 1)) return undefined;
  let i = skip(t, p + 18, 8, ' \t');
  if (t[i] === '"' || t[i] === "'") i++;
  else return undefined;
  return secretValueAt(t, i, 'signing-secret');
}

// ---- the scan loop ----------------------------------------------------------------------------------

/**
 * One regex pass finds every place a credential may start; it is the only whole-text work. The
 * alternatives are chosen so that the last character of a match tells which one matched and so its
 * length (anchorLength): `-` ends a 5-char token prefix, `k` ends `hooks.slack`, `t`/`T` end a
 * 6-char `secret`, `(` ends `SignatureVerifier(`; a quote or `{` ends a short literal starting with
 * x or h that may begin a split credential whose prefix is cut (`"xo" + "xb-…"`, found back to its
 * opening quote by cutAnchorStart); any other last char ends one of the base64
 * anchors (B64_ANCHORS: the encoded forms of `xox`, `xapp-`, `xwfp-` and `http(s)://hooks.slack`
 * at each byte offset; at offset 0 without the group's first char, checked in the loop, because
 * upper-case G/H are rarer in text than e/a); a base64 alternative with a line break in it is such
 * an anchor cut by a wrapped block's line break (CUT_ANCHORS, read on by cutAnchorAt).
 * That lets the loop use test() (no match array allocated per anchor).
 */
// The cut-literal alternative comes first (it alone starts with a quote, so order changes no match;
// measured on the generated corpus, first costs less than last). The base64 alternatives are grouped
// by their first char and start, where they can, with an upper-case
// one (rarer in text): measured on the generated corpus, that keeps the regex close to the floor's.
// The families of ANCHOR_RE, one regex source each, in the order the regex tries them.
const CUT_LITERAL_ANCHOR = '["\'`][xh][a-z.:/]{0,18}(?:["\'`]|\\$?\\{)';
const TOKEN_ANCHOR = String.raw`(?:xox[abcdeoprs]|xapp|xwfp)-`;
const HOOK_ANCHOR = String.raw`hooks\.slack`;
const SECRET_ANCHOR = String.raw`[Ss]ecret|SECRET`;
const VERIFIER_ANCHOR = String.raw`SignatureVerifier\(`;
/** B64_ANCHORS as the regex finds them (the left-out first chars are checked in b64AnchorAt). */
const BASE64_ANCHOR = String.raw`G(?:94|Fw(?:cC|\r?\n[ \t]{0,64}c))|H(?:dm(?:cC|\r?\n[ \t]{0,64}c)|R0(?:\r?\n[ \t]{0,64}c|cHM6(?:\r?\n[ \t]{0,64}L|Ly9o(?:\r?\n[ \t]{0,64}b|b29r(?:\r?\n[ \t]{0,64}c|cy5z(?:\r?\n[ \t]{0,64}b|bGFj))))|cDov(?:\r?\n[ \t]{0,64}L|L2hv(?:\r?\n[ \t]{0,64}b|b2tz(?:\r?\n[ \t]{0,64}L|LnNs(?:\r?\n[ \t]{0,64}Y|YWNr)))))|Rw(?:\r?\n[ \t]{0,64}[cO]|czov(?:\r?\n[ \t]{0,64}L|L2hv(?:\r?\n[ \t]{0,64}b|b2tz(?:\r?\n[ \t]{0,64}L|LnNs(?:\r?\n[ \t]{0,64}Y|YWNr))))|Oi8v(?:\r?\n[ \t]{0,64}a|aG9v(?:\r?\n[ \t]{0,64}a|a3Mu(?:\r?\n[ \t]{0,64}c|c2xh(?:\r?\n[ \t]{0,64}Y|Y2))))))|hv(?:e[CGH]|\r?\n[ \t]{0,64}e)|hh(?:cHA|\r?\n[ \t]{0,64}c)|h3(?:ZnA|\r?\n[ \t]{0,64}Z)|h0(?:\r?\n[ \t]{0,64}d|dHBz(?:\r?\n[ \t]{0,64}O|Oi8v(?:\r?\n[ \t]{0,64}a|aG9v(?:\r?\n[ \t]{0,64}a|a3Mu(?:\r?\n[ \t]{0,64}c|c2xh(?:\r?\n[ \t]{0,64}Y|Y2)))))|dHA6(?:\r?\n[ \t]{0,64}L|Ly9o(?:\r?\n[ \t]{0,64}b|b29r(?:\r?\n[ \t]{0,64}c|cy5z(?:\r?\n[ \t]{0,64}b|bGFj(?:\r?\n[ \t]{0,64}a|a))))))|4(?:b3[gh]|YXBw(?:L|\r?\n[ \t]{0,64}L)|d2Zw(?:L|\r?\n[ \t]{0,64}L)|\r?\n[ \t]{0,64}[bYd])`;
const ANCHOR_RE = new RegExp([CUT_LITERAL_ANCHOR, TOKEN_ANCHOR, HOOK_ANCHOR, SECRET_ANCHOR, VERIFIER_ANCHOR, BASE64_ANCHOR].join('|'), 'g');
// Irregexp's cost for this alternation is far from additive. Measured with callgrind before the
// base64 family learnt line breaks (three passes over 24 MB of the generated corpus, regex work only):
// the token, hook and secret families alone cost 1.1 times the floor's regex, the whole regex 2.7
// times, and the whole regex less the verifier family (tried for texts without `SignatureVerifier(`)
// 8.4 times. Measure any change here first (scripts/bench.mjs, or callgrind on a regex-only loop).

/**
 * Locality bounds (UTF-16 units) that make incremental rescans exact:
 * a candidate found at anchor p depends only on text[p - LOOK_BEHIND, p + LOOK_AHEAD);
 * a candidate spans at most MAX_LEN; its start lies within [p - START_BEFORE_ANCHOR, p + ANCHOR_BEFORE_START].
 */
export const LIMITS = Object.freeze({
  LOOK_BEHIND: 512,
  LOOK_AHEAD: 1100,
  MAX_LEN: 1100,
  // 16 for tokens; a wrapped base64 credential whose left-out anchor chars end the line before (see SKIP_BREAK_INDENT): 67.
  START_BEFORE_ANCHOR: 67,
  ANCHOR_BEFORE_START: 40,
});

/**
 * Length of the anchor that ends with char `last` (the alternatives end in distinct chars):
 * `-` a token prefix, `k` hooks.slack, `t`/`T` secret, `(` SignatureVerifier(. Any other last
 * char ends a base64 anchor (B64_ANCHORS, found by b64AnchorAt).
 */
function anchorLength(last: number): number {
  switch (last) {
    case 45:
      return 5;
    case 107:
      return 11;
    case 40:
      return 18;
    default:
      return 6;
  }
}

function toFinding(h: NonNullable<Hit>): Finding {
  const info = KINDS[h.kind];
  const f: Finding = { kind: h.kind, start: h.start, end: h.end, confidence: info.confidence, legacy: info.legacy };
  if (h.form) f.form = h.form;
  return f;
}

/** The candidate at each anchor in [from, to), each judged on its own (no state between anchors). */
export function candidates(t: string, from = 0, to = t.length): Finding[] {
  const out: Finding[] = [];
  const c = newCtx(t);
  // One shared regex (stays compiled and tiered up); the loop below never yields, so only the
  // nested scan of decoded base64 interleaves, and it gives the outer loop its position back.
  from = Math.max(0, from);
  to = Math.min(t.length, to);
  // A window search runs over a slice, so the regex cannot run on to the end of a large text.
  const windowed = from > 0 || to < t.length;
  const hay = windowed ? t.slice(from, Math.min(t.length, to + 32)) : t;
  const re = ANCHOR_RE;
  const outer = re.lastIndex;
  re.lastIndex = 0;
  const base = windowed ? from : 0;
  let sorted = true;
  while (re.test(hay)) {
    const end = re.lastIndex + base;
    const last = t.charCodeAt(end - 1);
    let h: Hit;
    if (last === 45 || last === 107 || last === 116 || last === 84 || last === 40) {
      const len = anchorLength(last);
      const p = end - len;
      // A base64 anchor found later may still start its group up to 3 chars before this one.
      if (p >= to + 3) break;
      // Every anchor position counts, also overlapping ones, so the set does not depend on where a scan starts.
      re.lastIndex = end - len + 1 - base;
      if (p >= to) continue;
      if (last === 45) h = matchX(c, p) ?? matchSplit(p, t);
      else if (last === 107) h = matchHook(c, p) ?? matchHookSplit(p, t);
      else if (last === 40) h = matchVerifier(c, p);
      else h = matchSecret(c, p + 1);
    } else if (last === 34 || last === 39 || last === 96 || last === 123) {
      // A short literal that may begin a split credential whose prefix is cut (`"xo" + "xb-…"`).
      const q = cutAnchorStart(t, end);
      if (q >= to + 3) break;
      re.lastIndex = q + 2 - base;
      if (q >= to) continue;
      h = matchCutSplit(t, q + 1);
    } else {
      // A base64 anchor: the credential's encoded span starts at the group's first char g.
      const [ps, g, o] = b64AnchorAt(t, end);
      if (ps >= to + 3) break;
      re.lastIndex = ps + 1 - base;
      if (g < 0 || g >= to) continue;
      h = matchBase64(c, g, o);
    }
    if (h) {
      if (out.length && h.start < out[out.length - 1].start) sorted = false;
      out.push(toFinding(h));
    }
  }
  re.lastIndex = outer;
  if (!sorted) out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Overlaps are resolved locally: a candidate is dropped when any candidate that starts earlier reaches
 * into it (e.g. a token-shaped run inside a d cookie). Candidates must be sorted by start.
 */
export function resolveOverlaps(cands: Finding[]): Finding[] {
  const out: Finding[] = [];
  let maxEnd = -1;
  let prevStart = -1;
  for (const f of cands) {
    if (f.start >= maxEnd && f.start !== prevStart) out.push(f);
    if (f.end > maxEnd) maxEnd = f.end;
    prevStart = f.start;
  }
  return out;
}

/**
 * Raw findings (no suppression) of the whole text: sorted, non-overlapping. `glued` also reports
 * tokens glued to their neighbours, which detection passes over but redaction must not.
 */
export function scanRange(t: string, glued = false): Finding[] {
  loose = glued;
  try {
    return resolveOverlaps(candidates(t));
  } finally {
    loose = false;
  }
}
