// The scanner: one cheap anchor regex finds the few places where a credential can start (a token
// prefix, a webhook host, a secret key name); from each anchor a hand-written matcher walks a bounded
// window with deterministic, greedy loops (no backtracking). Work per anchor is bounded by the longest
// credential (plus memoised character runs, so overlapping anchors never re-read the same run), which
// keeps the whole scan linear in the text length whatever the input.
import { Buffer } from 'node:buffer';
import { KINDS } from './kinds';
import { isPlaceholderId, isPlaceholderSecret } from './placeholder';
import type { Finding, KindId } from './types';

// Character classes, one bit each, for ASCII.
const DIGIT = 1;
const HEX = 2; // 0-9 a-f
const ALNUM = 4;
const LOWALNUM = 8; // 0-9 a-z
const B64URL = 16; // alnum - _
const COOKIE = 32; // alnum % + / =
const UPALNUM = 64; // 0-9 A-Z
const WORD = 128; // alnum _

const CLS = new Uint8Array(128);
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

interface Ctx {
  t: string;
  /** Redaction mode: a token glued to the identifier or escape around it (`tok_xoxb-…`) still counts. */
  loose: boolean;
  b64: RunMemo;
  cookie: RunMemo;
}

type Hit = { kind: KindId; start: number; end: number } | undefined;

function isWordAt(t: string, i: number): boolean {
  return i >= 0 && i < t.length && (cls(t, i) & WORD) !== 0;
}

/**
 * A credential ending at e is glued when a word char follows, or a dash that continues into another
 * word (`…tail-more`): then the run is part of a longer identifier, not a token.
 */
function gluedAfter(c: Ctx, e: number): boolean {
  if (c.loose) return false;
  const t = c.t;
  return isWordAt(t, e) || (t.charCodeAt(e) === 45 && isWordAt(t, e + 1));
}

/**
 * A token starting at p is glued to an identifier when a word char precedes it, except after an
 * escape such as `\n` or a URL-encoded byte such as `%3D`.
 */
function gluedBefore(c: Ctx, p: number): boolean {
  const t = c.t;
  if (c.loose || !isWordAt(t, p - 1)) return false;
  if (p >= 2 && t.charCodeAt(p - 2) === 92 /* \ */) return false;
  if (p >= 3 && t.charCodeAt(p - 3) === 37 /* % */ && cls(t, p - 2) & HEX && /[0-9A-Fa-f]/.test(t[p - 1])) return false;
  return true;
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
    if (e - s < 20 || e - s > 40 || gluedAfter(c, e)) return undefined;
    if (!hasLetter(t, s, e) || isPlaceholderSecret(t.slice(s, e))) return undefined;
    return { kind: 'bot', start: p, end: e };
  }
  // xoxb-<d>-<secret>: classic custom bot
  if (a - r < 18 || a - r > 30 || gluedAfter(c, a)) return undefined;
  if (isPlaceholderSecret(t.slice(r, a))) return undefined;
  return { kind: 'bot-legacy', start: p, end: a };
}

function matchUser(c: Ctx, p: number, q: number): Hit {
  const t = c.t;
  const s = threeGroups(t, q);
  if (s < 0) return undefined;
  const e = run(t, s, ALNUM, 32);
  const len = e - s;
  if (gluedAfter(c, e)) return undefined;
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
  if (e - s < min || e - s > max || gluedAfter(c, e)) return undefined;
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
  if (body.length < 40 || gluedAfter(c, e)) return undefined;
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
  if (ie - i < 9 || ie - i > 12 || t.charCodeAt(ie) !== 45) return undefined;
  const n = ie + 1;
  const ne = run(t, n, DIGIT, 14);
  if (ne - n < 10 || ne - n > 14 || t.charCodeAt(ne) !== 45) return undefined;
  const s = ne + 1;
  const e = run(t, s, HEX, 64);
  if (e - s < 56 || e - s > 64 || gluedAfter(c, e)) return undefined;
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
  if (!c.loose && !rotatingBodyDecodes(t.slice(s, e))) return undefined;
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
  if (e - q < 10 || e - q > 64 || gluedAfter(c, e)) return undefined;
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
    if (gluedBefore(c, p - 5)) return undefined;
    return matchRotating(c, p - 5, p + 5, 'config-access');
  }
  if (gluedBefore(c, p)) return undefined;
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
      return matchGroupsTail(c, p, q, LOWALNUM, 60, 72, 'client');
    case 100: // d
      return matchCookie(c, p, q);
    case 101: // e
      return matchRotating(c, p, q, 'config-refresh');
    case 97: // a
    case 114: // r
      return matchWorkspace(c, p, q);
    default:
      return undefined;
  }
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
    if (!encodedSlash && (isWordAt(t, p - 1) || b === 46 /* . */)) return undefined;
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
  if (gluedAfter(c, e) || isPlaceholderSecret(t.slice(i, e))) return undefined;
  return { kind, start, end: e };
}

