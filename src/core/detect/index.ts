// The detector's public entry points. Pure TypeScript over strings: offsets in, offsets out.
import { Buffer } from 'node:buffer';
import * as crypto from 'node:crypto';
import { KINDS, KIND_IDS, GUIDES, kindInfo } from './kinds';
import { isPlaceholderSecret } from './placeholder';
import { decodeBase64Span, joinSplit, scanRange, splitSpanQuotes } from './scan';
import { applySuppression, markersFor, suppressedRanges, IGNORE_MARKER, IGNORE_NEXT_LINE_MARKER } from './suppress';
import type { CredentialForm, Finding, KindId } from './types';

export type { Finding, KindId, KindInfo, Confidence, CredentialForm, RevokeRoute, TextChange } from './types';
export { KINDS, KIND_IDS, GUIDES, kindInfo, IGNORE_MARKER, IGNORE_NEXT_LINE_MARKER };
export { IncrementalScan } from './incremental';

export interface ScanOptions {
  /** Honour `slack-token-guard:ignore` comments (default true). `false` reports every credential. */
  ignoreComments?: boolean;
  /**
   * Also report tokens glued to an identifier or an escape (`tok_xoxb-…`, `\u0022xoxb-…`), which a
   * scan for findings passes over as parts of longer words. For redaction only (default false).
   */
  glued?: boolean;
}

/** Every credential in `text`: sorted by start, non-overlapping, suppression comments applied. */
export function scanText(text: string, opts?: ScanOptions): Finding[] {
  const raw = scanRange(text, opts?.glued === true);
  if (opts?.ignoreComments === false || raw.length === 0) return raw;
  return applySuppression(raw, suppressedRanges(text, markersFor(text, raw)));
}

const SECRET_KINDS: ReadonlySet<KindId> = new Set<KindId>(['signing-secret', 'client-secret']);

/**
 * The credential a finding's span holds: the span itself, or for a split token the contents of its
 * literals joined, for a base64 one the decoded credential. What the vault stores and fingerprints.
 */
export function credentialText(text: string, f: Pick<Finding, 'start' | 'end' | 'form'>): string {
  return credentialOfSpan(text.slice(f.start, f.end), f.form);
}

export function credentialOfSpan(span: string, form: CredentialForm | undefined): string {
  if (form === 'split') return joinSplit(span);
  if (form === 'base64') return decodeBase64Span(span);
  return span;
}

/** Words a message adds after a kind's label for a credential written in another form ('' for a plain one). */
export function formNote(form: CredentialForm | undefined): string {
  if (form === 'base64') return 'base64-encoded';
  if (form === 'split') return 'split across string literals';
  return '';
}

/**
 * A split span (`xoxb-" + "…`, `` xoxb-${"…"}… ``) read back on its own: the quotes its literals
 * need (and an f-string's `f`) put around it again.
 */
function classifySplitSpan(v: string): Finding | undefined {
  const qs = splitSpanQuotes(v);
  if (!qs) return undefined;
  const head = (qs[2] ? 'f' : '') + String.fromCharCode(qs[0]);
  const w = head + v + String.fromCharCode(qs[1]);
  const found = scanRange(w);
  if (found.length === 1 && found[0].start === head.length && found[0].end === w.length - 1 && found[0].form === 'split') {
    return { ...found[0], start: 0, end: v.length };
  }
  return undefined;
}

/**
 * Is the whole trimmed `value` exactly one credential? Signing and client secrets carry no prefix, so
 * a bare 32-hex value is classified only when `secretKind` says which of the two it is.
 */
export function classifyToken(value: string, secretKind?: KindId): Finding | undefined {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048) return undefined;
  const found = scanRange(v);
  if (found.length === 1 && found[0].start === 0 && found[0].end === v.length) return found[0];
  // A split span may hold a credential of its own in a later literal (`https" + "://hooks…`).
  const split = classifySplitSpan(v);
  if (split) return split;
  if (secretKind && SECRET_KINDS.has(secretKind)) {
    const encoded = /^[A-Za-z0-9+/]{43}=$/.test(v);
    const plain = encoded ? Buffer.from(v, 'base64').toString('latin1') : v;
    if (/^[0-9a-f]{32}$/.test(plain) && !isPlaceholderSecret(plain)) {
      const info = KINDS[secretKind];
      const f: Finding = { kind: secretKind, start: 0, end: v.length, confidence: info.confidence, legacy: info.legacy };
      if (encoded) f.form = 'base64';
      return f;
    }
  }
  return undefined;
}

