// Plain sentences for every outcome of auth.test / auth.revoke. None of them ever contains a token:
// they are built from Slack's error codes and numbers only.

/**
 * Error codes that unambiguously mean the token is dead. Anything else means "could not check":
 * `invalid_auth` in particular is also Slack's answer to a live token used from outside its IP
 * allow-list (and to a GovSlack token sent to slack.com), so it never marks a token dead.
 */
export const INVALID_CODES = ['token_revoked', 'account_inactive', 'token_expired'] as const;
export type InvalidCode = (typeof INVALID_CODES)[number];

export function isInvalidCode(code: string): code is InvalidCode {
  return (INVALID_CODES as readonly string[]).includes(code);
}

const MESSAGES: Record<string, string> = {
  invalid_auth:
    'Slack answered "invalid_auth": it does not accept this token here. The token may be invalid, or alive but limited to an IP allow-list or another Slack (GovSlack), so its status is unchanged.',
  token_revoked: 'This token has been revoked: it no longer works.',
  account_inactive: 'The user or bot this token belongs to has been deactivated, so the token no longer works.',
  token_expired: 'This token has expired: rotating tokens last 12 hours and must be refreshed.',
  not_authed: 'Slack received no token with the request.',
  not_bearer_token: 'Slack refused the token as a bearer token: this kind of credential cannot be checked with auth.test.',
  not_allowed_token_type:
    'Slack does not allow this kind of token to call this method (app-level tokens, for instance, can only open Socket Mode connections).',
  ratelimited: 'Slack is rate limiting requests right now.',
  internal_error: 'Slack had an internal error and could not check the token.',
  fatal_error: 'Slack had a fatal error and could not check the token.',
  service_unavailable: 'Slack\'s API is temporarily unavailable.',
  request_timeout: 'Slack timed out while handling the request.',
  missing_scope: 'The token lacks a scope this call needs.',
  no_permission: 'The token does not have permission for this call.',
  team_access_not_granted: 'The token has not been granted access to this workspace.',
  two_factor_setup_required: 'Slack requires two-factor authentication to be set up for this account.',
  ekm_access_denied: 'Administrators have suspended the ability to post messages.',
  access_denied: 'Slack denied access to the requested resource.',
  accesslimited: 'Slack limits access to this method with this token.',
  deprecated_endpoint: 'Slack has retired this API method.',
  invalid_arg_name: 'Slack rejected an argument name in the request.',
  invalid_array_arg: 'Slack rejected an array argument in the request.',
  invalid_charset: 'Slack rejected the request\'s character set.',
  invalid_form_data: 'Slack rejected the request\'s form data.',
  invalid_post_type: 'Slack rejected the request\'s content type.',
  missing_post_type: 'Slack received a request without a content type.',
  method_deprecated: 'Slack has deprecated this API method.',
  invalid_manifest: 'Slack found problems in the manifest.',
  org_login_required: 'The workspace is being migrated to an Enterprise organisation; try again later.',
  enterprise_is_restricted: 'The method cannot be called from an Enterprise organisation.',
  insecure_request: 'Slack refused the request because it was not sent over HTTPS.',
};

/** A plain sentence for a Slack error code (generic for codes Slack may add later). */
export function messageForCode(code: string): string {
  return MESSAGES[code] ?? `Slack answered with the error "${safeCode(code)}", so the token could not be checked.`;
}

/** Slack's error codes are short snake_case words; anything else is shown as "unexpected". */
export function safeCode(code: string): string {
  return /^[a-z0-9_.]{1,64}$/.test(code) ? code : 'unexpected';
}

export function rateLimitedMessage(retryAfter: number | undefined): string {
  return retryAfter !== undefined
    ? `Slack is rate limiting requests: try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}. The token's status is unchanged.`
    : 'Slack is rate limiting requests: try again in a moment. The token\'s status is unchanged.';
}

export function timeoutMessage(seconds: number): string {
  return `Slack did not answer within ${seconds} second${seconds === 1 ? '' : 's'}, so the token could not be checked. Its status is unchanged.`;
}

export const NETWORK_MESSAGE =
  'Could not reach Slack (network down, proxy or DNS problem), so the token could not be checked. Its status is unchanged.';

export function httpErrorMessage(status: number): string {
  return `Slack answered with HTTP ${status}, so the token could not be checked. Its status is unchanged.`;
}

export const MALFORMED_MESSAGE = 'Slack\'s answer could not be read, so the token could not be checked. Its status is unchanged.';

export const SESSION_TOKEN_MESSAGE =
  'A browser session token (xoxc-) works only together with its d cookie, which is not sent, so Slack\'s "invalid_auth" does not tell whether the session is still alive. Its status is unchanged.';

export const SESSION_COOKIE_MESSAGE =
  'Slack did not accept this browser session token with the stored d cookie: the session has ended, or the cookie belongs to another session. Its status is unchanged.';

export const SESSION_NEEDS_COOKIE_MESSAGE =
  'A browser session token (xoxc-) can be checked only together with its d cookie (xoxd-): add the cookie to the vault, then test again. Nothing was sent.';

export const NOT_APP_TOKEN_MESSAGE = 'Slack says this is not an app-level token, so it could not be checked with apps.connections.open. Its status is unchanged.';