// ---- signing and client secrets ----------------------------------------------------------------

function isKeyChar(code: number): boolean {
  return code < 128 && ((CLS[code] & WORD) !== 0 || code === 46 || code === 45);
}

/** Services whose webhook signing secrets share the SIGNING_SECRET key suffix (never Slack's). */
const OTHER_SERVICE =
  /stripe|github|gitlab|bitbucket|twilio|svix|shopify|webhook|hmac|jwt|paddle|mailgun|sendgrid|postmark|discord|zoom|intercom|clerk|linear|vercel|square|okta|auth0|docusign|hubspot|pagerduty|segment|mux|lemon|telnyx|vonage|nexmo|plaid|calendly|typeform|sentry|teams|netlify|supabase|resend|polar|cloudflare|aws|azure|google|gcp|facebook|meta|whatsapp|telegram|line|mattermost|rocket/;

const SECTION_HEADER = /^["'[]?[\w.-]+["'\]]?\s*(?:[:=]\s*\{?|\{)?\s*$/;

/** Whether a line in t[from, to) is a section header naming Slack: `slack:`, `"slack": {`, `[slack]`, `slack {`. */
function slackSectionAbove(t: string, from: number, to: number): boolean {
  let end = to;
  while (end > from) {
    let start = end - 1;
    while (start > from && t.charCodeAt(start - 1) !== 10) start--;
    // A line cut by the window's left edge is not a whole line: it cannot be a header.
    const whole = start > 0 ? t.charCodeAt(start - 1) === 10 : true;
    const line = t.slice(start, end).trim();
    if (whole && line.length <= 64 && /slack/i.test(line) && SECTION_HEADER.test(line)) return true;
    end = start - 1;
  }
  return false;
}

/** Index after at most `max` chars from `chars` starting at i. */
function skip(t: string, i: number, max: number, chars: string): number {
  const lim = i + max;
  while (i < lim && i < t.length && chars.indexOf(t[i]) >= 0) i++;
  return i;
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
  const key = t.slice(ks, i).toLowerCase().replace(/[^a-z0-9]/g, '');
  let kind: KindId;
  if (key.endsWith('signingsecret')) {
    kind = 'signing-secret';
    // Bare SIGNING_SECRET / signingSecret is Bolt's convention; a key naming another service
    // (STRIPE_SIGNING_SECRET, GITHUB_WEBHOOK_SIGNING_SECRET…) holds that service's secret.
    if (key.indexOf('slack') < 0 && OTHER_SERVICE.test(key)) return undefined;
  } else if (key.endsWith('clientsecret')) {
    kind = 'client-secret';
    if (key.indexOf('slack') < 0) {
      // The key path may name Slack earlier on the same line (slack.client_secret, slack: { clientSecret: … })
      // or as the section the key sits in a few lines up (YAML `slack:`, JSON `"slack": {`, TOML `[slack]`).
      let ls = ks;
      const llim = Math.max(0, ks - 120);
      while (ls > llim && t.charCodeAt(ls - 1) !== 10) ls--;
      if (!/slack/i.test(t.slice(ls, ks)) && !slackSectionAbove(t, Math.max(0, ls - 300), ls - 1)) return undefined;
    }
  } else return undefined;
  // Closing quotes/brackets of the key (also JSON-escaped \"), a separator, an optional opening quote.
  i = skip(t, i, 4, '"\'`])\\');
  i = skip(t, i, 8, ' \t');
  if (t.startsWith(':=', i) || t.startsWith('=>', i)) i += 2;
  else if (t[i] === '=' || t[i] === ':' || t[i] === ',') i += 1;
  else return undefined;
  i = skip(t, i, 8, ' \t');
  if (t[i] === '\\' && t[i + 1] === '"') i += 2;
  else if (t[i] === '"' || t[i] === "'" || t[i] === '`') i++;
  const e = run(t, i, HEX, 32);
  if (e - i !== 32 || gluedAfter(c, e)) return undefined;
  if (isPlaceholderSecret(t.slice(i, e))) return undefined;
  return { kind, start: i, end: e };
}

// ---- the scan loop ----------------------------------------------------------------------------------

/**
 * One regex pass finds every place a credential may start; it is the only whole-text work. The
 * alternatives are chosen so that the last character of a match tells which one matched and so its
 * length: `-` ends a 5-char token prefix, `k` ends `hooks.slack`, `t`/`T` end a 6-char `secret`.
 * That lets the loop use test() (no match array allocated per anchor).
 */
const ANCHOR_RE = /(?:xox[abcdeoprs]|xapp|xwfp)-|hooks\.slack|[Ss]ecret|SECRET/g;

/**
 * Locality bounds (UTF-16 units) that make incremental rescans exact:
 * a candidate found at anchor p depends only on text[p - LOOK_BEHIND, p + LOOK_AHEAD);
 * a candidate spans at most MAX_LEN; its start lies within [p - START_BEFORE_ANCHOR, p + ANCHOR_BEFORE_START].
 */
export const LIMITS = Object.freeze({
  LOOK_BEHIND: 512,
  LOOK_AHEAD: 1100,
  MAX_LEN: 1100,
  START_BEFORE_ANCHOR: 16,
  ANCHOR_BEFORE_START: 40,
});

function toFinding(h: NonNullable<Hit>): Finding {
  const info = KINDS[h.kind];
  return { kind: h.kind, start: h.start, end: h.end, confidence: info.confidence, legacy: info.legacy };
}

/** The candidate at each anchor in [from, to), each judged on its own (no state between anchors). */
export function candidates(t: string, from = 0, to = t.length, loose = false): Finding[] {
  const out: Finding[] = [];
  const c: Ctx = { t, loose, b64: new RunMemo(B64URL), cookie: new RunMemo(COOKIE) };
  // One shared regex (stays compiled and tiered up); the loop below never yields, so no call interleaves.
  const re = ANCHOR_RE;
  re.lastIndex = 0;
  from = Math.max(0, from);
  to = Math.min(t.length, to);
  // A window search runs over a slice, so the regex cannot run on to the end of a large text.
  const windowed = from > 0 || to < t.length;
  const hay = windowed ? t.slice(from, Math.min(t.length, to + 10)) : t;
  const base = windowed ? from : 0;
  let sorted = true;
  while (re.test(hay)) {
    const end = re.lastIndex + base;
    const last = t.charCodeAt(end - 1);
    const p = end - (last === 45 ? 5 : last === 107 ? 11 : 6);
    if (p >= to) break;
    // Every anchor position counts, also overlapping ones, so the set does not depend on where a scan starts.
    re.lastIndex = p + 1 - base;
    let h: Hit;
    if (last === 45) h = matchX(c, p);
    else if (last === 107) h = matchHook(c, p);
    else h = matchSecret(c, p + 1);
    if (h) {
      if (out.length && h.start < out[out.length - 1].start) sorted = false;
      out.push(toFinding(h));
    }
  }
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
 * Raw findings (no suppression) of the whole text: sorted, non-overlapping. `loose` also reports
 * tokens glued to their neighbours, which detection passes over but redaction must not.
 */
export function scanRange(t: string, loose = false): Finding[] {
  return resolveOverlaps(candidates(t, 0, t.length, loose));
}
