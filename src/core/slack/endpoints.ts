// Where tokens may be sent. A token does not say which cloud it belongs to, so each stored token
// keeps its endpoint; only https is accepted, except plain http on loopback (the tests' fake Slack).

export const COMMERCIAL_ENDPOINT = 'https://slack.com/api/';
export const GOV_ENDPOINT = 'https://slack-gov.com/api/';
export const DEFAULT_ENDPOINT = COMMERCIAL_ENDPOINT;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type EndpointCheck = { ok: true; endpoint: string } | { ok: false; reason: string };

/**
 * Validates an API base URL and returns it in canonical form (trailing slash, no query or fragment).
 * Refuses credentials in the URL, any scheme but https, and http anywhere but loopback.
 */
export function normalizeEndpoint(input: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'The endpoint is not a valid URL.' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The endpoint must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: 'The endpoint must not contain a query or fragment.' };
  }
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      return { ok: false, reason: 'Only https endpoints are accepted (plain http only on 127.0.0.1, localhost or [::1]).' };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, reason: 'Only https endpoints are accepted.' };
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return { ok: true, endpoint: `${url.protocol}//${url.host}${path}` };
}

/** A short human name for an endpoint: "Slack", "GovSlack", or the host. */
export function endpointLabel(endpoint: string): string {
  if (endpoint === COMMERCIAL_ENDPOINT) return 'Slack';
  if (endpoint === GOV_ENDPOINT) return 'GovSlack';
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
