// "Test this token" / "Revoke this token" on a literal in a document. A literal the vault already
// holds (same fingerprint) goes through the vault's own commands, so its recorded status is kept
// current; any other literal is checked or revoked as it is, through the vault's Slack service.
import * as vscode from 'vscode';
import { fingerprint } from '../../core/detect';
import { mask } from '../../core/redact';
import { confirmIrreversible } from '../confirm';
import { vouched } from '../caller';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { Cancelled, UserError } from '../run-command';
import { revokeButtons, revokeConfirmationText, revokeElsewhereText, revokeTokenValue, testTokenValue, type StoredToken, type TokenStore } from '../vault';
import type { TrustOptions } from '../vault';
import { tokenAt, type TokenLocationArgs } from './token-at';

export interface LiteralArgs extends TokenLocationArgs, TrustOptions {
  /**
   * Which Slack API to ask (must be Slack, GovSlack or a user-level extra endpoint). Defaults to
   * the stored copy's endpoint, else the user is asked: a literal does not say which cloud it is for.
   */
  endpoint?: string;
}

export interface LiteralRevokeArgs extends LiteralArgs {
  /** The modal's answer (test seam): true = revoke, false = cancel. */
  confirm?: boolean;
  /** Only ask Slack whether it would revoke (auth.revoke test=1). */
  dryRun?: boolean;
}

export interface LiteralResult {
  status: 'valid' | 'invalid' | 'unknown' | 'revoked' | 'dry-run-ok' | 'not-by-api' | 'cancelled';
  message: string;
  /** Set when the vault handled it. */
  storedId?: string;
}

/** The untrusted-workspace seam, passed on to the vault's commands and Slack service. */
function trustOf(args: TrustOptions): TrustOptions {
  return { trusted: args.trusted, confirmEndpoint: args.confirmEndpoint };
}

/** A StoredToken-shaped description of a literal, for the vault's wording helpers. */
function describeLiteral(token: string, kind: StoredToken['kind']): StoredToken {
  return {
    id: '',
    label: mask(token),
    kind,
    fingerprint: fingerprint(token),
    masked: mask(token),
    endpoint: '',
    status: 'unchecked',
    addedAt: '',
  };
}

export async function testLiteral(args: LiteralArgs, store: TokenStore, logger: Logger): Promise<LiteralResult> {
  const at = await tokenAt(args);
  if (!at.info.testable) {
    throw new UserError(vscode.l10n.t('A {0} cannot be checked with auth.test: Slack has no API for it.', at.info.label.toLowerCase()), [], 'info');
  }
  const stored = store.findByFingerprint(fingerprint(at.token));
  if (stored) {
    const r = (await vscode.commands.executeCommand(Commands.testToken, vouched({ id: stored.id }), trustOf(args))) as { status: LiteralResult['status']; message: string } | undefined;
    return { status: r?.status ?? 'unknown', message: r?.message ?? '', storedId: stored.id };
  }
  const result = await testTokenValue(at.token, args.endpoint, { logger, trust: trustOf(args) });
  const masked = mask(at.token);
  logger.info(`test literal ${masked}: ${result.status}`);
  let message: string;
  if (result.status === 'valid') {
    const who = [result.identity.team, result.identity.user].filter(Boolean).join(' / ') || vscode.l10n.t('unknown identity');
    message = result.legacy
      ? vscode.l10n.t('{0} is valid and is a LEGACY token ({1}; scopes: {2}): it acts as its user with full access. Move it to Secret Storage, migrate, then revoke it.', masked, who, result.scopes.join(', '))
      : vscode.l10n.t('{0} is valid ({1}; scopes: {2}). It is still a live secret in this file: move it to Secret Storage.', masked, who, result.scopes.join(', ') || '—');
    void vscode.window.showWarningMessage(message);
  } else if (result.status === 'invalid') {
    message = vscode.l10n.t('{0} no longer works at Slack: {1}', masked, result.message);
    void vscode.window.showInformationMessage(message);
  } else {
    message = vscode.l10n.t('Could not check {0}: {1}', masked, result.message);
    void vscode.window.showWarningMessage(message);
  }
  return { status: result.status, message };
}

export async function revokeLiteral(args: LiteralRevokeArgs, store: TokenStore, logger: Logger): Promise<LiteralResult> {
  const at = await tokenAt(args);
  const stored = store.findByFingerprint(fingerprint(at.token));
  if (stored) {
    const options = { confirm: args.confirm, dryRun: args.dryRun, ...trustOf(args) };
    const r = (await vscode.commands.executeCommand(Commands.revokeToken, vouched({ id: stored.id }), options)) as { outcome: string; message: string } | undefined;
    const status = (r?.outcome === 'already-dead' ? 'invalid' : r?.outcome ?? 'cancelled') as LiteralResult['status'];
    return { status, message: r?.message ?? '', storedId: stored.id };
  }
  const described = describeLiteral(at.token, at.finding.kind);
  if (at.info.revoke !== 'api') {
    const message = revokeElsewhereText(described, at.info.revoke);
    void vscode.window.showInformationMessage(message);
    return { status: 'not-by-api', message };
  }
  if (args.confirm === false) return { status: 'cancelled', message: '' };
  if (args.confirm === undefined && args.dryRun === undefined) {
    const { message, detail } = revokeConfirmationText(described);
    const [keep, revoke] = revokeButtons();
    const picked = await confirmIrreversible(message, detail, keep, [revoke]);
    if (picked !== revoke) throw new Cancelled();
  }
  const result = await revokeTokenValue(at.token, { endpoint: args.endpoint, dryRun: args.dryRun === true, logger, trust: trustOf(args) });
  logger.info(`revoke literal ${described.masked}${args.dryRun ? ' (dry run)' : ''}: ${result.status}`);
  if (result.status === 'valid') {
    const message = result.dryRun
      ? vscode.l10n.t('Dry run: Slack would revoke {0}. Nothing was revoked.', described.masked)
      : result.revoked
        ? vscode.l10n.t('{0} is revoked: it no longer works at Slack. Remove it from the file too.', described.masked)
        : vscode.l10n.t('Slack answered but did not confirm that {0} was revoked.', described.masked);
    void vscode.window.showInformationMessage(message);
    return { status: result.dryRun ? 'dry-run-ok' : result.revoked ? 'revoked' : 'unknown', message };
  }
  const message =
    result.status === 'invalid'
      ? vscode.l10n.t('{0} was already dead at Slack: {1}', described.masked, result.message)
      : vscode.l10n.t('Could not revoke {0}: {1}', described.masked, result.message);
  void vscode.window.showWarningMessage(message);
  return { status: result.status, message };
}