export type NormalizeResult = { ok: true; token: string; kind: KindId } | { ok: false; reason: string };

function unquote(s: string): string {
  let v = s.trim();
  for (let i = 0; i < 3; i++) {
    const m = /^(["'`])([\s\S]*)\1[;,]?$/.exec(v);
    if (!m) break;
    v = m[2].trim();
  }
  return v.replace(/[;,]$/, '').trim();
}

/** A webhook copied out of JSON (`https:\/\/…`) or a query string (`https%3A%2F%2F…`) becomes the working URL. */
function plainUrl(token: string): string {
  if (!/hooks\.slack/.test(token)) return token;
  const unescaped = token.replace(/\\\//g, '/');
  return /%2f/i.test(unescaped) ? unescaped.replace(/%3a/gi, ':').replace(/%2f/gi, '/') : unescaped;
}

/**
 * Turns whatever a user pasted (quotes, whitespace, `Bearer …`, `Authorization: Bearer …`,
 * `KEY=value`, `export KEY=value`, `"key": "value"`) into one credential. The reason never
 * contains the input.
 */
export function normalizePastedToken(input: string): NormalizeResult {
  const raw = (input ?? '').trim();
  if (raw.length === 0) return { ok: false, reason: 'Nothing was pasted.' };
  if (raw.length > 4096) return { ok: false, reason: 'The pasted text is too long to be one token.' };
  // Secrets are recognised through their key (SLACK_SIGNING_SECRET=…), so scan the whole input first.
  const found = scanRange(raw);
  if (found.length > 1) return { ok: false, reason: `The pasted text holds ${found.length} credentials; paste one at a time.` };
  if (found.length === 1) {
    const f = found[0];
    return { ok: true, token: plainUrl(credentialOfSpan(raw.slice(f.start, f.end), f.form)), kind: f.kind };
  }
  let v = unquote(raw);
  v = v.replace(/^export\s+/, '');
  const kv = /^["']?([A-Za-z_][\w.-]*)["']?\s*(?:=|:)\s*([\s\S]+)$/.exec(v);
  if (kv && !/^https?$/i.test(kv[1])) v = unquote(kv[2]);
  v = v.replace(/^authorization\s*:\s*/i, '').replace(/^bearer\s+/i, '');
  v = unquote(v);
  const one = classifyToken(v);
  if (one) return { ok: true, token: v, kind: one.kind };
  if (/^[0-9a-fA-F]{32}$/.test(v)) {
    return {
      ok: false,
      reason: 'A 32-character hex value may be a signing secret or a client secret: paste it with its name, e.g. SLACK_SIGNING_SECRET=… or SLACK_CLIENT_SECRET=….',
    };
  }
  if (/^(xox[a-z]|xoxe\.xox[a-z]|xapp|xwfp)-/.test(v) || /hooks\.slack(-gov)?\.com/.test(v)) {
    return { ok: false, reason: 'This looks like a placeholder or an incomplete Slack token, not a real one.' };
  }
  return { ok: false, reason: 'This is not a Slack token, webhook URL or secret that Slack Token Guard recognises.' };
}

/**
 * Stable, non-reversible id of a credential for baselines and ignore lists:
 * `stg1:` + the first 32 hex digits of SHA-256 over the token's UTF-8 bytes.
 */
export function fingerprint(token: string): string {
  return 'stg1:' + sha256Hex(token).slice(0, 32);
}

/**
 * SHA-256 of a string's UTF-8 bytes, in hex. crypto.hash (Node 20.12+) is a one-shot call; a Hash
 * object per finding cost several times more (measured on the bench corpus). Older Node: createHash.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (s: string) => string = typeof oneShot === 'function' ? (s) => oneShot('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
