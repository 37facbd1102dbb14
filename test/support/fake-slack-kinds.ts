// The fake Slack's answers for the checks that fit each kind (kept apart from fake-slack.ts so
// other handlers can be added there without touching these):
// - apps.connections.open for app-level tokens: a temporary WebSocket URL, or Slack's errors;
//   auth.test refuses app-level tokens with not_allowed_token_type, as Slack does;
// - auth.test for browser session tokens registered with a d cookie: without that cookie (or with
//   another one) Slack answers invalid_auth;
// - incoming and workflow webhooks on their own paths (/services/…, /workflows/…, /triggers/…):
//   a live one refuses a payload that is not JSON with HTTP 400 invalid_payload (and one without
//   text with no_text), a dead one answers 404 no_service, 404 no_team, 403 invalid_token or
//   410 channel_is_archived, all as plain-text bodies like Slack's;
// - workflow webhooks and trigger URLs (/workflows/…, /triggers/…): a POST to a live one starts its
//   workflow (recorded in `started`, answered `{"ok": true}` as @slack/webhook's WebhookTrigger
//   reads it); a dead one answers like a dead incoming webhook, to any method. What Slack answers a
//   GET on a live one is not published: the fake answers 405 `{"ok": false, "error":
//   "method_not_allowed"}`, a stand-in the probe must read as "could not tell".
import type * as http from 'node:http';
import { PREFIX } from './token-gen';

export type FakeWebhookState = 'live' | 'no_service' | 'no_team' | 'invalid_token' | 'channel_is_archived' | 'action_prohibited';

const DEAD: Record<Exclude<FakeWebhookState, 'live'>, number> = {
  no_service: 404,
  no_team: 404,
  invalid_token: 403,
  channel_is_archived: 410,
  action_prohibited: 403,
};

/** Paths webhooks live on; the fake logs such requests as method "webhook", never the path (it is the secret). */
export function isWebhookPath(url: string | undefined): boolean {
  return /^\/(services|workflows|triggers)\//.test(url ?? '');
}

export interface KindRequest {
  req: http.IncomingMessage;
  method: string;
  token: string;
  raw: string;
  contentType: string;
  /** The registered facts' extra fields for `token`, if registered. */
  facts?: { cookie?: string; error?: string; scopes?: string[]; revoked?: boolean };
  send: (status: number, body: unknown, headers?: Record<string, string>) => void;
  sendText: (status: number, body: string) => void;
}

export class FakeKindChecks {
  private readonly webhooks = new Map<string, FakeWebhookState>();
  /** Messages that live webhooks accepted (a probe must never add one). */
  readonly posted: string[] = [];
  /** Workflow runs that POSTs to live workflow webhooks and trigger URLs started (a probe must never add one). */
  readonly started: string[] = [];

  /** Registers a webhook by its URL (only the path matters to the fake). */
  registerWebhook(url: string, state: FakeWebhookState): void {
    this.webhooks.set(new URL(url).pathname, state);
  }

  /** Answers the request when it is one of these checks; false lets the standard handler answer. */
  handle(r: KindRequest): boolean {
    const path = (r.req.url ?? '').split('?')[0];
    if (isWebhookPath(path)) {
      this.webhook(r, path);
      return true;
    }
    if (r.method === 'apps.connections.open') {
      this.connectionsOpen(r);
      return true;
    }
    if (r.method === 'auth.test' && r.token.startsWith(PREFIX.app)) {
      r.send(200, { ok: false, error: 'not_allowed_token_type' });
      return true;
    }
    if (r.method === 'auth.test' && r.facts?.cookie !== undefined && !r.facts.revoked && cookieOf(r.req) !== decoded(r.facts.cookie)) {
      r.send(200, { ok: false, error: 'invalid_auth' });
      return true;
    }
    return false;
  }

  private connectionsOpen(r: KindRequest): void {
    if (!r.token) return r.send(200, { ok: false, error: 'not_authed' });
    if (!r.token.startsWith(PREFIX.app)) return r.send(200, { ok: false, error: 'not_allowed_token_type' });
    const f = r.facts;
    if (!f) return r.send(200, { ok: false, error: 'invalid_auth' });
    if (f.revoked) return r.send(200, { ok: false, error: 'token_revoked' });
    if (f.error) return r.send(200, { ok: false, error: f.error });
    const headers: Record<string, string> = f.scopes ? { 'X-OAuth-Scopes': f.scopes.join(',') } : {};
    r.send(200, { ok: true, url: 'wss://wss-primary.slack.com/link/?ticket=fake-ticket&app_id=A0FAKE0001' }, headers);
  }

  private webhook(r: KindRequest, path: string): void {
    const state = this.webhooks.get(path);
    const workflow = /^\/(workflows|triggers)\//.test(path);
    if (r.req.method !== 'POST' && !workflow) return r.sendText(405, 'invalid_method');
    if (state === undefined) return r.sendText(404, 'no_service');
    if (state !== 'live') return r.sendText(DEAD[state], state);
    if (workflow) {
      if (r.req.method !== 'POST') return r.send(405, { ok: false, error: 'method_not_allowed' });
      this.started.push(r.raw);
      return r.send(200, { ok: true });
    }
    let payload: unknown;
    try {
      payload = r.contentType.startsWith('application/json') ? JSON.parse(r.raw) : Object.fromEntries(new URLSearchParams(r.raw));
    } catch {
      return r.sendText(400, 'invalid_payload');
    }
    const text = payload && typeof payload === 'object' ? (payload as { text?: unknown }).text : undefined;
    if (typeof text !== 'string' || text === '') return r.sendText(400, 'no_text');
    this.posted.push(text);
    r.sendText(200, 'ok');
  }
}

function decoded(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The d cookie a request carried, URL-decoded (browsers send it encoded). */
function cookieOf(req: http.IncomingMessage): string | undefined {
  const header = String(req.headers.cookie ?? '');
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'd') return decoded(v.join('='));
  }
  return undefined;
}
