// Test one token or all of them, each the way its kind allows (auth.test, apps.connections.open for
// app-level tokens, the d cookie for browser sessions, a probe that posts nothing for webhooks). A
// check that could not reach a verdict (rate limit, timeout, Slack error) leaves the stored status
// untouched: unknown never marks a token dead.
import * as vscode from 'vscode';
import { KINDS } from '../../../core/detect';
import type { UnknownReason } from '../../../core/slack';
import { callerConfirmationText, confirmCaller, testAllCallerText, vouched, workspaceLabel } from '../../caller';
import { Commands } from '../../ids';
import { UserError } from '../../run-command';
import { checkDestination, checkStoredEntry, clientFor, PROBED_KINDS, confirmNetworkAction, describeIdentity, isCheckableKind, patchForCheck, type KindCheckDeps, type TrustOptions } from '../slack-service';
import type { StoredToken } from '../token-store';
import { isViewNode } from '../tree';
import { resolveToken, secretOf, type TokenArg, type VaultDeps } from './target';

/** The vault's dependencies plus the test host's webhook-probe redirect (see registerVault). */
export type TestDeps = VaultDeps & Pick<KindCheckDeps, 'probeOrigin'>;

export interface TestTokenOptions extends TrustOptions {
  /** No notification (Test All reports once at the end). */
  quiet?: boolean;
  /** The answer to "test, asked from outside?" (an id the caller named); without it the modal asks. */
  confirm?: boolean;
}

export interface TestTokenResult {
  id: string;
  status: 'valid' | 'invalid' | 'unknown';
  /** The entry after the check (unchanged for unknown). */
  token: StoredToken;
  message: string;
  legacy?: boolean;
  scopes?: string[];
  /** Why the check could not decide; `needs-cookie`: a session token without a d cookie in the vault (nothing was sent). */
  reason?: UnknownReason | 'needs-cookie';
  retryAfter?: number;
}

export function isTestable(t: StoredToken): boolean {
  return isCheckableKind(t.kind);
}

/** What a legacy token means, in plain words. */
export function legacyExplanation(t: StoredToken): string {
  return vscode.l10n.t(
    '“{0}” is a legacy token: it acts as {1} with full access to everything they can see and do in {2}, Slack no longer issues such tokens, and it may stop working. Replace it with a Slack app token that holds only the scopes it needs, then revoke it.',
    t.label,
    t.user ?? vscode.l10n.t('its user'),
    t.team ?? vscode.l10n.t('the workspace'),
  );
}

/** `trustConfirmed` is for Test All, which asks once for every token (not reachable from the command). */
export async function testToken(deps: TestDeps, arg?: TokenArg, options: TestTokenOptions = {}, trustConfirmed = false): Promise<TestTokenResult> {
  const { store, logger } = deps;
  const t = await resolveToken(store, arg, { title: vscode.l10n.t('Test which token?'), filter: isTestable });
  if (!isTestable(t)) {
    throw new UserError(
      vscode.l10n.t('“{0}” is a {1}: Slack has no API to check it (only tokens can be checked with auth.test).', t.label, KINDS[t.kind]?.label ?? t.kind),
      [],
      'info',
    );
  }
  // Only the user sends a token to Slack: an id or object another caller named asks first. A node of
  // the Tokens view does not (its inline Test would ask on every click), though a caller naming the
  // view's item handle gets one too: it learns nothing back (resultForCaller) and the token goes
  // only to its own Slack.
  if (!trustConfirmed && !isViewNode(arg)) await confirmCaller(arg, () => callerConfirmationText('test', t, workspaceLabel()), options.confirm);
  const probed = PROBED_KINDS.has(t.kind);
  // An endpoint that is not allowed is refused before anything is asked or read.
  if (!probed) clientFor(t.endpoint, logger);
  // A probe's confirmation names the webhook's host, which only the URL itself tells.
  const url = probed ? await secretOf(store, t) : undefined;
  if (!trustConfirmed) await confirmNetworkAction([checkDestination(t, url)], options);
  const secret = url ?? (await secretOf(store, t));
  const check = await checkStoredEntry(t, secret, { store, logger, probeOrigin: deps.probeOrigin });
  const result = check.result;
  const patch = patchForCheck(check);
  const updated = patch ? await store.update(t.id, patch) : t;
  logger.info(`test ${t.masked}: ${result.status}${check.kind === 'needs-cookie' ? ' (no d cookie in the vault)' : ''}`);

  const legacy = check.kind === 'auth' && check.result.status === 'valid' ? check.result.legacy : undefined;
  let message: string;
  if (check.kind === 'auth' && check.result.status === 'valid') {
    message = vscode.l10n.t('“{0}” is valid: {1}.', updated.label, describeIdentity(updated));
    if (legacy) message = `${legacyExplanation(updated)} ${message}`;
  } else if (check.kind === 'app' && check.result.status === 'valid') {
    message = check.result.missingScope
      ? vscode.l10n.t('“{0}” is a working app-level token, but it lacks the connections:write scope, so it cannot open Socket Mode connections.', updated.label)
      : vscode.l10n.t('“{0}” is a working app-level token: Slack accepted it for apps.connections.open (no connection was opened).', updated.label);
  } else if (check.kind === 'probe' && check.result.status === 'valid') {
    message = vscode.l10n.t('“{0}” is live: {1}', updated.label, check.result.message);
  } else {
    message = vscode.l10n.t('“{0}”: {1}', t.label, 'message' in result ? result.message : '');
  }
  if (!options.quiet) {
    if (result.status === 'valid' && legacy) {
      const guide = vscode.l10n.t('Open Migration Guide');
      void vscode.window.showWarningMessage(message, guide).then((picked) => {
        if (picked === guide) void vscode.commands.executeCommand(Commands.openMigrationGuide, vouched({ id: t.id }));
      });
    } else if (check.kind === 'needs-cookie') {
      const add = vscode.l10n.t('Add Token');
      void vscode.window.showInformationMessage(message, add).then((picked) => {
        if (picked === add) void vscode.commands.executeCommand(Commands.addToken);
      });
    } else if (result.status === 'valid') {
      void vscode.window.showInformationMessage(message);
    } else {
      void vscode.window.showWarningMessage(message);
    }
  }
  return {
    id: t.id,
    status: result.status,
    token: updated,
    message,
    legacy,
    scopes: result.status === 'valid' && 'scopes' in result ? result.scopes : undefined,
    reason: check.kind === 'needs-cookie' ? 'needs-cookie' : result.status === 'unknown' ? result.reason : undefined,
    retryAfter: result.status === 'unknown' ? result.retryAfter : undefined,
  };
}

