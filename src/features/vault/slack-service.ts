// Glue between the vault and core/slack: builds a client for an allowed endpoint with the user-level
// timeout and the redacting logger, and records what a check found in the token store.
import * as vscode from 'vscode';
import { fingerprint, KINDS } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import {
  COMMERCIAL_ENDPOINT,
  GOV_ENDPOINT,
  createSlackClient,
  endpointLabel,
  normalizeEndpoint,
  probeWebhook,
  SESSION_NEEDS_COOKIE_MESSAGE,
  WEBHOOK_HOSTS,
  type AppTokenResult,
  type AuthTestResult,
  type RevokeResult,
  type SlackClient,
  type UnknownResult,
  type WebhookProbeResult,
} from '../../core/slack';
import type { Logger } from '../logger';
import { Cancelled, UserError } from '../run-command';
import { allowedEndpoints, isAllowedEndpoint, readApiSettings } from './settings';
import type { StoredToken, TokenPatch, TokenStore } from './token-store';

/** A client for one endpoint; refuses endpoints that are not Slack, GovSlack or a user-level extra. */
export function clientFor(endpoint: string, logger?: Logger): SlackClient {
  const r = normalizeEndpoint(endpoint);
  if (!r.ok || !isAllowedEndpoint(r.endpoint)) {
    throw new UserError(
      vscode.l10n.t(
        'The endpoint {0} is not allowed. Tokens are sent only to Slack, GovSlack, or endpoints listed in the user setting slackTokenGuard.api.extraEndpoints.',
        r.ok ? r.endpoint : endpoint.slice(0, 100),
      ),
    );
  }
  return createSlackClient({ endpoint: r.endpoint, timeoutMs: readApiSettings().timeoutMs, logger });
}

/**
 * How a network action learns whether the workspace is trusted. Production reads
 * vscode.workspace.isTrusted; `trusted: false` (a test seam: test hosts run with workspace trust
 * disabled) can only make the check stricter, never skip it.
 */
export interface TrustOptions {
  trusted?: boolean;
  /** The untrusted-workspace confirmation's answer (test seam). Without it a modal asks. */
  confirmEndpoint?: boolean;
}

/** The untrusted-workspace confirmation's text, naming every endpoint the token(s) would go to. */
export function untrustedConfirmationText(endpoints: readonly string[]): { message: string; detail: string } {
  const list = [...new Set(endpoints)].join(', ');
  return {
    message: vscode.l10n.t('This workspace is not trusted. Send the token to {0}?', list),
    detail: vscode.l10n.t(
      'Slack Token Guard is about to send a token over the network to {0}. In an untrusted workspace nothing is sent without your confirmation; tokens only ever go to Slack, GovSlack or endpoints in your user settings.',
      list,
    ),
  };
}

/**
 * In an untrusted workspace, no token leaves the machine without a confirmation that names where
 * it goes; declining throws Cancelled (the command stops quietly, nothing is sent).
 */
export async function confirmNetworkAction(endpoints: readonly string[], options: TrustOptions = {}): Promise<void> {
  const trusted = vscode.workspace.isTrusted && options.trusted !== false;
  if (trusted) return;
  let ok = options.confirmEndpoint;
  if (ok === undefined) {
    const { message, detail } = untrustedConfirmationText(endpoints);
    const send = vscode.l10n.t('Send');
    ok = (await vscode.window.showWarningMessage(message, { modal: true, detail }, send)) === send;
  }
  if (!ok) throw new Cancelled();
}

/**
 * Where a token value goes, chosen the way the vault chooses when a token is added: the endpoint
 * given (validated), else the vault's for the same token, else the user's answer. Never silently
 * commercial Slack: a token does not say which Slack it belongs to, and a GovSlack token sent to
 * slack.com only ever gets invalid_auth back.
 */
async function endpointForValue(token: string, endpoint: string | undefined, store: TokenStore | undefined): Promise<string> {
  const chosen = endpoint !== undefined ? await pickEndpoint(endpoint) : (knownEndpoint(token, store) ?? (await pickEndpoint()));
  if (!chosen) throw new Cancelled();
  return chosen;
}

/** Checks a token that is not (necessarily) stored, e.g. a literal in a document (endpoint: endpointForValue). */
export async function testTokenValue(
  token: string,
  endpoint?: string,
  deps?: { logger?: Logger; store?: TokenStore; trust?: TrustOptions },
): Promise<AuthTestResult> {
  const client = clientFor(await endpointForValue(token, endpoint, deps?.store), deps?.logger);
  await confirmNetworkAction([client.endpoint], deps?.trust);
  // auth.test refuses app-level tokens: they are checked with apps.connections.open (no identity).
  if (token.startsWith(KINDS.app.prefix)) {
    const r = await client.appTokenTest(token);
    return r.status === 'valid' ? { status: 'valid', identity: {}, scopes: r.scopes, legacy: false, legacyScopes: [] } : r;
  }
  return client.authTest(token);
}

