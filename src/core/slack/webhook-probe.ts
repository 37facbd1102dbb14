// Checks a webhook or workflow URL without posting anything. An incoming webhook's probe is a POST
// whose body is not JSON, so Slack cannot turn it into a message: a live URL answers with a
// payload error (HTTP 400 `invalid_payload`, `no_text`, …), a dead one with `no_service` or
// `no_team` (404), `invalid_token` (403) or `channel_is_archived` (410). Slack's list of these
// answers: https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks
// The probe goes only to the URL's own Slack host; nothing but the URL itself is sent.
//
// Workflow webhooks (`/workflows/…`) and trigger URLs (`/triggers/…`) start a workflow when they
// receive a POST ("Invoke a workflow when a specific URL receives a POST request":
// https://api.slack.com/automation/triggers/webhook; whatever the body holds becomes the run's
// `{{data}}`), and a workflow webhook POSTed a payload that lacks its variables still records a failed
// run ("Received a webhook request that was missing a required field":
// https://github.com/aws-samples/aws-health-aware/issues/39). So they are probed with a GET, which
// carries no body and cannot start a run. What Slack answers a live trigger or workflow URL, to a
// GET or to an invalid or empty POST, is published nowhere we could find (searched: Slack's docs
// and changelog, the Deno and Node SDKs, whose WebhookTrigger reads `{ok, error?}` JSON and whose
// tests mock `{ok: true}` and a 401 `invalid_auth`, and issue trackers). So a workflow URL is never
// reported valid or invalid: the answer is "could not tell", quoting Slack's word (a removed-URL word
// of incoming webhooks is called out as a hint, not taken as proof).
import { redact } from '../redact';
import type { SlackLogger, UnknownResult } from './client';
import { MALFORMED_MESSAGE, NETWORK_MESSAGE, rateLimitedMessage, safeCode, timeoutMessage } from './messages';

/** The only hosts a webhook probe is sent to. */
export const WEBHOOK_HOSTS: readonly string[] = Object.freeze(['hooks.slack.com', 'hooks.slack-gov.com']);

const WEBHOOK_PATH = /^\/(services|workflows|triggers)\/[A-Za-z0-9_\-/]+$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Not JSON: a payload Slack can only refuse. */
export const PROBE_BODY = '{';

/** Paths of the URLs that start a workflow when POSTed to. */
const WORKFLOW_PATH = /^\/(workflows|triggers)\//;

/** Whether `url` (a URL or its path) is a workflow webhook or trigger URL, which is probed with a GET. */
export function startsWorkflow(url: string): boolean {
  try {
    return WORKFLOW_PATH.test(url.startsWith('/') ? url : new URL(url).pathname);
  } catch {
    return false;
  }
}

/** Answers that mean the URL is gone, whatever the HTTP status. */
const DEAD_ANSWERS = new Set(['no_service', 'no_team', 'invalid_token', 'channel_not_found', 'channel_is_archived', 'team_disabled', 'no_active_hooks']);

export interface WebhookProbeOptions {
  timeoutMs: number;
  logger?: SlackLogger;
  /**
   * Tests only: send the probe to this loopback origin (http://127.0.0.1:PORT) instead of the
   * webhook's own host, keeping the path. Anything but a loopback origin is refused.
   */
  redirectTo?: string;
}

export interface WebhookValid {
  status: 'valid';
  httpStatus: number;
  /** Slack's short answer (a safe snake_case word), e.g. invalid_payload. */
  answer: string;
  message: string;
}

export interface WebhookInvalid {
  status: 'invalid';
  httpStatus: number;
  error: string;
  message: string;
}

export type WebhookProbeResult = WebhookValid | WebhookInvalid | UnknownResult;

/** Where a probe of `url` may go, or why it may not. Never echoes the URL (it is the secret). */
export function probeTarget(url: string, redirectTo?: string): { ok: true; target: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'This is not a valid URL.' };
  }
  if (u.protocol !== 'https:' || !WEBHOOK_HOSTS.includes(u.hostname) || u.port !== '' || u.username || u.password || u.search || u.hash) {
    return { ok: false, reason: 'Only https webhook URLs on hooks.slack.com or hooks.slack-gov.com are checked.' };
  }
  if (!WEBHOOK_PATH.test(u.pathname)) return { ok: false, reason: 'This is not a Slack webhook, workflow or trigger URL.' };
  if (redirectTo === undefined) return { ok: true, target: u.href };
  let r: URL;
  try {
    r = new URL(redirectTo);
  } catch {
    return { ok: false, reason: 'The test redirect is not a valid URL.' };
  }
  if ((r.protocol !== 'http:' && r.protocol !== 'https:') || !LOOPBACK_HOSTS.has(r.hostname)) {
    return { ok: false, reason: 'Webhook probes may be redirected only to a loopback address.' };
  }
  return { ok: true, target: `${r.protocol}//${r.host}${u.pathname}` };
}