export interface TestAllOptions extends TrustOptions {
  /** Cancels the run between tokens (tests pass their own; the progress notification has one too). */
  cancellation?: vscode.CancellationToken;
  /** The answer to "test all, asked from outside?" (options another caller handed over); without it the modal asks. */
  confirm?: boolean;
}

export interface TestAllResult {
  results: { id: string; status: 'valid' | 'invalid' | 'unknown' }[];
  cancelled: boolean;
  /** Slack rate limited us: the remaining tokens were not tried (no retry storm). */
  stoppedByRateLimit: boolean;
  message: string;
}

/** `caller` is the command's argument as it came: options another caller handed over ask first. */
export async function testAllTokens(deps: TestDeps, options: TestAllOptions = {}, caller?: unknown): Promise<TestAllResult> {
  const targets = deps.store.list().filter(isTestable);
  if (targets.length === 0) {
    throw new UserError(vscode.l10n.t('There is no stored token that can be tested.'), [], 'info');
  }
  await confirmCaller(caller, () => testAllCallerText(targets.length, workspaceLabel()), options.confirm);
  await confirmNetworkAction(
    targets.map((t) => checkDestination(t)),
    options,
  );
  const out: TestAllResult = { results: [], cancelled: false, stoppedByRateLimit: false, message: '' };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing Slack tokens'), cancellable: true },
    async (progress, progressToken) => {
      for (const [i, t] of targets.entries()) {
        if (progressToken.isCancellationRequested || options.cancellation?.isCancellationRequested) {
          out.cancelled = true;
          break;
        }
        progress.report({ message: `${i + 1}/${targets.length}: ${t.label}`, increment: 100 / targets.length });
        try {
          const r = await testToken(deps, t.id, { quiet: true }, true);
          out.results.push({ id: t.id, status: r.status });
          if (r.reason === 'ratelimited') {
            out.stoppedByRateLimit = true;
            break;
          }
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          deps.logger.warn(`test all: ${e.message}`);
        }
      }
    },
  );
  const count = (s: string) => out.results.filter((r) => r.status === s).length;
  const legacy = out.results.filter((r) => deps.store.get(r.id)?.legacy).length;
  out.message = vscode.l10n.t(
    'Tested {0} of {1} tokens: {2} valid, {3} invalid or revoked, {4} could not be checked; {5} legacy.',
    out.results.length,
    targets.length,
    count('valid'),
    count('invalid'),
    count('unknown'),
    legacy,
  );
  if (out.stoppedByRateLimit) out.message += ' ' + vscode.l10n.t('Slack is rate limiting requests, so the rest were not tried.');
  if (out.cancelled) out.message += ' ' + vscode.l10n.t('Cancelled.');
  void (count('invalid') || count('unknown') || legacy ? vscode.window.showWarningMessage(out.message) : vscode.window.showInformationMessage(out.message));
  return out;
}
