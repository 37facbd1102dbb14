// Revoke (auth.revoke): a modal that says exactly what will happen, an optional dry run (test=1), the
// real call, then an offer to remove the token from the vault and to find where it still appears.
// Kinds Slack cannot revoke by API get directions to the right settings page instead.
import * as vscode from 'vscode';
import { KINDS } from '../../../core/detect';
import type { RevokeRoute } from '../../../core/detect/types';
import type { InvalidResult, UnknownResult } from '../../../core/slack';
import { callerConfirmationText, confirmCaller, workspaceLabel } from '../../caller';
import { confirmIrreversible, irreversibleButtons } from '../../confirm';
import { Commands } from '../../ids';
import { Cancelled } from '../../run-command';
import { clientFor, confirmNetworkAction, type TrustOptions } from '../slack-service';
import type { StoredToken } from '../token-store';
import { resolveToken, secretOf, type TokenArg, type VaultDeps } from './target';

export const SLACK_APPS_URL = 'https://api.slack.com/apps';

export interface RevokeOptions extends TrustOptions {
  /** The modal's answer: true = revoke, false = cancel. Without it the modal asks. */
  confirm?: boolean;
  /** Only the dry run (test=1): nothing is revoked. */
  dryRun?: boolean;
  /** After a successful revoke, remove the token from the vault without asking. */
  remove?: boolean;
}

export type RevokeOutcome = 'revoked' | 'dry-run-ok' | 'already-dead' | 'unknown' | 'not-by-api' | 'cancelled';

export interface RevokeTokenResult {
  id: string;
  outcome: RevokeOutcome;
  message: string;
  /** The entry afterwards (undefined when removed). */
  token?: StoredToken;
  removed: boolean;
  route?: RevokeRoute;
}

/** The modal's text: what revoking this token does. Exported so tests can check it without a modal. */
export function revokeConfirmationText(t: StoredToken): { message: string; detail: string } {
  const isBot = t.kind === 'bot' || t.kind === 'bot-legacy' || !!t.botId;
  const message = vscode.l10n.t('Revoke “{0}” ({1}) at Slack?', t.label, t.masked);
  const what = isBot
    ? vscode.l10n.t(
        'Revoking a bot token deactivates the bot user{0}: it leaves every channel it is in, and every program using this token stops working at once.',
        t.user ? ` @${t.user}` : '',
      )
    : vscode.l10n.t(
        'The token stops working at once{0}: every script or integration using it fails until it gets a new token.',
        t.user ? vscode.l10n.t(' for {0}', t.user) : '',
      );
  const detail = `${what} ${vscode.l10n.t('This cannot be undone. A dry run (test=1) checks that Slack would accept the revoke without revoking.')}`;
  return { message, detail };
}

/** The revoke modal's buttons as VS Code receives them: the first (Enter) keeps the token. */
export function revokeButtons(): string[] {
  return irreversibleButtons(vscode.l10n.t("Don't Revoke"), [vscode.l10n.t('Revoke'), vscode.l10n.t('Dry Run First')]);
}

/** Where to revoke a credential Slack cannot revoke through auth.revoke. */
export function revokeElsewhereText(t: StoredToken, route: RevokeRoute): string {
  const kind = KINDS[t.kind]?.label ?? t.kind;
  switch (route) {
    case 'webhook-settings':
      return t.kind === 'webhook'
        ? vscode.l10n.t('Slack cannot revoke a {0} through the API. Open your app at api.slack.com/apps → Incoming Webhooks and remove this webhook (or remove the integration that created it).', kind)
        : vscode.l10n.t('Slack cannot revoke a {0} through the API. Delete or unpublish the workflow (Workflow Builder), or regenerate its link, to stop it working.', kind);
    case 'app-settings':
      return t.kind === 'app'
        ? vscode.l10n.t('Slack cannot revoke an app-level token through the API. Open your app at api.slack.com/apps → Basic Information → App-Level Tokens and revoke it there.')
        : vscode.l10n.t('A {0} cannot be revoked, only regenerated: open your app at api.slack.com/apps → Basic Information → App Credentials and regenerate it.', kind);
    case 'browser-session':
      return vscode.l10n.t('A {0} belongs to a browser session: sign out of that session (Slack → your profile → Sign out, or "Sign out of all other sessions" in account settings) to end it.', kind);
    case 'expires':
      return vscode.l10n.t('A {0} expires on its own within minutes; there is nothing to revoke.', kind);
    case 'api':
      return '';
  }
}

