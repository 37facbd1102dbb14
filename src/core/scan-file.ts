// Reads one file and runs the detector over it: the CLI's worker threads and main thread, and the
// editor's workspace scan, share it so both report the same findings for the same file. Line and
// column are computed only for files that have findings.
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { credentialText, fingerprint, scanText } from './detect';
import type { Confidence, CredentialForm, Finding, KindId } from './detect/types';
import { mask } from './redact';

export interface FileScanOptions {
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Carry the raw token back to the main thread (only with --show-secrets). */
  showSecrets: boolean;
  /** Honour `slack-token-guard:ignore` comments (the default). */
  inlineIgnore: boolean;
}

/** One finding located in a file, as the CLI and the workspace scan report it. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface LocatedFinding {
  kind: KindId;
  confidence: Confidence;
  legacy: boolean;
  line: number;
  column: number;
  endLine: number;
  /** Exclusive: the column just after the credential's last code unit (as SARIF's endColumn). */
  endColumn: number;
  fingerprint: string;
  masked: string;
  /** Present when the credential is split across literals or base64-encoded. */
  form?: CredentialForm;
  /** The token itself, present only when the user asked for --show-secrets. */
  secret?: string;
  /** The credential is in the file's (or folder's) name, not its content: line and columns are 0. */
  inName?: boolean;
}

export type FileStatus = 'scanned' | 'binary' | 'too-large' | 'unreadable' | 'vanished' | 'not-a-file';

export interface FileOutcome {
  status: FileStatus;
  /** Bytes read (0 when skipped). */
  bytes: number;
  /** File size on disk when known (reported for oversized files). */
  size?: number;
  findings: LocatedFinding[];
  /** One-line reason for 'unreadable'. */
  error?: string;
}

/** Git's rule for "binary": a NUL byte in the first 8000-odd bytes. */
const BINARY_SNIFF_BYTES = 8192;

/** Reused read buffer: avoids a fresh large allocation per file. */
let scratch = Buffer.allocUnsafe(1 << 20);

/**
 * Decodes file bytes the way an editor shows them: UTF-8 (a BOM is dropped so that columns match
 * the editor's), or UTF-16 when the file starts with a UTF-16 BOM. Returns undefined for binary data.
 */
