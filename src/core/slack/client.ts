// The one place that talks to Slack. Safe by construction: no retries (a rate limit is reported,
// not waited out), a timeout, a logger that only ever sees redacted text, and an endpoint that the
// caller validated. Results are three states: valid / invalid / unknown; unknown never means dead.
import type { Logger as SdkLogger, LogLevel, WebAPICallResult, WebClient } from '@slack/web-api';
import { redact } from '../redact';
import { normalizeEndpoint } from './endpoints';
import { isLegacyToken, legacyScopesIn, type LegacyScope } from './legacy-scopes';
import {
  httpErrorMessage,
  isInvalidCode,
  MALFORMED_MESSAGE,
  messageForCode,
  NETWORK_MESSAGE,
  rateLimitedMessage,
  safeCode,
  NOT_APP_TOKEN_MESSAGE,
  SESSION_COOKIE_MESSAGE,
  SESSION_TOKEN_MESSAGE,
  timeoutMessage,
  type InvalidCode,
} from './messages';

/** Anything with a debug method: the extension's redacting logger, or a test spy. */
export interface SlackLogger {
  debug(message: string, ...args: unknown[]): void;
}

export interface SlackClientOptions {
  /** API base URL, e.g. https://slack.com/api/ (validated: https, or loopback http). */
  endpoint: string;
  timeoutMs: number;
  logger?: SlackLogger;
}