export async function revokeToken(deps: VaultDeps, arg?: TokenArg, options: RevokeOptions = {}): Promise<RevokeTokenResult> {
  const { store, logger } = deps;
  const t = await resolveToken(store, arg, { title: vscode.l10n.t('Revoke which token?'), filter: (x) => x.status !== 'revoked' });
  const route = KINDS[t.kind]?.revoke ?? 'api';
  if (route !== 'api') {
    const message = revokeElsewhereText(t, route);
    const open = vscode.l10n.t('Open App Settings');
    const buttons = route === 'webhook-settings' || route === 'app-settings' ? [open] : [];
    void vscode.window.showInformationMessage(message, ...buttons).then((picked) => {
      if (picked === open) void vscode.env.openExternal(vscode.Uri.parse(SLACK_APPS_URL));
    });
    return { id: t.id, outcome: 'not-by-api', message, token: t, removed: false, route };
  }

  let dryRunFirst = options.dryRun === true;
  if (options.confirm === false) return { id: t.id, outcome: 'cancelled', message: '', token: t, removed: false, route };
  // A dry run skips the revoke modal, but still sends the token to Slack: another caller asks first.
  if (options.dryRun === true) await confirmCaller(arg, () => callerConfirmationText('dry-run', t, workspaceLabel()), options.confirm);
  if (options.confirm === undefined && options.dryRun === undefined) {
    const { message, detail } = revokeConfirmationText(t);
    const [keep, revoke, dry] = revokeButtons();
    const picked = await confirmIrreversible(message, detail, keep, [revoke, dry]);
    if (picked === undefined) throw new Cancelled();
    dryRunFirst = picked === dry;
  }

  const client = clientFor(t.endpoint, logger);
  await confirmNetworkAction([client.endpoint], options);
  const secret = await secretOf(store, t);

  if (dryRunFirst) {
    const dry = await client.authRevoke(secret, { dryRun: true });
    logger.info(`revoke dry run ${t.masked}: ${dry.status}`);
    if (dry.status !== 'valid') return afterFailure(deps, t, dry);
    const okMessage = vscode.l10n.t('Dry run: Slack would revoke “{0}”. Nothing was revoked.', t.label);
    if (options.dryRun === true) {
      void vscode.window.showInformationMessage(okMessage);
      return { id: t.id, outcome: 'dry-run-ok', message: okMessage, token: t, removed: false, route };
    }
    const [keep, revoke] = revokeButtons();
    const picked = await confirmIrreversible(okMessage, revokeConfirmationText(t).detail, keep, [revoke]);
    if (picked !== revoke) throw new Cancelled();
  }

  const result = await client.authRevoke(secret, { dryRun: false });
  logger.info(`revoke ${t.masked}: ${result.status}`);
  if (result.status !== 'valid') return afterFailure(deps, t, result);
  if (!result.revoked) {
    const message = vscode.l10n.t('Slack answered but did not confirm that “{0}” was revoked. Test it to see its state.', t.label);
    void vscode.window.showWarningMessage(message);
    return { id: t.id, outcome: 'unknown', message, token: t, removed: false, route };
  }
  const updated = await store.update(t.id, {
    status: 'revoked',
    statusDetail: vscode.l10n.t('Revoked from VS Code.'),
    checkedAt: new Date().toISOString(),
  });
  const message = vscode.l10n.t('“{0}” is revoked: it no longer works at Slack.', t.label);
  if (options.remove) {
    await store.remove(t.id);
    void vscode.window.showInformationMessage(message);
    return { id: t.id, outcome: 'revoked', message, removed: true, route };
  }
  offerFollowUps(deps, t, message);
  return { id: t.id, outcome: 'revoked', message, token: updated, removed: false, route };
}

function offerFollowUps(deps: VaultDeps, t: StoredToken, message: string): void {
  const remove = vscode.l10n.t('Remove from Vault');
  const find = vscode.l10n.t('Find in Workspace');
  void vscode.window.showInformationMessage(message, remove, find).then(async (picked) => {
    if (picked === remove) await deps.store.remove(t.id);
    if (picked === find) await vscode.commands.executeCommand(Commands.scanWorkspace);
  });
}

async function afterFailure(deps: VaultDeps, t: StoredToken, failure: InvalidResult | UnknownResult): Promise<RevokeTokenResult> {
  const reason = failure.message;
  if (failure.status === 'invalid') {
    // Already dead: record it, so the tree stops offering to revoke it.
    const updated = await deps.store.update(t.id, {
      status: failure.error === 'token_revoked' ? 'revoked' : 'invalid',
      statusDetail: reason,
      checkedAt: new Date().toISOString(),
    });
    const message = vscode.l10n.t('Nothing to revoke: {0}', reason);
    void vscode.window.showInformationMessage(message);
    return { id: t.id, outcome: 'already-dead', message, token: updated, removed: false, route: 'api' };
  }
  const message = vscode.l10n.t('“{0}” was not revoked: {1}', t.label, reason);
  void vscode.window.showWarningMessage(message);
  return { id: t.id, outcome: 'unknown', message, token: t, removed: false, route: 'api' };
}