function isTimeout(e: unknown): boolean {
  const name = (e as { name?: unknown } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Posts the not-JSON body to the webhook's own host and reads what Slack says. Never throws for network trouble. */
export async function probeWebhook(url: string, opts: WebhookProbeOptions): Promise<WebhookProbeResult> {
  const t = probeTarget(url, opts.redirectTo);
  if (!t.ok) throw new Error(t.reason);
  const timeoutMs = Math.max(1, Math.round(opts.timeoutMs));
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const log = (m: string) => opts.logger?.debug(redact(m));
  const workflow = startsWorkflow(t.target);
  let res: Response;
  let answer: string;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    // A redirect would lead somewhere that is not the webhook's host: report it, do not follow it.
    res = workflow
      ? await fetch(t.target, { method: 'GET', redirect: 'manual', signal })
      : await fetch(t.target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: PROBE_BODY, redirect: 'manual', signal });
    answer = (await res.text()).slice(0, 200).trim();
  } catch (e) {
    const r: UnknownResult = isTimeout(e)
      ? { status: 'unknown', reason: 'timeout', message: timeoutMessage(seconds).replace('the token', 'the webhook') }
      : { status: 'unknown', reason: 'network', message: NETWORK_MESSAGE.replace('the token', 'the webhook') };
    log(`webhook probe: unknown (${r.reason})`);
    return r;
  }
  const code = answerCode(answer);
  const retryAfter = res.headers.get('retry-after');
  const result = workflow ? classifyWorkflowProbeAnswer(res.status, code, retryAfter) : classifyProbeAnswer(res.status, code, retryAfter);
  log(`webhook probe: ${result.status} (HTTP ${res.status}${code ? `, ${code}` : ''})`);
  return result;
}

/** Maps a probe's HTTP status and answer to valid / invalid / unknown. */
export function classifyProbeAnswer(httpStatus: number, code: string, retryAfterHeader?: string | null): WebhookProbeResult {
  if (DEAD_ANSWERS.has(code) || httpStatus === 404 || httpStatus === 410 || (httpStatus === 403 && code !== 'action_prohibited')) {
    return {
      status: 'invalid',
      httpStatus,
      error: code || `http_${httpStatus}`,
      message: `Slack no longer accepts this URL (HTTP ${httpStatus}${code ? `, ${code}` : ''}): it was removed, its workspace is gone, or its channel was archived.`,
    };
  }
  // A live URL refuses the payload with a word (400) or, had Slack posted it, says "ok"; anything
  // else with those statuses (a proxy's HTML page) is not Slack's answer.
  if ((httpStatus === 400 && code !== '' && code !== 'unexpected') || (httpStatus >= 200 && httpStatus < 300 && code === 'ok')) {
    return {
      status: 'valid',
      httpStatus,
      answer: code,
      message: `The URL is live: Slack refused only the probe's deliberately invalid payload (HTTP ${httpStatus}${code ? `, ${code}` : ''}), so nothing was posted.`,
    };
  }
  if (httpStatus === 429) {
    const n = Number(retryAfterHeader);
    const retryAfter = Number.isFinite(n) && n >= 0 ? n : undefined;
    return { status: 'unknown', reason: 'ratelimited', error: 'ratelimited', retryAfter, message: rateLimitedMessage(retryAfter) };
  }
  if (code === 'action_prohibited') {
    return { status: 'unknown', reason: 'slack-error', error: code, httpStatus, message: 'Slack refused posting with this URL in this workspace (action_prohibited), so whether it is still live could not be told. Its status is unchanged.' };
  }
  if (httpStatus === 400 || (httpStatus >= 200 && httpStatus < 300)) return { status: 'unknown', reason: 'malformed', httpStatus, message: MALFORMED_MESSAGE };
  return {
    status: 'unknown',
    reason: 'http-error',
    httpStatus,
    message: `Slack answered the probe with HTTP ${httpStatus}, so whether the URL is live could not be told. Its status is unchanged.`,
  };
}

/** Slack's word in an answer: plain text (`no_service`), or the `error` of `{"ok": false, "error": …}`. */
export function answerCode(answer: string): string {
  if (answer === '') return '';
  if (answer.startsWith('{')) {
    try {
      const j = JSON.parse(answer) as { ok?: unknown; error?: unknown };
      if (j && typeof j === 'object' && typeof j.error === 'string') return safeCode(j.error);
      if (j && typeof j === 'object' && j.ok === true) return 'ok';
    } catch {
      // not JSON: read as text below
    }
  }
  return safeCode(answer.replace(/^"|"$/g, ''));
}

/**
 * Maps the answer to a workflow webhook's or trigger URL's GET probe: never valid and never invalid.
 * What Slack answers a GET is published for neither a live nor a removed workflow URL (see the top of
 * this file), so even an incoming-webhook word such as `no_service` is only quoted: were a live
 * trigger's GET route to answer that way, "invalid" would tell the user a leaked, live URL is dead and
 * need not be rotated. Slack's word is kept in `error` and in the message, and the status is unchanged.
 */
export function classifyWorkflowProbeAnswer(httpStatus: number, code: string, retryAfterHeader?: string | null): WebhookProbeResult {
  if (httpStatus === 429) return classifyProbeAnswer(httpStatus, code, retryAfterHeader);
  const word = code && code !== 'unexpected' ? code : '';
  const removedWord = DEAD_ANSWERS.has(word);
  return {
    status: 'unknown',
    reason: removedWord ? 'slack-error' : 'http-error',
    httpStatus,
    ...(word ? { error: word } : {}),
    message: removedWord
      ? `Slack answered the probe with HTTP ${httpStatus} (${word}), which for an incoming webhook means it was removed; for a workflow or trigger URL Slack does not say, so treat it as live until you have removed it in Workflow Builder. Nothing was started. Its status is unchanged.`
      : `Slack answered the probe with HTTP ${httpStatus}${word ? ` (${word})` : ''}. Slack does not say what a live or removed workflow or trigger URL answers without starting its workflow, so this could not be told; nothing was started. Its status is unchanged.`,
  };
}