export function decodeText(buf: Buffer, length = buf.length): string | undefined {
  if (length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2, length - (length % 2));
  if (length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const even = length - (length % 2);
    const swapped = Buffer.from(buf.subarray(2, even)).swap16();
    return swapped.toString('utf16le');
  }
  const sniff = Math.min(length, BINARY_SNIFF_BYTES);
  if (buf.subarray(0, sniff).indexOf(0) !== -1) return undefined;
  const start = length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // Pure ASCII (most source files): latin1 gives the same string as UTF-8, at a fraction of the
  // cost (a vectorised check, then a plain copy, instead of the byte-by-byte UTF-8 decoder).
  return isAscii(buf.subarray(start, length)) ? buf.toString('latin1', start, length) : buf.toString('utf8', start, length);
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

/** One file read and decoded as text, or why it was not. */
export interface FileText {
  status: FileStatus;
  bytes: number;
  size?: number;
  /** Present when status is 'scanned'. */
  text?: string;
  error?: string;
}

/**
 * Reads a file as the scan does (size limit, binary sniff, BOMs), for callers that need its text:
 * the scan itself and the migration plan.
 */
export function readFileText(file: string, maxFileSize: number): FileText {
  let fd: number;
  try {
    // Non-blocking: a FIFO put where a listed file was must not hang the scan in open() (fstat then says "not a file").
    // No follow: a file swapped for a symbolic link after the listing is not read through it (ELOOP).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = errorCode(e);
    // A file deleted between the folder listing and the read is not an error of the scan.
    if (code === 'ENOENT') return { status: 'vanished', bytes: 0 };
    if (code === 'EISDIR' || code === 'ELOOP') return { status: 'not-a-file', bytes: 0 };
    return { status: 'unreadable', bytes: 0, error: code ?? String(e) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { status: 'not-a-file', bytes: 0 };
    const size = st.size;
    if (size > maxFileSize) return { status: 'too-large', bytes: 0, size };
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    let n = 0;
    while (n < size) {
      const r = fs.readSync(fd, scratch, n, size - n, n);
      if (r === 0) break;
      n += r;
    }
    const text = decodeText(scratch, n);
    if (text === undefined) return { status: 'binary', bytes: n };
    return { status: 'scanned', bytes: n, text };
  } catch (e) {
    return { status: 'unreadable', bytes: 0, error: errorCode(e) ?? String(e) };
  } finally {
    fs.closeSync(fd);
  }
}

export function scanFile(file: string, opts: FileScanOptions): FileOutcome {
  // Fields copied by hand: an object rest/spread per file cost more than the read of a small file.
  const read = readFileText(file, opts.maxFileSize);
  const out: FileOutcome = { status: read.status, bytes: read.bytes, findings: read.text === undefined ? [] : scanContent(read.text, opts) };
  if (read.size !== undefined) out.size = read.size;
  if (read.error !== undefined) out.error = read.error;
  return out;
}

/** Runs the detector over a text and turns offsets into 1-based lines and columns. */
export function scanContent(text: string, opts: Pick<FileScanOptions, 'showSecrets' | 'inlineIgnore'>): LocatedFinding[] {
  const found = scanText(text, opts.inlineIgnore ? undefined : { ignoreComments: false });
  if (found.length === 0) return [];
  const offsets: number[] = [];
  for (const f of found) offsets.push(f.start, f.end);
  const pos = positionsOf(text, offsets);
  return found.map((f, i) => located(f, credentialText(text, f), pos[2 * i], pos[2 * i + 1], opts.showSecrets));
}

/**
 * Credentials in one file or folder name: a token in a name leaks wherever the name goes (listings,
 * logs, reports, commits). They carry `inName` and line 0, column 0: they are nowhere in the content.
 */
export function scanName(name: string, opts: Pick<FileScanOptions, 'showSecrets'>): LocatedFinding[] {
  const none = { line: 0, column: 0 };
  return scanText(name, { ignoreComments: false }).map((f) => ({ ...located(f, credentialText(name, f), none, none, opts.showSecrets), inName: true }));
}

type Position = { line: number; column: number };

function located(f: Finding, token: string, from: Position, to: Position, showSecrets: boolean): LocatedFinding {
  const out: LocatedFinding = {
    kind: f.kind,
    confidence: f.confidence,
    legacy: f.legacy,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    fingerprint: fingerprint(token),
    masked: mask(token),
  };
  if (f.form) out.form = f.form;
  if (showSecrets) out.secret = token;
  return out;
}

/** Whether a path holds anything redact() would mask (glued forms included): the cheap test before any per-name work. */
export function pathHoldsCredential(p: string): boolean {
  return scanText(p, { ignoreComments: false, glued: true }).length > 0;
}

/**
 * 1-based line and column (UTF-16 code units) of each offset; `offsets` must be ascending. A line
 * ends at `\n`, `\r\n` or a lone `\r`, as in VS Code and SARIF. Line breaks are found with
 * indexOf (a native search, several times faster than a regular expression over the text), and
 * work stops at the last offset.
 */
export function positionsOf(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  if (offsets.length === 0) return [];
  let cr = text.indexOf('\r');
  // No CR before the last offset (most files): only LF ends a line up to there, one indexOf per line.
  if (cr === -1 || cr >= offsets[offsets.length - 1]) return positionsLf(text, offsets);
  let line = 1;
  let lineStart = 0;
  let lf = text.indexOf('\n');
  const out: { line: number; column: number }[] = [];
  for (const o of offsets) {
    for (;;) {
      let brk: number;
      let len = 1;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        brk = cr;
        if (lf === cr + 1) len = 2;
      } else if (lf !== -1) {
        brk = lf;
      } else break;
      if (brk + len > o) break;
      line++;
      lineStart = brk + len;
      if (brk === cr) cr = text.indexOf('\r', cr + 1);
      if (brk + len - 1 === lf) lf = text.indexOf('\n', lf + 1);
    }
    out.push({ line, column: o - lineStart + 1 });
  }
  return out;
}

/** positionsOf for a text with no CR before its last offset. */
function positionsLf(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  let line = 1;
  let lineStart = 0;
  let lf = text.indexOf('\n');
  const out: { line: number; column: number }[] = [];
  for (const o of offsets) {
    while (lf !== -1 && lf < o) {
      line++;
      lineStart = lf + 1;
      lf = text.indexOf('\n', lineStart);
    }
    out.push({ line, column: o - lineStart + 1 });
  }
  return out;
}
