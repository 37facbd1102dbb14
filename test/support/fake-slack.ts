// A fake Slack Web API on 127.0.0.1 that answers auth.test and auth.revoke the way Slack does:
// POST form or JSON bodies, the token as `Authorization: Bearer` or a `token` form field, HTTP 200 with
// ok:false for errors, 429 with Retry-After, scopes in X-OAuth-Scopes, and state (a revoked token stays
// revoked; test=1 is a dry run). Tests steer it with register() and setMode(). It never stores a raw
// token in anything it prints or logs: the request log holds fingerprints. The raw request line and
// body are kept apart (wire()) for tests that check where tokens travel; describeWire() redacts.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeManifestApps } from './fake-slack-manifest';
import { scanText } from '../../src/core/detect';
import { redact } from '../../src/core/redact';
import { FakeKindChecks, isWebhookPath } from './fake-slack-kinds';

export interface FakeTokenFacts {
  team: string;
  teamId?: string;
  user: string;
  userId?: string;
  /** Set for bot tokens: auth.test then reports bot_id. */
  botId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  /** Sent in X-OAuth-Scopes, comma-separated like Slack. Omit to send no header. */
  scopes?: string[];
  /** Answer auth.test with this error instead (e.g. 'account_inactive', 'token_expired'). */
  error?: string;
  /** Starts out revoked. */
  revoked?: boolean;
  /** An app configuration token (xoxe.xoxp-…): the only kind apps.manifest.* accepts. */
  appConfiguration?: boolean;
  /** A browser session token's d cookie: auth.test then answers invalid_auth without it. */
  cookie?: string;
}

export type FakeMode =
  | { kind: 'normal' }
  | { kind: 'slow'; ms: number }
  | { kind: 'error'; code: string }
  | { kind: 'http500' }
  | { kind: 'ratelimit'; retryAfter: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'reset' };

export interface FakeRequest {
  /** Slack method name, e.g. auth.test (or the unknown path's last segment). */
  method: string;
  /** Short sha256 of the token, or '' when none was sent. Never the token. */
  tokenFingerprint: string;
  /** How the token arrived. */
  via: 'bearer' | 'form' | 'json' | 'none';
  contentType: string;
  dryRun: boolean;
  mode: FakeMode['kind'];
  /** HTTP status sent (0 when the connection was hung or reset). */
  status: number;
  /** Slack's error code when the answer was ok:false. */
  error?: string;
}

/** A request exactly as it arrived. Holds tokens: assert on it, never print it (describeWire does). */
export interface WireRecord {
  /** GET, POST… */
  httpMethod: string;
  /** The full request target: path and query string. */
  url: string;
  body: string;
  contentType: string;
}

/** One line about a recorded request for failure messages, every credential masked. */
export function describeWire(w: WireRecord): string {
  // A webhook's path is its secret, and a bare path (no host) is not one redact() recognises.
  const url = /^\/(services|workflows|triggers)\//.test(w.url) ? `/${w.url.split('/')[1]}/…` : w.url;
  return redact(`${w.httpMethod} ${url} (${w.contentType || 'no content type'}) ${w.body}`.replace(/[\r\n]+/g, ' '));
}

/** The fake's own fingerprint for log entries; tests compare with fakeFingerprint(token). */
export function fakeFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12);
}

