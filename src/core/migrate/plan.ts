// From the code to the least-privilege Slack app: calls -> scopes, listeners -> events, commands
// and interactivity, Socket Mode/RTM -> socket_mode_enabled, then the manifest. The CLI's
// `manifest` command and the editor's plan page both call planMigration().
import { redact } from '../redact';
import { eventInfo, methodInfo, SDK_HELPERS } from './api-table';
import { extractUsage, type ListenerKind, type LocatedUsage } from './extract';
import type { SlackManifest, SlashCommand } from './manifest';

/** A file to plan from, or one the caller could not read (reported, never fatal). */
export type PlanInput = { path: string; text: string } | { path: string; skipped: string };

export interface Site {
  path: string;
  line: number;
  column: number;
  /** The SDK helper or Bolt function that calls the method here (`say()`, `files.uploadV2`, `HTTP`). */
  via?: string;
}

export type TokenType = 'bot' | 'user' | 'configuration' | 'none';

export interface MethodNeed {
  method: string;
  /** The token the app uses for it: bot wherever a bot token may call it, user only where it must. */
  token: TokenType;
  scopes: string[];
  /** Slack's reference lists no scope for this method. */
  noScope: boolean;
  deprecated: boolean;
  sites: Site[];
}

export interface ListenerNeed {
  kind: ListenerKind;
  name?: string;
  /** Events the app subscribes to for it. */
  events: string[];
  scopes: string[];
  sites: Site[];
  /** Why it is not in the manifest, when it is not. */
  problem?: string;
}

export interface ScopeNeed {
  scope: string;
  token: 'bot' | 'user';
  /** What needs it: method names, `event app_mention`, `command /deploy`… */
  because: string[];
  sites: Site[];
}

export interface MigrationPlan {
  name: string;
  methods: MethodNeed[];
  listeners: ListenerNeed[];
  unknownMethods: { name: string; sites: Site[] }[];
  dynamic: { expression: string; site: Site }[];
  socketMode: Site[];
  rtm: Site[];
  scopes: ScopeNeed[];
  notes: string[];
  skipped: { path: string; reason: string }[];
  filesRead: number;
  /** No Web API call and no listener: there is nothing to build an app for. */
  empty: boolean;
  manifest: SlackManifest;
}

export interface PlanOptions {
  /** display_information.name; defaults to "My Slack App". Slack allows 35 characters. */
  name?: string;
}

/** Bolt's `message` listener receives the message events of every conversation type. */
const MESSAGE_EVENTS = ['message.channels', 'message.groups', 'message.im', 'message.mpim'];
const PLACEHOLDER_URL = 'https://example.com/slack/events';
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

class Collector {
  readonly methods = new Map<string, Site[]>();
  readonly unknown = new Map<string, Site[]>();
  readonly dynamic: { expression: string; site: Site }[] = [];
  readonly listeners = new Map<string, { kind: ListenerKind; name?: string; sites: Site[] }>();
  readonly socketMode: Site[] = [];
  readonly rtm: Site[] = [];
  readonly skipped: { path: string; reason: string }[] = [];
  files = 0;

  add(path: string, u: LocatedUsage): void {
    // Names and paths come from the code: a token in either is masked before it reaches the page,
    // the manifest or --explain (a command named after a token is still listed, masked).
    const site: Site = { path: redact(path), line: u.line, column: u.column };
    const push = <K>(m: Map<K, Site[]>, k: K, s: Site) => {
      const list = m.get(k);
      if (list) list.push(s);
      else m.set(k, [s]);
    };
    switch (u.type) {
      case 'call': {
        const helper = SDK_HELPERS[u.method];
        if (helper) for (const m of helper) push(this.methods, m, { ...site, via: u.method });
        else push(this.methods, u.method, u.via ? { ...site, via: u.via } : site);
        break;
      }
      case 'unknown-method':
        push(this.unknown, u.name, site);
        break;
      case 'dynamic':
        this.dynamic.push({ expression: redact(u.expression), site });
        break;
      case 'listener': {
        const name = u.name === undefined ? undefined : redact(u.name);
        const key = `${u.kind}\u0000${name ?? ''}`;
        const l = this.listeners.get(key);
        if (l) l.sites.push(site);
        else this.listeners.set(key, { kind: u.kind, name, sites: [site] });
        break;
      }
      case 'socket-mode':
        this.socketMode.push({ ...site, via: u.via });
        break;
      case 'rtm':
        this.rtm.push({ ...site, via: u.via });
        break;
    }
  }
}