/** The endpoint the vault recorded for the same token, if it holds it. */
function knownEndpoint(token: string, store: TokenStore | undefined): string | undefined {
  return store?.findByFingerprint(fingerprint(token))?.endpoint;
}

/** Revokes (or with dryRun only tests revoking) a token value. No confirmation here: callers ask first. */
export async function revokeTokenValue(
  token: string,
  opts: { endpoint?: string; dryRun: boolean; logger?: Logger; store?: TokenStore; trust?: TrustOptions },
): Promise<RevokeResult> {
  const client = clientFor(await endpointForValue(token, opts.endpoint, opts.store), opts.logger);
  await confirmNetworkAction([client.endpoint], opts.trust);
  return client.authRevoke(token, { dryRun: opts.dryRun });
}

/** The store patch for a test result; unknown results change nothing (a failed check never marks a token dead). */
export function patchForTestResult(result: AuthTestResult, now = new Date()): TokenPatch | undefined {
  switch (result.status) {
    case 'valid':
      return {
        status: 'valid',
        statusDetail: undefined,
        checkedAt: now.toISOString(),
        team: result.identity.team,
        teamId: result.identity.teamId,
        user: result.identity.user,
        userId: result.identity.userId,
        botId: result.identity.botId,
        enterpriseId: result.identity.enterpriseId,
        scopes: result.scopes,
        legacy: result.legacy,
      };
    case 'invalid':
      return {
        status: result.error === 'token_revoked' ? 'revoked' : 'invalid',
        statusDetail: result.message,
        checkedAt: now.toISOString(),
      };
    case 'unknown':
      return undefined;
  }
}

/** A one-line summary of a valid check, for notifications (never contains the token). */
export function describeIdentity(t: Pick<StoredToken, 'team' | 'user' | 'botId' | 'enterpriseId' | 'scopes' | 'endpoint'>): string {
  const parts = [
    vscode.l10n.t('team {0}', t.team ?? '?'),
    vscode.l10n.t('user {0}', t.user ?? '?'),
  ];
  if (t.botId) parts.push(vscode.l10n.t('bot {0}', t.botId));
  if (t.enterpriseId) parts.push(vscode.l10n.t('enterprise {0}', t.enterpriseId));
  if (t.endpoint !== COMMERCIAL_ENDPOINT) parts.push(endpointLabel(t.endpoint));
  const scopes = t.scopes?.length ? t.scopes.join(', ') : vscode.l10n.t('none reported');
  return `${parts.join(', ')}; ${vscode.l10n.t('scopes: {0}', scopes)}`;
}

/** Quick pick items for endpoints: Slack, GovSlack, then the user-level extras. */
export function endpointChoices(): { label: string; description: string; endpoint: string }[] {
  return allowedEndpoints().map((endpoint) => ({
    label:
      endpoint === COMMERCIAL_ENDPOINT
        ? vscode.l10n.t('Slack (commercial)')
        : endpoint === GOV_ENDPOINT
          ? vscode.l10n.t('GovSlack')
          : endpointLabel(endpoint),
    description: endpoint,
    endpoint,
  }));
}

/**
 * Asks which Slack the token belongs to (for literals the editor features test or revoke). A preset
 * is validated against the allowed endpoints instead of asking.
 */
export async function pickEndpoint(preset?: string): Promise<string | undefined> {
  if (preset !== undefined) {
    const r = normalizeEndpoint(preset);
    if (!r.ok || !isAllowedEndpoint(r.endpoint)) {
      throw new UserError(vscode.l10n.t('The endpoint {0} is not allowed: add it to the user setting slackTokenGuard.api.extraEndpoints first.', preset.slice(0, 100)), [], 'warning');
    }
    return r.endpoint;
  }
  const picked = await vscode.window.showQuickPick(endpointChoices(), {
    title: vscode.l10n.t('Which Slack does this token belong to?'),
    placeHolder: vscode.l10n.t('A token does not say which cloud it belongs to'),
    ignoreFocusOut: true,
  });
  return picked?.endpoint;
}

/** Kinds whose Test is a webhook probe (a payload Slack can only refuse) instead of an API call. */
export const PROBED_KINDS: ReadonlySet<KindId> = new Set<KindId>(['webhook', 'workflow-webhook', 'trigger']);

