// Seeded generator of Slack-credential-shaped values, built at run time from parts so that the
// repository never holds a full token literal (push protection and `vsce package` reject them).
import type { KindId } from '../../src/core/detect/types';

const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Prefixes are joined at run time so no source line matches a secret scanner's rule. */
const P = (a: string, b: string) => a + b;
export const PREFIX = {
  bot: P('xox', 'b-'),
  user: P('xox', 'p-'),
  session: P('xox', 's-'),
  oauth: P('xox', 'o-'),
  client: P('xox', 'c-'),
  cookie: P('xox', 'd-'),
  app: P('xap', 'p-'),
  refresh: P('xox', 'e-'),
  workspaceA: P('xox', 'a-'),
  workspaceR: P('xox', 'r-'),
  workflow: P('xwf', 'p-'),
  hooks: P('https://hooks.', 'slack.com/'),
  hooksGov: P('https://hooks.', 'slack-gov.com/'),
} as const;

/** mulberry32: small, fast, deterministic. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  /** Digits that do not start with 0 (Slack ids never do). */
  digits(n: number): string {
    return this.chars('123456789', 1) + this.chars(DIGITS, n - 1);
  }
}

/** Kinds the generator can make, each a realistic random value of that kind. */
export type GeneratedKind = Exclude<KindId, never> | 'webhook-gov';

/** Every kind with a recognisable prefix (all but the signing and client secrets, which need a key name). */
export const TOKEN_KINDS: readonly GeneratedKind[] = Object.freeze([
  'bot',
  'bot-legacy',
  'user',
  'user-short',
  'legacy-session',
  'client',
  'cookie',
  'app',
  'config-access',
  'config-refresh',
  'workspace',
  'workflow-token',
  'webhook',
  'webhook-gov',
  'workflow-webhook',
  'trigger',
  'file-export',
] as const);

/** The detector kind a generated value must be reported as (a GovSlack webhook is a webhook). */
export function detectedKind(kind: GeneratedKind): KindId {
  return kind === 'webhook-gov' ? 'webhook' : kind;
}

export class TokenGenerator {
  readonly rng: Rng;
  constructor(seed = 1) {
    this.rng = new Rng(seed);
  }

  /** A random secret that always mixes classes, as real ones do. */
  private secret(alphabet: string, n: number): string {
    for (;;) {
      const s = this.rng.chars(alphabet, n);
      if (alphabet === HEX || alphabet === DIGITS) {
        if (/[a-f]/.test(s) && /\d/.test(s)) return s;
      } else if (/[A-Z]/.test(s) || alphabet === LOWER_ALNUM) {
        if (/\d/.test(s) && /[a-z]/.test(s)) return s;
      }
    }
  }

  /** The base64url body of an xoxe token: encodes digit groups and a 64-hex tail, like real ones. */
  private rotatingBody(): string {
    const r = this.rng;
    const inner = `${r.int(1, 3)}-${r.int(1, 3)}-${r.digits(r.int(9, 13))}-${r.digits(r.int(9, 13))}-${r.digits(13)}-${r.digits(13)}-${this.secret(HEX, 64)}`;
    return Buffer.from(inner).toString('base64url');
  }

  token(kind: GeneratedKind): string {
    const r = this.rng;
    switch (kind) {
      case 'bot':
        return `${PREFIX.bot}${r.digits(r.int(10, 13))}-${r.digits(r.int(10, 13))}-${this.secret(ALNUM, 24)}`;
      case 'bot-legacy':
        return `${PREFIX.bot}${r.digits(r.int(11, 12))}-${this.secret(ALNUM, 24)}`;
      case 'user':
        return `${PREFIX.user}${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${this.secret(HEX, 32)}`;
      case 'user-short':
        return `${PREFIX.user}${r.digits(r.int(9, 11))}-${r.digits(r.int(9, 11))}-${r.digits(r.int(9, 11))}-${this.secret(HEX, r.int(6, 10))}`;
      case 'legacy-session':
        return `${r.pick([PREFIX.session, PREFIX.oauth])}${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${this.secret(HEX, r.pick([10, 32, 64]))}`;
      case 'client':
        return `${PREFIX.client}${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${r.digits(r.int(9, 12))}-${this.secret(LOWER_ALNUM, 64)}`;
      case 'cookie': {
        const raw = Buffer.from(r.chars(ALNUM, r.int(60, 120))).toString('base64');
        return `${PREFIX.cookie}${raw.replace(/\//g, '%2F').replace(/\+/g, '%2B').replace(/=/g, '%3D')}`;
      }
      case 'app':
        return `${PREFIX.app}1-A${r.chars(UPPER_ALNUM, r.int(9, 10))}-${r.digits(13)}-${this.secret(HEX, 64)}`;
      case 'config-access':
        return `${P('xoxe.', r.pick([PREFIX.bot, PREFIX.user]))}1-${this.rotatingBody()}`;
      case 'config-refresh':
        return `${PREFIX.refresh}1-${this.rotatingBody()}`;
      case 'workspace':
        return `${r.pick([PREFIX.workspaceA, PREFIX.workspaceR, PREFIX.workspaceA + '2-'])}${r.digits(10)}-${r.digits(12)}-${r.digits(12)}-${this.secret(HEX, 32)}`;
      case 'workflow-token':
        return `${PREFIX.workflow}${this.secret(ALNUM, 40)}`;
      case 'webhook':
        return `${PREFIX.hooks}services/T${r.chars(UPPER_ALNUM, r.int(8, 10))}/B${r.chars(UPPER_ALNUM, r.int(8, 10))}/${this.secret(ALNUM, 24)}`;
      case 'webhook-gov':
        return `${PREFIX.hooksGov}services/T${r.chars(UPPER_ALNUM, r.int(8, 10))}/B${r.chars(UPPER_ALNUM, r.int(8, 10))}/${this.secret(ALNUM, 24)}`;
      case 'workflow-webhook':
        return `${PREFIX.hooks}workflows/T${r.chars(UPPER_ALNUM, 10)}/A${r.chars(UPPER_ALNUM, 10)}/${r.digits(18)}/${this.secret(ALNUM, 24)}`;
      case 'trigger':
        return `${PREFIX.hooks}triggers/T${r.chars(UPPER_ALNUM, 10)}/${r.digits(r.int(10, 16))}/${this.secret(HEX, 32)}`;
      case 'file-export':
        // As in the url_private links of a workspace export: `…/image.png?t=xoxe-<d>-<d>-<d>-<32 hex>`.
        return `${PREFIX.refresh}${r.digits(13)}-${r.digits(13)}-${r.digits(13)}-${this.secret(HEX, 32)}`;
      case 'signing-secret':
      case 'client-secret':
        return this.secret(HEX, 32);
    }
  }
}
