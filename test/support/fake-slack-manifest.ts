// apps.manifest.validate and apps.manifest.create for the fake Slack server (fake-slack.ts), with
// Slack's answers: invalid_manifest with an `errors` array of { message, pointer },
// not_allowed_token_type for anything but an app configuration token, invalid_auth for unknown
// tokens (rate limits come from the server's modes). Created apps get an id and an install URL;
// their credentials are generated fake values, so tests can check they are never shown.
import { randomBytes } from 'node:crypto';

export interface ManifestProblem {
  message: string;
  pointer: string;
}

export class FakeManifestApps {
  /** Manifests of the apps created, in order. */
  readonly created: { appId: string; manifest: Record<string, unknown> }[] = [];
  /** Manifests validated, in order. */
  readonly validated: Record<string, unknown>[] = [];
  private forced: ManifestProblem[] | undefined;

  /** The next validate/create answers invalid_manifest with these problems. */
  rejectNext(problems: ManifestProblem[]): void {
    this.forced = problems;
  }

  reset(): void {
    this.created.length = 0;
    this.validated.length = 0;
    this.forced = undefined;
  }

  /** The body Slack would send; `isConfigToken` is undefined when the token is unknown. */
  answer(method: string, isConfigToken: boolean | undefined, fields: Record<string, string>): Record<string, unknown> {
    if (isConfigToken === undefined) return { ok: false, error: 'invalid_auth' };
    if (!isConfigToken) return { ok: false, error: 'not_allowed_token_type' };
    if (fields.manifest === undefined) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: manifest'] } };
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(fields.manifest) as Record<string, unknown>;
      if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) throw new Error('not an object');
    } catch {
      return { ok: false, error: 'invalid_manifest', errors: [{ message: 'Manifest is not valid JSON', pointer: '/' }] };
    }
    const problems = this.forced ?? check(manifest);
    this.forced = undefined;
    if (problems.length) return { ok: false, error: 'invalid_manifest', errors: problems };
    if (method === 'apps.manifest.validate') {
      this.validated.push(manifest);
      return { ok: true };
    }
    const appId = `A0FAKE${String(this.created.length + 1).padStart(4, '0')}`;
    this.created.push({ appId, manifest });
    const clientId = `1111111111.${2222222222 + this.created.length}`;
    const scopes = ((manifest.oauth_config as { scopes?: { bot?: string[] } } | undefined)?.scopes?.bot ?? []).join(',');
    return {
      ok: true,
      app_id: appId,
      credentials: {
        client_id: clientId,
        client_secret: randomBytes(16).toString('hex'),
        verification_token: randomBytes(12).toString('base64url'),
        signing_secret: randomBytes(16).toString('hex'),
      },
      oauth_authorize_url: `https://slack.com/oauth/v2/authorize?client_id=${clientId}&scope=${encodeURIComponent(scopes)}`,
    };
  }
}

/** The checks Slack makes that a generated manifest can fail. */
function check(m: Record<string, unknown>): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  const get = (p: string): unknown => p.split('/').filter(Boolean).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), m);
  const name = get('/display_information/name');
  if (typeof name !== 'string' || name.trim() === '') out.push({ message: 'Field is required', pointer: '/display_information/name' });
  else if (name.length > 35) out.push({ message: 'Must be at most 35 characters', pointer: '/display_information/name' });
  const bot = get('/oauth_config/scopes/bot');
  if (Array.isArray(bot) && bot.length && !get('/features/bot_user')) out.push({ message: 'Bot scopes require a bot user', pointer: '/features/bot_user' });
  const socket = get('/settings/socket_mode_enabled') === true;
  if (!socket && get('/settings/event_subscriptions') && !get('/settings/event_subscriptions/request_url')) {
    out.push({ message: 'Event Subscriptions requires either Request URL or Socket Mode Enabled', pointer: '/settings/event_subscriptions' });
  }
  if (!socket && get('/settings/interactivity/is_enabled') === true && !get('/settings/interactivity/request_url')) {
    out.push({ message: 'Interactivity requires either Request URL or Socket Mode Enabled', pointer: '/settings/interactivity' });
  }
  const commands = get('/features/slash_commands');
  if (Array.isArray(commands)) {
    commands.forEach((c: { command?: unknown; url?: unknown }, i) => {
      if (typeof c?.command !== 'string' || !/^\/[a-z0-9_-]{1,31}$/.test(c.command)) out.push({ message: 'Invalid slash command', pointer: `/features/slash_commands/${i}/command` });
      if (!socket && !c?.url) out.push({ message: 'Slash commands require a URL unless Socket Mode is enabled', pointer: `/features/slash_commands/${i}/url` });
    });
  }
  return out;
}