/** What auth.test says about a token (no secrets). */
export interface AuthIdentity {
  url?: string;
  team?: string;
  teamId?: string;
  user?: string;
  userId?: string;
  botId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

export type UnknownReason = 'ratelimited' | 'slack-error' | 'http-error' | 'timeout' | 'network' | 'malformed';

/** The token is dead. */
export interface InvalidResult {
  status: 'invalid';
  error: InvalidCode;
  message: string;
}

/** Could not tell: the token's recorded status must stay as it was. */
export interface UnknownResult {
  status: 'unknown';
  reason: UnknownReason;
  /** Slack's error code (ok:false) when there was one; always a safe snake_case word. */
  error?: string;
  /** Seconds from Retry-After, when rate limited. */
  retryAfter?: number;
  /** HTTP status, for http-error. */
  httpStatus?: number;
  message: string;
}

export interface AuthTestValid {
  status: 'valid';
  identity: AuthIdentity;
  /** From the X-OAuth-Scopes header; empty when Slack sent none. */
  scopes: string[];
  /** A user-ish token holding legacy scopes (identify, read, post, client, admin). */
  legacy: boolean;
  legacyScopes: LegacyScope[];
}

export type AuthTestResult = AuthTestValid | InvalidResult | UnknownResult;

export interface RevokeValid {
  status: 'valid';
  /** Slack's `revoked` field: false on a dry run (test=1), true when the token is now dead. */
  revoked: boolean;
  dryRun: boolean;
}

export type RevokeResult = RevokeValid | InvalidResult | UnknownResult;

/** One problem Slack found in a manifest (apps.manifest.validate/create: `invalid_manifest`). */
export interface ManifestProblem {
  message: string;
  /** JSON pointer into the manifest, e.g. `/features/slash_commands/0/url`. */
  pointer: string;
}

export type ManifestCallResult =
  /** Valid; for create, the new app's id and its install URL (the app's secrets are dropped unread). */
  | { status: 'valid'; appId?: string; oauthAuthorizeUrl?: string }
  | { status: 'invalid-manifest'; problems: ManifestProblem[]; message: string }
  | InvalidResult
  | UnknownResult;

export interface SlackClient {
  readonly endpoint: string;
  authTest(token: string): Promise<AuthTestResult>;
  authRevoke(token: string, opts: { dryRun: boolean }): Promise<RevokeResult>;
  /** apps.manifest.validate or apps.manifest.create with an app configuration token. */
  appsManifest(op: 'validate' | 'create', token: string, manifest: object): Promise<ManifestCallResult>;
  /**
   * An app-level token's check. auth.test refuses xapp- tokens (not_allowed_token_type); the one
   * method they exist for, apps.connections.open, only issues a temporary Socket Mode WebSocket URL:
   * nothing connects to it (the URL is dropped unread), so no running app loses its connection.
   */
  appTokenTest(token: string): Promise<AppTokenResult>;
  /** auth.test for a browser session token (xoxc-) sent together with its d cookie, as a browser does. */
  sessionTest(token: string, cookie: string): Promise<AuthTestResult>;
}

/** What apps.connections.open says about an app-level token; the WebSocket URL is dropped unread. */
export type AppTokenResult = { status: 'valid'; scopes: string[]; missingScope: boolean } | InvalidResult | UnknownResult;

/**
 * Routes every SDK log line, whatever its level, to debug, redacted. `bodies: false` drops the lines
 * that carry request headers or bodies and answers (a Cookie header, a Socket Mode URL, a new app's
 * secrets).
 */
function quietLogger(logger: SlackLogger | undefined, bodies = true): SdkLogger {
  const write = (...msg: unknown[]) => {
    if (!logger) return;
    if (!bodies && typeof msg[0] === 'string' && /^http request (headers|body|result)/.test(msg[0])) return;
    logger.debug(redact(`[slack-sdk] ${msg.map((m) => (typeof m === 'string' ? m : safeJson(m))).join(' ')}`));
  };
  return {
    debug: write,
    info: write,
    warn: write,
    error: write,
    setLevel: () => undefined,
    getLevel: () => 'debug' as LogLevel,
    setName: () => undefined,
  };
}

function safeJson(v: unknown): string {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** The d cookie as a browser sends it: URL-encoded (a cookie copied from devtools usually is already). */
function cookieValue(cookie: string): string {
  const v = cookie.trim();
  return /%[0-9A-Fa-f]{2}/.test(v) ? v : encodeURIComponent(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isTimeout(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const name = (cur as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    cur = (cur as { original?: unknown; cause?: unknown }).original ?? (cur as { cause?: unknown }).cause;
  }
  return false;
}

class TimeoutGuard extends Error {
  constructor() {
    super('timeout guard');
    this.name = 'TimeoutError';
  }
}

export function createSlackClient(opts: SlackClientOptions): SlackClient {
  const checked = normalizeEndpoint(opts.endpoint);
  if (!checked.ok) throw new Error(checked.reason);
  const endpoint = checked.endpoint;
  const timeoutMs = Math.max(1, Math.round(opts.timeoutMs));
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const log = (m: string) => opts.logger?.debug(redact(m));
  // The SDK (and its HTTP stack) is loaded on the first call, not when the extension starts:
  // most sessions never call Slack, and evaluating it costs tens of milliseconds.
  let sdk: typeof import('@slack/web-api') | undefined;
  let web: WebClient | undefined;
  async function client(): Promise<WebClient> {
    sdk ??= await import('@slack/web-api');
    web ??= new sdk.WebClient(undefined, {
      slackApiUrl: endpoint,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
      logger: quietLogger(opts.logger),
      logLevel: sdk.LogLevel.DEBUG,
      allowAbsoluteUrls: false,
    });
    return web;
  }

  /**
   * A client that logs no headers, bodies or answers; a new one for calls with extra headers (not
   * cached: the headers are secrets).
   */
  let quietWeb: WebClient | undefined;
  async function privateClient(headers?: Record<string, string>): Promise<WebClient> {
    if (!headers && quietWeb) return quietWeb;
    sdk ??= await import('@slack/web-api');
    const made = new sdk.WebClient(undefined, {
      slackApiUrl: endpoint,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: timeoutMs,
      logger: quietLogger(opts.logger, false),
      logLevel: sdk.LogLevel.DEBUG,
      allowAbsoluteUrls: false,
      ...(headers ? { headers } : {}),
    });
    if (!headers) quietWeb = made;
    return made;
  }

  /**
   * One call, mapped to a raw result or a failure. Never throws. `quiet`: the debug log gets no
   * request or answer bodies (calls with `headers` are always quiet).
   */
  async function call(method: string, args: Record<string, unknown>, how: { headers?: Record<string, string>; quiet?: boolean } = {}): Promise<WebAPICallResult | CallFailure> {
    const { headers, quiet } = how;
    let timer: NodeJS.Timeout | undefined;
    // A second guard in case the SDK's abort signal does not reach a stalled body read.
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutGuard()), timeoutMs + 1000);
    });
    try {
      const result = await Promise.race([(headers || quiet ? privateClient(headers) : client()).then((w) => w.apiCall(method, args)), guard]);
      log(`${method}: ok`);
      return result;
    } catch (e) {
      const mapped = mapError(e);
      log(`${method}: ${mapped.status}${mapped.status === 'unknown' ? ` (${mapped.reason}${mapped.error ? `: ${mapped.error}` : ''})` : ` (${mapped.error})`}`);
      return mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  function mapError(e: unknown): CallFailure {
    const code = (e as { code?: unknown } | undefined)?.code;
    // Errors come only from calls, so the SDK is loaded by now.
    const ErrorCode = sdk!.ErrorCode;
    if (code === ErrorCode.RateLimitedError) {
      const retryAfter = (e as { retryAfter?: number }).retryAfter;
      return { status: 'unknown', reason: 'ratelimited', error: 'ratelimited', retryAfter, message: rateLimitedMessage(retryAfter) };
    }
    if (code === ErrorCode.PlatformError) {
      const data = (e as { data?: WebAPICallResult & { error?: unknown } }).data;
      const err = typeof data?.error === 'string' ? data.error : '';
      if (isInvalidCode(err)) return { status: 'invalid', error: err, message: messageForCode(err) };
      if (err === 'invalid_manifest') return { status: 'unknown', reason: 'slack-error', error: err, message: messageForCode(err), problems: manifestProblems((data as { errors?: unknown } | undefined)?.errors) };
      if (err === 'ratelimited') {
        const retryAfter = data?.response_metadata?.retryAfter;
        return { status: 'unknown', reason: 'ratelimited', error: err, retryAfter, message: rateLimitedMessage(retryAfter) };
      }
      // The SDK turns a body that is not JSON into { ok: false, error: <the body text> }.
      if (safeCode(err) !== err) return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
      return { status: 'unknown', reason: 'slack-error', error: err, message: messageForCode(err) };
    }
    if (code === ErrorCode.HTTPError) {
      const httpStatus = (e as { statusCode?: number }).statusCode ?? 0;
      return { status: 'unknown', reason: 'http-error', httpStatus, message: httpErrorMessage(httpStatus) };
    }
    if (isTimeout(e)) return { status: 'unknown', reason: 'timeout', message: timeoutMessage(seconds) };
    if (code === ErrorCode.RequestError) return { status: 'unknown', reason: 'network', message: NETWORK_MESSAGE };
    // The SDK wraps every transport failure in a RequestError; what is left comes from reading a body
    // that is not a JSON object (e.g. `null`).
    return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
  }

  function isFailure(r: WebAPICallResult | CallFailure): r is CallFailure {
    return 'status' in r && (r.status === 'invalid' || r.status === 'unknown');
  }

  async function authTestWith(token: string, headers?: Record<string, string>): Promise<AuthTestResult> {
    const r = await call('auth.test', { token }, { headers });
    if (isFailure(r) && r.error === 'invalid_auth' && token.startsWith('xoxc-')) {
      // Session tokens need their `d` cookie: without it Slack always says invalid_auth; with one it
      // cannot tell an ended session from a cookie of another session.
      return { status: 'unknown', reason: 'slack-error', error: r.error, message: headers ? SESSION_COOKIE_MESSAGE : SESSION_TOKEN_MESSAGE };
    }
    if (isFailure(r)) return r;
    const body = r as WebAPICallResult & Record<string, unknown>;
    if (body.ok !== true) return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
    const identity: AuthIdentity = {
      url: str(body.url),
      team: str(body.team),
      teamId: str(body.team_id),
      user: str(body.user),
      userId: str(body.user_id),
      botId: str(body.bot_id),
      enterpriseId: str(body.enterprise_id),
      isEnterpriseInstall: body.is_enterprise_install === true ? true : undefined,
    };
    const scopes = (r.response_metadata?.scopes ?? []).map((s) => s.trim()).filter((s) => s !== '');
    return {
      status: 'valid',
      identity,
      scopes,
      legacy: isLegacyToken(token, identity, scopes),
      legacyScopes: legacyScopesIn(scopes),
    };
  }

  return {
    endpoint,
    authTest: (token) => authTestWith(token),
    sessionTest: (token, cookie) => authTestWith(token, { Cookie: `d=${cookieValue(cookie)}` }),
    async appTokenTest(token) {
      // Quiet: the answer holds a live WebSocket URL.
      const r = await call('apps.connections.open', { token }, { quiet: true });
      if (isFailure(r)) {
        // The token authenticated but may not open connections: it is live all the same.
        if (r.status === 'unknown' && r.error === 'missing_scope') return { status: 'valid', scopes: [], missingScope: true };
        if (r.status === 'unknown' && r.error === 'not_allowed_token_type') return { ...r, message: NOT_APP_TOKEN_MESSAGE };
        return r;
      }
      if (r.ok !== true) return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
      const scopes = (r.response_metadata?.scopes ?? []).map((s) => s.trim()).filter((s) => s !== '');
      return { status: 'valid', scopes, missingScope: false };
    },
    async authRevoke(token, { dryRun }) {
      // test=1 is Slack's dry run; the SDK's response type lacks `revoked`, so read the raw body.
      const r = await call('auth.revoke', dryRun ? { token, test: 1 } : { token });
      if (isFailure(r)) return r;
      const body = r as WebAPICallResult & { revoked?: unknown };
      if (body.ok !== true || typeof body.revoked !== 'boolean') {
        return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
      }
      return { status: 'valid', revoked: body.revoked, dryRun };
    },
    async appsManifest(op, token, manifest) {
      // create is quiet: its answer holds the new app's client secret, signing secret and verification token.
      const r = await call(`apps.manifest.${op}`, { token, manifest: JSON.stringify(manifest) }, { quiet: op === 'create' });
      if (isFailure(r)) {
        if (r.status === 'unknown' && r.problems) return { status: 'invalid-manifest', problems: r.problems, message: r.message };
        return withoutProblems(r);
      }
      const body = r as WebAPICallResult & { app_id?: unknown; oauth_authorize_url?: unknown };
      if (body.ok !== true) return { status: 'unknown', reason: 'malformed', message: MALFORMED_MESSAGE };
      return { status: 'valid', appId: str(body.app_id), oauthAuthorizeUrl: str(body.oauth_authorize_url) };
    },
  };
}

/** A failed call; an invalid_manifest answer carries its problems with it (concurrent calls each keep their own). */
type CallFailure = InvalidResult | (UnknownResult & { problems?: ManifestProblem[] });

function withoutProblems(r: CallFailure): InvalidResult | UnknownResult {
  if (r.status === 'invalid' || !('problems' in r)) return r;
  const rest = { ...r };
  delete rest.problems;
  return rest;
}

/** Slack's `errors` of an invalid_manifest answer, each reduced to a short message and a pointer. */
function manifestProblems(errors: unknown): ManifestProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 100).map((e: { message?: unknown; pointer?: unknown }) => ({
    message: redact(typeof e?.message === 'string' ? e.message.slice(0, 500) : 'invalid'),
    pointer: typeof e?.pointer === 'string' ? e.pointer.slice(0, 200) : '',
  }));
}