function collectFile(c: Collector, input: PlanInput): void {
  if ('skipped' in input) {
    c.skipped.push({ path: redact(input.path), reason: input.skipped });
    return;
  }
  c.files++;
  for (const u of extractUsage(input.path, input.text)) c.add(input.path, u);
}

/** The plan for a set of files (an array, a generator, or an async stream of them). */
export async function planMigration(files: Iterable<PlanInput> | AsyncIterable<PlanInput>, opts: PlanOptions = {}): Promise<MigrationPlan> {
  const c = new Collector();
  for await (const f of files) collectFile(c, f);
  return buildPlan(c, opts);
}

/** The same, synchronously, for callers that hold every file already. */
export function planMigrationSync(files: Iterable<PlanInput>, opts: PlanOptions = {}): MigrationPlan {
  const c = new Collector();
  for (const f of files) collectFile(c, f);
  return buildPlan(c, opts);
}

function methodNeed(method: string, sites: Site[]): MethodNeed {
  const info = methodInfo(method)!;
  if (info.bot) return { method, token: 'bot', scopes: info.bot, noScope: false, deprecated: info.deprecated, sites };
  if (info.user) return { method, token: 'user', scopes: info.user, noScope: false, deprecated: info.deprecated, sites };
  if (info.configuration) return { method, token: 'configuration', scopes: info.configuration, noScope: false, deprecated: info.deprecated, sites };
  return { method, token: 'none', scopes: [], noScope: true, deprecated: info.deprecated, sites };
}

function listenerNeed(kind: ListenerKind, name: string | undefined, sites: Site[]): ListenerNeed {
  switch (kind) {
    case 'message':
      return { kind, name, events: MESSAGE_EVENTS, scopes: [...new Set(MESSAGE_EVENTS.flatMap((e) => eventInfo(e)?.scopes ?? []))], sites };
    case 'event': {
      if (name === undefined) return { kind, events: [], scopes: [], sites, problem: 'the event name is not a string literal' };
      if (name === 'message') return { ...listenerNeed('message', undefined, sites), kind, name };
      const info = eventInfo(name);
      if (!info) return { kind, name, events: [], scopes: [], sites, problem: "not in Slack's list of events" };
      if (!info.eventsApi) return { kind, name, events: [], scopes: [], sites, problem: 'only the RTM API delivers it; Slack apps cannot subscribe to it' };
      return { kind, name, events: [name], scopes: info.scopes, sites };
    }
    case 'command':
      if (name === undefined || !name.startsWith('/')) return { kind, name, events: [], scopes: ['commands'], sites, problem: 'the command is not a literal "/name"' };
      return { kind, name, events: [], scopes: ['commands'], sites };
    case 'shortcut':
      return { kind, name, events: [], scopes: ['commands'], sites };
    default:
      return { kind, name, events: [], scopes: [], sites };
  }
}

