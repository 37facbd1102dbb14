// The arguments every quick-fix command takes, and how a command finds the token they point at.
// Commands carry the document and range, never the token: the token is read back from the
// document and checked to still be a credential before anything is done with it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { classifyToken, credentialOfSpan, fingerprint, kindInfo } from '../../core/detect';
import type { Finding, KindId, KindInfo } from '../../core/detect/types';
import { proposeEnvVarName } from '../../core/references';
import { UserError } from '../run-command';
import type { TokenStore } from '../vault/token-store';

type PositionLike = { line: number; character: number };
type RangeLike = { start: PositionLike; end: PositionLike } | [PositionLike, PositionLike];

export interface TokenLocationArgs {
  uri: vscode.Uri | string;
  range: vscode.Range | RangeLike;
  /** The kind the diagnostic reported (needed for signing/client secrets, which have no prefix). */
  kind?: KindId;
}

export interface TokenAt {
  doc: vscode.TextDocument;
  range: vscode.Range;
  start: number;
  end: number;
  /** The credential itself (for a split or base64-encoded one, joined or decoded). */
  token: string;
  /** The text of the range as it stands in the document (the token, or its split or encoded form). */
  span: string;
  finding: Finding;
  info: KindInfo;
}

export function toUri(u: vscode.Uri | string): vscode.Uri {
  return typeof u === 'string' ? vscode.Uri.parse(u) : u;
}

export function toRange(r: vscode.Range | RangeLike): vscode.Range {
  if (r instanceof vscode.Range) return r;
  const [s, e] = Array.isArray(r) ? r : [r.start, r.end];
  return new vscode.Range(s.line, s.character, e.line, e.character);
}

export function locationArgs(doc: vscode.TextDocument, range: vscode.Range, kind?: KindId): TokenLocationArgs {
  return { uri: doc.uri, range, kind };
}

/** Reads the token the arguments point at; a UserError when it is no longer there. */
export async function tokenAt(args: TokenLocationArgs | undefined): Promise<TokenAt> {
  if (!args?.uri || !args.range) {
    throw new UserError(vscode.l10n.t('Use this from the lightbulb on a Slack token in the editor.'), [], 'info');
  }
  const doc = await vscode.workspace.openTextDocument(toUri(args.uri));
  const range = doc.validateRange(toRange(args.range));
  const span = doc.getText(range);
  const finding = classifyToken(span, args.kind);
  if (!finding || span !== span.trim()) {
    throw new UserError(vscode.l10n.t('There is no Slack token at this place any more: the document changed. Try the lightbulb again.'), [], 'warning');
  }
  const token = credentialOfSpan(span, finding.form);
  return { doc, range, start: doc.offsetAt(range.start), end: doc.offsetAt(range.end), token, span, finding, info: kindInfo(finding.kind) };
}

/**
 * What TokenStore.add is given for a token: signing and client secrets carry no prefix, so they
 * are recognised only with their key, as a user would paste them (`SLACK_SIGNING_SECRET=…`).
 */
export function storeInput(token: string, kind: KindId): string {
  return kind === 'signing-secret' || kind === 'client-secret' ? `${kindInfo(kind).envVar}=${token}` : token;
}

/** How far back to look for the key or variable a token is assigned to. */
const CONTEXT_CHARS = 400;

/**
 * The environment variable a token at `start` of `text` should become: the name it already has in
 * the vault, else one taken from the key or variable it is assigned to, else its kind's name.
 * Move to Secret Storage and safe paste both use it, so both name a token alike.
 */
export function proposeEnvVarFor(store: TokenStore, token: string, kind: KindId, text: string, start: number): string {
  const existing = store.findByFingerprint(fingerprint(token));
  if (existing?.envVar) return existing.envVar;
  return proposeEnvVarName(text.slice(Math.max(0, start - CONTEXT_CHARS), start), kindInfo(kind).envVar);
}

/** The label a token stored from a file gets: its variable and the file it came from. */
export function storedLabel(envVar: string, uri: vscode.Uri): string {
  return `${envVar} (${path.basename(uri.path) || uri.path})`;
}
