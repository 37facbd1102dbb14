// Test (auth.test) one token or all of them. A check that could not reach a verdict (rate limit,
// timeout, Slack error) leaves the stored status untouched: unknown never marks a token dead.
import * as vscode from 'vscode';
import { KINDS } from '../../../core/detect';
import type { UnknownReason } from '../../../core/slack';
import { Commands } from '../../ids';
import { UserError } from '../../run-command';
import { clientFor, confirmNetworkAction, describeIdentity, patchForTestResult, type TrustOptions } from '../slack-service';
import type { StoredToken } from '../token-store';
import { resolveToken, secretOf, type TokenArg, type VaultDeps } from './target';

export interface TestTokenOptions extends TrustOptions {
  /** No notification (Test All reports once at the end). */
  quiet?: boolean;
}

export interface TestTokenResult {
  id: string;
  status: 'valid' | 'invalid' | 'unknown';
  /** The entry after the check (unchanged for unknown). */
  token: StoredToken;
  message: string;
  legacy?: boolean;
  scopes?: string[];
  reason?: UnknownReason;
  retryAfter?: number;
}

export function isTestable(t: StoredToken): boolean {
  return KINDS[t.kind]?.testable ?? false;
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
export async function testToken(deps: VaultDeps, arg?: TokenArg, options: TestTokenOptions = {}, trustConfirmed = false): Promise<TestTokenResult> {
  const { store, logger } = deps;
  const t = await resolveToken(store, arg, { title: vscode.l10n.t('Test which token?'), filter: isTestable });
  if (!isTestable(t)) {
    throw new UserError(
      vscode.l10n.t('“{0}” is a {1}: Slack has no API to check it (only tokens can be checked with auth.test).', t.label, KINDS[t.kind]?.label ?? t.kind),
      [],
      'info',
    );
  }
  const client = clientFor(t.endpoint, logger);
  if (!trustConfirmed) await confirmNetworkAction([client.endpoint], options);
  const secret = await secretOf(store, t);
  const result = await client.authTest(secret);
  const patch = patchForTestResult(result);
  const updated = patch ? await store.update(t.id, patch) : t;
  logger.info(`test ${t.masked}: ${result.status}`);

  let message: string;
  if (result.status === 'valid') {
    message = vscode.l10n.t('“{0}” is valid: {1}.', updated.label, describeIdentity(updated));
    if (result.legacy) message = `${legacyExplanation(updated)} ${message}`;
  } else {
    message = vscode.l10n.t('“{0}”: {1}', t.label, result.message);
  }
  if (!options.quiet) {
    if (result.status === 'valid' && result.legacy) {
      const guide = vscode.l10n.t('Open Migration Guide');
      void vscode.window.showWarningMessage(message, guide).then((picked) => {
        if (picked === guide) void vscode.commands.executeCommand(Commands.openMigrationGuide, t.id);
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
    legacy: result.status === 'valid' ? result.legacy : undefined,
    scopes: result.status === 'valid' ? result.scopes : undefined,
    reason: result.status === 'unknown' ? result.reason : undefined,
    retryAfter: result.status === 'unknown' ? result.retryAfter : undefined,
  };
}

export interface TestAllOptions extends TrustOptions {
  /** Cancels the run between tokens (tests pass their own; the progress notification has one too). */
  cancellation?: vscode.CancellationToken;
}

export interface TestAllResult {
  results: { id: string; status: 'valid' | 'invalid' | 'unknown' }[];
  cancelled: boolean;
  /** Slack rate limited us: the remaining tokens were not tried (no retry storm). */
  stoppedByRateLimit: boolean;
  message: string;
}

export async function testAllTokens(deps: VaultDeps, options: TestAllOptions = {}): Promise<TestAllResult> {
  const targets = deps.store.list().filter(isTestable);
  if (targets.length === 0) {
    throw new UserError(vscode.l10n.t('There is no stored token that can be tested.'), [], 'info');
  }
  await confirmNetworkAction(
    targets.map((t) => t.endpoint),
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