function buildPlan(c: Collector, opts: PlanOptions): MigrationPlan {
  const name = redact(opts.name?.trim() || 'My Slack App').slice(0, 35);
  const methods = [...c.methods].sort(([a], [b]) => byName(a, b)).map(([m, sites]) => methodNeed(m, sites));
  const listeners = [...c.listeners.values()]
    .sort((a, b) => byName(a.kind, b.kind) || byName(a.name ?? '', b.name ?? ''))
    .map((l) => listenerNeed(l.kind, l.name, l.sites));

  const scopes = new Map<string, ScopeNeed>();
  const need = (token: 'bot' | 'user', scope: string, because: string, sites: Site[]) => {
    const key = `${token} ${scope}`;
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { scope, token, because: [], sites: [] }));
    if (!s.because.includes(because)) s.because.push(because);
    for (const site of sites) if (!s.sites.some((x) => x.path === site.path && x.line === site.line && x.column === site.column && x.via === site.via)) s.sites.push(site);
  };
  for (const m of methods) {
    if (m.token === 'bot' || m.token === 'user') for (const s of m.scopes) need(m.token, s, m.method, m.sites);
  }
  for (const l of listeners) {
    const because = `${l.kind} ${l.name ?? ''}`.trim();
    for (const s of l.scopes) need('bot', s, because, l.sites);
  }
  const bySite = (a: Site, b: Site) => byName(a.path, b.path) || a.line - b.line || a.column - b.column;
  for (const s of scopes.values()) s.sites.sort(bySite);
  const scopeList = [...scopes.values()].sort((a, b) => byName(a.token, b.token) || byName(a.scope, b.scope));
  const bot = scopeList.filter((s) => s.token === 'bot').map((s) => s.scope);
  const user = scopeList.filter((s) => s.token === 'user').map((s) => s.scope);

  const botEvents = [...new Set(listeners.flatMap((l) => l.events))].sort(byName);
  const commands = [...new Set(listeners.filter((l) => l.kind === 'command' && !l.problem).map((l) => l.name!))].sort(byName);
  const interactive = listeners.some((l) => l.kind === 'shortcut' || l.kind === 'action' || l.kind === 'view' || l.kind === 'options');
  const socket = c.socketMode.length > 0 || c.rtm.length > 0;
  const hasBot = bot.length > 0 || botEvents.length > 0 || commands.length > 0 || interactive;

  const notes: string[] = [];
  if (socket) notes.push('Socket Mode needs an app-level token (xapp-…) with the connections:write scope: create it under Basic Information → App-Level Tokens after the app exists; it is not part of the manifest.');
  if (c.rtm.length) notes.push('The RTM API is not available to new Slack apps: the manifest enables Socket Mode instead; move the RTM client to Socket Mode (and the Events API listeners) before switching tokens.');
  if (!socket && (botEvents.length || commands.length || interactive)) notes.push(`The request URLs are placeholders (${PLACEHOLDER_URL}): replace them with your app's public URL.`);
  if (methods.some((m) => m.scopes.length > 1)) notes.push('Where Slack lists several scopes for a method (one per conversation type: channels, groups, im, mpim), the manifest asks for all of them; drop the ones for conversation types your app never touches.');
  if (methods.some((m) => m.token === 'configuration')) notes.push('apps.manifest.* and other configuration methods take an app configuration token, not the app\'s own token.');
  if (methods.some((m) => m.deprecated)) notes.push('Some methods the code calls are deprecated by Slack.');

  const url = socket ? undefined : PLACEHOLDER_URL;
  const slash: SlashCommand[] = commands.map((command) => ({ command, description: `Runs ${command}`, should_escape: false, ...(url ? { url } : {}) }));
  const features: SlackManifest['features'] = {};
  if (hasBot) features.bot_user = { display_name: name, always_online: false };
  if (slash.length) features.slash_commands = slash;
  const manifest: SlackManifest = {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name },
    ...(hasBot || slash.length ? { features } : {}),
    oauth_config: { scopes: { ...(bot.length ? { bot } : {}), ...(user.length ? { user } : {}) } },
    settings: {
      ...(botEvents.length ? { event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: botEvents } } : {}),
      ...(interactive ? { interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) } } : {}),
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };

  return {
    name,
    methods,
    listeners,
    unknownMethods: [...c.unknown].sort(([a], [b]) => byName(a, b)).map(([n, sites]) => ({ name: redact(n), sites })),
    dynamic: c.dynamic,
    socketMode: c.socketMode,
    rtm: c.rtm,
    scopes: scopeList,
    notes,
    skipped: c.skipped,
    filesRead: c.files,
    empty: methods.length === 0 && listeners.length === 0,
    manifest,
  };
}

const at = (s: Site) => `${s.path}:${s.line}:${s.column}${s.via ? ` (${s.via})` : ''}`;

/** The `--explain` text: per scope, what needs it and where; then what the plan could not map. */
export function explainPlan(plan: MigrationPlan): string {
  const out: string[] = [];
  for (const s of plan.scopes) {
    out.push(`${s.token} scope ${s.scope}: ${s.because.join(', ')}`);
    for (const site of s.sites) out.push(`  ${at(site)}`);
  }
  const free = plan.methods.filter((m) => m.token === 'none' || m.token === 'configuration');
  for (const m of free) {
    out.push(m.token === 'none' ? `no scope listed by Slack: ${m.method}` : `app configuration token (${m.scopes.join(', ')}): ${m.method}`);
    for (const site of m.sites) out.push(`  ${at(site)}`);
  }
  for (const l of plan.listeners.filter((x) => x.problem)) {
    out.push(`not mapped: ${l.kind}${l.name ? ` ${l.name}` : ''}: ${l.problem}`);
    for (const site of l.sites) out.push(`  ${at(site)}`);
  }
  for (const u of plan.unknownMethods) {
    out.push(`unknown method ${u.name}: not in Slack's method list, no scope added`);
    for (const site of u.sites) out.push(`  ${at(site)}`);
  }
  for (const d of plan.dynamic) out.push(`dynamic method name, not mapped: ${d.expression}\n  ${at(d.site)}`);
  for (const s of plan.socketMode) out.push(`Socket Mode: ${at(s)}`);
  for (const s of plan.rtm) out.push(`RTM: ${at(s)}`);
  for (const s of plan.skipped) out.push(`skipped ${s.path}: ${s.reason}`);
  for (const n of plan.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