function parseBody(contentType: string, raw: string): Record<string, string> {
  if (contentType.startsWith('application/json')) {
    try {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, String(x)]));
      }
    } catch {
      // Slack answers invalid JSON with an error too; the caller sees no fields.
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export class FakeSlack {
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly tokens = new Map<string, FakeTokenFacts & { revoked: boolean }>();
  private mode: FakeMode = { kind: 'normal' };
  private port = 0;
  readonly requests: FakeRequest[] = [];
  /** apps.manifest.validate / apps.manifest.create (fake-slack-manifest.ts). */
  readonly manifestApps = new FakeManifestApps();
  /** Raw URL and body per logged request, outside the entries so that printing `requests` shows no token. */
  private readonly wireLog = new WeakMap<FakeRequest, WireRecord>();
  /** App-level tokens, session cookies and webhooks (fake-slack-kinds.ts). */
  readonly kinds = new FakeKindChecks();

  /** Starts a fresh fake on an ephemeral loopback port. */
  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.listen();
    return fake;
  }

  /** Base URL to use as the API endpoint, e.g. http://127.0.0.1:PORT/api/ */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  private listen(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops the server and drops every open (also hanging) connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  register(token: string, facts: FakeTokenFacts): void {
    this.tokens.set(token, { ...facts, revoked: facts.revoked ?? false });
  }

  /** Whether the fake considers the token revoked (unknown tokens: false). */
  isRevoked(token: string): boolean {
    return this.tokens.get(token)?.revoked ?? false;
  }

  setMode(mode: 'normal' | 'http500' | 'hang' | 'garbage' | 'reset'): void;
  setMode(mode: 'slow', ms: number): void;
  setMode(mode: 'error', code: string): void;
  setMode(mode: 'ratelimit', retryAfter: number): void;
  setMode(mode: FakeMode['kind'], arg?: number | string): void {
    switch (mode) {
      case 'slow':
        this.mode = { kind: 'slow', ms: Number(arg ?? 1000) };
        break;
      case 'error':
        this.mode = { kind: 'error', code: String(arg ?? 'internal_error') };
        break;
      case 'ratelimit':
        this.mode = { kind: 'ratelimit', retryAfter: Number(arg ?? 30) };
        break;
      default:
        this.mode = { kind: mode } as FakeMode;
    }
  }

  /** How many requests reached a method (e.g. 'auth.test'); all requests without an argument. */
  count(method?: string): number {
    return method ? this.requests.filter((r) => r.method === method).length : this.requests.length;
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  /**
   * Logged requests whose URL (path or query string) carries a credential: one of `known` (also
   * percent-encoded, or its last 12 characters) or anything the detector would mask. Described redacted.
   */
  requestsWithTokenInUrl(known: readonly string[]): string[] {
    return this.requests
      .map((r) => this.wire(r))
      .filter((w) => {
        let url = w.url;
        try {
          url = decodeURIComponent(w.url);
        } catch {
          // keep it encoded
        }
        return scanText(url, { ignoreComments: false, glued: true }).length > 0 || known.some((t) => w.url.includes(t) || url.includes(t) || url.includes(t.slice(-12)));
      })
      .map(describeWire);
  }

  /** The request line and body of a logged request, as received (tokens included: do not print). */
  wire(r: FakeRequest): WireRecord {
    const w = this.wireLog.get(r);
    if (!w) throw new Error('not a request of this fake');
    return w;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '');
    const fields = parseBody(contentType, raw);
    // A webhook's path is its secret: log it as "webhook".
    const method = isWebhookPath(req.url) ? 'webhook' : ((req.url ?? '').split('?')[0].split('/').pop() ?? '');
    const auth = String(req.headers.authorization ?? '');
    let token = '';
    let via: FakeRequest['via'] = 'none';
    if (/^Bearer\s+/i.test(auth)) {
      token = auth.replace(/^Bearer\s+/i, '').trim();
      via = 'bearer';
    } else if (fields.token && !contentType.startsWith('application/json')) {
      // Slack reads the token from the form; in JSON bodies it must be a Bearer header.
      token = fields.token;
      via = 'form';
    } else if (fields.token) {
      via = 'json';
    }
    const dryRun = fields.test === '1' || fields.test === 'true';
    const mode = this.mode;
    const entry: FakeRequest = {
      method,
      tokenFingerprint: token ? fakeFingerprint(token) : '',
      via,
      contentType,
      dryRun,
      mode: mode.kind,
      status: 0,
    };
    this.requests.push(entry);
    this.wireLog.set(entry, { httpMethod: req.method ?? '', url: req.url ?? '', body: raw, contentType });

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (body && typeof body === 'object' && (body as { ok?: unknown }).ok === false) {
        entry.error = String((body as { error?: unknown }).error);
      }
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    switch (mode.kind) {
      case 'hang':
        return; // never answer; close() destroys the socket
      case 'reset':
        req.socket.destroy();
        return;
      case 'garbage':
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html><body>502 Bad Gateway <b>upstream</b></body></html>');
        return;
      case 'http500':
        entry.status = 500;
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      case 'ratelimit':
        send(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(mode.retryAfter) });
        return;
      case 'error':
        send(200, { ok: false, error: mode.code });
        return;
      case 'slow':
        await new Promise((r) => setTimeout(r, mode.ms));
        if (res.destroyed || !this.server) return;
        break;
      case 'normal':
        break;
    }

    const sendText = (status: number, body: string) => {
      entry.status = status;
      entry.error = status === 200 ? undefined : body;
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end(body);
    };
    if (this.kinds.handle({ req, method, token, raw, contentType, facts: this.tokens.get(token), send, sendText })) return;
    if (req.method !== 'POST' && req.method !== 'GET') return send(405, { ok: false, error: 'invalid_post_type' });
    if (method === 'apps.manifest.validate' || method === 'apps.manifest.create') {
      const facts = token && via !== 'json' ? this.tokens.get(token) : undefined;
      return send(200, this.manifestApps.answer(method, facts && !facts.revoked ? facts.appConfiguration === true : undefined, fields));
    }
    if (method !== 'auth.test' && method !== 'auth.revoke') return send(404, { ok: false, error: 'unknown_method' });
    if (via === 'json') return send(200, { ok: false, error: 'not_authed' });
    if (!token) return send(200, { ok: false, error: 'not_authed' });
    const facts = this.tokens.get(token);
    if (!facts) return send(200, { ok: false, error: 'invalid_auth' });
    if (facts.revoked) return send(200, { ok: false, error: 'token_revoked' });
    if (facts.error) return send(200, { ok: false, error: facts.error });

    const scopeHeader: Record<string, string> = facts.scopes ? { 'X-OAuth-Scopes': facts.scopes.join(',') } : {};
    if (method === 'auth.revoke') {
      if (!dryRun) facts.revoked = true;
      return send(200, { ok: true, revoked: !dryRun }, scopeHeader);
    }
    const teamId = facts.teamId ?? 'T0FAKE0001';
    const body: Record<string, unknown> = {
      ok: true,
      url: `https://${facts.team.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.slack.com/`,
      team: facts.team,
      user: facts.user,
      team_id: teamId,
      user_id: facts.userId ?? 'U0FAKE0001',
    };
    if (facts.botId) body.bot_id = facts.botId;
    if (facts.enterpriseId) body.enterprise_id = facts.enterpriseId;
    body.is_enterprise_install = facts.isEnterpriseInstall ?? false;
    return send(200, body, scopeHeader);
  }
}