/** Whether the vault can check a stored entry of this kind (by auth.test, a kind's own method, or a probe). */
export function isCheckableKind(kind: KindId): boolean {
  return (KINDS[kind]?.testable ?? false) || PROBED_KINDS.has(kind);
}

/** Where a check of this entry sends it: the webhook's own host for probes, else its API endpoint. */
export function checkDestination(t: Pick<StoredToken, 'kind' | 'endpoint'>, secret?: string): string {
  if (!PROBED_KINDS.has(t.kind)) return t.endpoint;
  const host = secret ? safeHost(secret) : undefined;
  return host ? `https://${host}/` : vscode.l10n.t('the webhook\'s Slack host');
}

function safeHost(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return WEBHOOK_HOSTS.includes(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Outcome of checking one stored entry, whatever its kind. */
export type KindCheckResult =
  | { kind: 'auth'; result: AuthTestResult }
  | { kind: 'app'; result: AppTokenResult }
  | { kind: 'probe'; result: WebhookProbeResult }
  | { kind: 'needs-cookie'; result: UnknownResult };

export interface KindCheckDeps {
  store: TokenStore;
  logger?: Logger;
  /**
   * Test extension host only: where webhook probes go instead of the webhook's host. `null`: no
   * redirect was set, so probes are refused (tests never reach the internet).
   */
  probeOrigin?: () => string | null | undefined;
}

/**
 * Checks a stored entry the way its kind allows: a webhook by a probe that posts nothing, an
 * app-level token with apps.connections.open, a browser session token with its d cookie from the
 * vault (or not at all without one: Slack would only ever say invalid_auth), anything else with
 * auth.test.
 */
export async function checkStoredEntry(t: StoredToken, secret: string, deps: KindCheckDeps): Promise<KindCheckResult> {
  if (PROBED_KINDS.has(t.kind)) {
    const redirectTo = deps.probeOrigin?.();
    if (redirectTo === null) throw new UserError(vscode.l10n.t('Webhook probes are off in this test extension host until a test redirects them to a fake Slack.'), [], 'info');
    try {
      return { kind: 'probe', result: await probeWebhook(secret, { timeoutMs: readApiSettings().timeoutMs, logger: deps.logger, redirectTo }) };
    } catch (e) {
      throw new UserError(vscode.l10n.t('“{0}” cannot be checked: {1}', t.label, e instanceof Error ? e.message : String(e)), [], 'warning');
    }
  }
  const client = clientFor(t.endpoint, deps.logger);
  if (t.kind === 'app') return { kind: 'app', result: await client.appTokenTest(secret) };
  if (t.kind === 'client') {
    const cookies = deps.store.list().filter((c) => c.kind === 'cookie' && c.endpoint === t.endpoint).reverse();
    if (cookies.length === 0) return { kind: 'needs-cookie', result: { status: 'unknown', reason: 'slack-error', message: SESSION_NEEDS_COOKIE_MESSAGE } };
    // A cookie does not say which session it belongs to: try the stored ones, newest first.
    let last: AuthTestResult | undefined;
    for (const c of cookies.slice(0, MAX_COOKIES_TRIED)) {
      const cookie = await deps.store.getSecret(c.id);
      if (cookie === undefined) continue;
      last = await client.sessionTest(secret, cookie);
      if (last.status !== 'unknown' || last.reason !== 'slack-error' || last.error !== 'invalid_auth') break;
    }
    return last ? { kind: 'auth', result: last } : { kind: 'needs-cookie', result: { status: 'unknown', reason: 'slack-error', message: SESSION_NEEDS_COOKIE_MESSAGE } };
  }
  return { kind: 'auth', result: await client.authTest(secret) };
}

/** A vault rarely holds more than a few d cookies; each try is one auth.test. */
const MAX_COOKIES_TRIED = 5;

/** The store patch for any kind's check; unknown changes nothing. */
export function patchForCheck(check: KindCheckResult, now = new Date()): TokenPatch | undefined {
  if (check.kind === 'auth') return patchForTestResult(check.result, now);
  const r = check.result;
  switch (r.status) {
    case 'valid':
      return check.kind === 'app'
        ? { status: 'valid', statusDetail: undefined, checkedAt: now.toISOString(), scopes: (r as { scopes: string[] }).scopes }
        : { status: 'valid', statusDetail: undefined, checkedAt: now.toISOString() };
    case 'invalid':
      return { status: r.error === 'token_revoked' ? 'revoked' : 'invalid', statusDetail: r.message, checkedAt: now.toISOString() };
    default:
      return undefined;
  }
}
