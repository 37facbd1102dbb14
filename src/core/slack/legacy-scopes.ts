// Legacy tokens look exactly like OAuth user tokens; the tell is the scopes auth.test reports in
// X-OAuth-Scopes. Legacy tester tokens carry identify, read, post, client (and admin for admins).
// Replacements follow Slack's legacy scope reference: https://api.slack.com/legacy/scopes

export const LEGACY_SCOPES = ['identify', 'read', 'post', 'client', 'admin'] as const;
export type LegacyScope = (typeof LEGACY_SCOPES)[number];

export const LEGACY_SCOPES_URL = 'https://api.slack.com/legacy/scopes';

export interface ScopeReplacement {
  /** What the legacy scope allowed, in one sentence for users. */
  meaning: string;
  /** Granular scopes that cover it; request only the ones the program really uses. */
  replacements: string[];
  /** Extra advice, e.g. when there is no one-to-one replacement. */
  note?: string;
}

export const LEGACY_SCOPE_REPLACEMENTS: Record<LegacyScope, ScopeReplacement> = {
  identify: {
    meaning: 'Confirms who the token belongs to.',
    replacements: [],
    note: 'auth.test needs no scope with a granular token; for "Sign in with Slack" use openid, profile and email.',
  },
  read: {
    meaning: 'Reads everything the user can see: channels, messages, files, users, the team.',
    replacements: [
      'channels:read',
      'channels:history',
      'groups:read',
      'groups:history',
      'im:read',
      'im:history',
      'mpim:read',
      'mpim:history',
      'users:read',
      'users:read.email',
      'team:read',
      'files:read',
      'reactions:read',
      'pins:read',
      'search:read',
      'usergroups:read',
      'emoji:read',
    ],
  },
  post: {
    meaning: 'Posts and changes content as the user: messages, files, reactions, pins.',
    replacements: ['chat:write', 'files:write', 'reactions:write', 'pins:write', 'reminders:write', 'channels:write', 'im:write'],
  },
  client: {
    meaning: 'Acts as a full Slack client, including the real-time messaging (RTM) stream.',
    replacements: ['connections:write (Socket Mode, an app-level token)'],
    note: 'Granular apps receive events through the Events API or Socket Mode instead of RTM.',
  },
  admin: {
    meaning: 'Performs workspace administration as the user.',
    replacements: ['admin', 'admin.users:write', 'admin.conversations:write', 'users:write'],
    note: 'Admin scopes need an admin or owner to install the app; Enterprise Grid uses the admin.* scopes.',
  },
};

/** The legacy scopes in a scope list, in the order of LEGACY_SCOPES. */
export function legacyScopesIn(scopes: readonly string[]): LegacyScope[] {
  const set = new Set(scopes.map((s) => s.trim()));
  return LEGACY_SCOPES.filter((s) => set.has(s));
}

/** Prefixes of tokens that act as a user (not a bot or an app). */
const USER_PREFIXES = ['xoxp-', 'xoxs-', 'xoxo-', 'xoxc-', 'xoxe.xoxp-'];

/** Whether a token is user-ish: a user prefix, or auth.test reported a user and no bot. */
export function isUserish(token: string, identity: { botId?: string }): boolean {
  if (identity.botId) return false;
  return USER_PREFIXES.some((p) => token.startsWith(p));
}

/** A user-ish token that holds any legacy scope is a legacy token. */
export function isLegacyToken(token: string, identity: { botId?: string }, scopes: readonly string[]): boolean {
  return isUserish(token, identity) && legacyScopesIn(scopes).length > 0;
}
