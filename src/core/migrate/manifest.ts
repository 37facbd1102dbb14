// Slack's app manifest (https://api.slack.com/reference/manifests) and the two ways we print it:
// JSON, and a small YAML writer of our own for the one shape we produce (maps, lists, strings,
// booleans, numbers), so the package needs no YAML library.

export interface SlashCommand {
  command: string;
  description: string;
  should_escape: boolean;
  url?: string;
}

export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description?: string };
  features?: { bot_user?: { display_name: string; always_online: boolean }; slash_commands?: SlashCommand[] };
  oauth_config: { scopes: { bot?: string[]; user?: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

export function manifestJson(m: SlackManifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}

const RESERVED = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const PLAIN = /^[A-Za-z/][\w.:/-]*$/;

function scalar(v: unknown): string {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  // Double-quoted YAML is a superset of JSON strings, so JSON.stringify quotes it safely.
  return PLAIN.test(s) && !RESERVED.test(s) && !s.includes('://') ? s : JSON.stringify(s);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function emit(v: unknown, indent: string, out: string[]): void {
  if (isMap(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (child === undefined) continue;
      if (isMap(child) || Array.isArray(child)) {
        if (Array.isArray(child) && child.length === 0) out.push(`${indent}${k}: []`);
        else if (isMap(child) && Object.keys(child).length === 0) out.push(`${indent}${k}: {}`);
        else {
          out.push(`${indent}${k}:`);
          emit(child, indent + '  ', out);
        }
      } else out.push(`${indent}${k}: ${scalar(child)}`);
    }
  } else if (Array.isArray(v)) {
    for (const item of v) {
      if (isMap(item)) {
        const inner: string[] = [];
        emit(item, indent + '  ', inner);
        out.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
      } else out.push(`${indent}- ${scalar(item)}`);
    }
  }
}

export function manifestYaml(m: SlackManifest): string {
  const out: string[] = [];
  emit(m, '', out);
  return out.join('\n') + '\n';
}

/**
 * Slack's create-from-manifest page with the manifest filled in (the user still picks the
 * workspace and confirms): https://api.slack.com/apps?new_app=1&manifest_json=<url-encoded JSON>.
 */
export function createAppUrl(m: SlackManifest): string {
  return `https://api.slack.com/apps?new_app=1&manifest_json=${encodeURIComponent(JSON.stringify(m))}`;
}
