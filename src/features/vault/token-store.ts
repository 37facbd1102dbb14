// The vault: each token in SecretStorage under its own key, the non-secret facts about it in
// globalState. VS Code 1.100's SecretStorage cannot list its keys, so the facts double as the index;
// the index is repaired when a secret disappears (another window removed it, the keyring lost it).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { fingerprint, normalizePastedToken } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { mask, redact } from '../../core/redact';
import { isValidEnvVarName } from '../../core/references';
import { DEFAULT_ENDPOINT, normalizeEndpoint, type AuthIdentity } from '../../core/slack';
import type { Logger } from '../logger';
import { UserError } from '../run-command';

export type TokenStatus = 'unchecked' | 'valid' | 'invalid' | 'revoked' | 'unknown';

/** Who a token belongs to, as auth.test reported it at the last successful check. */
export type TokenIdentity = Pick<AuthIdentity, 'team' | 'teamId' | 'user' | 'userId' | 'botId' | 'enterpriseId'>;

/** Everything the vault knows about a token except the token itself. Safe to show and to persist. */
export interface StoredToken extends TokenIdentity {
  id: string;
  label: string;
  kind: KindId;
  fingerprint: string;
  /** mask(token): prefix + … + last four. */
  masked: string;
  /** API base URL the token belongs to (https://slack.com/api/ or https://slack-gov.com/api/ or a user-level extra). */
  endpoint: string;
  /** Environment variable name used when the token is exposed to terminals or referenced from code. */
  envVar?: string;
  /** Whether the token is exposed to integrated terminals (editor features). */
  exposeToTerminal?: boolean;
  /** From X-OAuth-Scopes at the last successful check. */
  scopes?: string[];
  /** A user-ish token holding legacy scopes. */
  legacy?: boolean;
  status: TokenStatus;
  /** A plain sentence about the last check (never contains the token). */
  statusDetail?: string;
  /** ISO time of the last check that reached Slack. */
  checkedAt?: string;
  addedAt: string;
}

/** add()'s result: the stored entry, with duplicate = true when the token was already in the vault. */
export type AddedToken = StoredToken & { duplicate: boolean };

/** Fields update() may change. Identity fields (id, kind, fingerprint, masked) never change. */
export type TokenPatch = Partial<Omit<StoredToken, 'id' | 'kind' | 'fingerprint' | 'masked' | 'addedAt'>>;

export interface AddTokenInput {
  token: string;
  label?: string;
  endpoint?: string;
  envVar?: string;
}

/** The globalState key of the index; the only globalState key the vault writes. */
export const INDEX_KEY = 'slackTokenGuard.vault.index';
const SECRET_PREFIX = 'slackTokenGuard.token.';

export function secretKey(id: string): string {
  return SECRET_PREFIX + id;
}

interface IndexV1 {
  version: 1;
  tokens: StoredToken[];
}

export class TokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after any change to the vault, in this window or another. */
  readonly onDidChange: vscode.Event<void> = this.emitter.event;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly logger?: Logger,
  ) {
    this.disposables.push(
      this.emitter,
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(SECRET_PREFIX)) return;
        void this.serial(() => this.reconcile(e.key.slice(SECRET_PREFIX.length))).catch((err) =>
          this.logger?.warn('vault: could not follow a Secret Storage change', err),
        );
      }),
    );
  }

  static fromContext(context: vscode.ExtensionContext, logger?: Logger): TokenStore {
    return new TokenStore(context.secrets, context.globalState, logger);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Every stored token, in the order added. Synchronous: the index lives in globalState. */
  list(): StoredToken[] {
    return this.readIndex().tokens.map((t) => ({ ...t }));
  }

  get(id: string): StoredToken | undefined {
    const t = this.readIndex().tokens.find((x) => x.id === id);
    return t && { ...t };
  }

  findByFingerprint(fp: string): StoredToken | undefined {
    const t = this.readIndex().tokens.find((x) => x.fingerprint === fp);
    return t && { ...t };
  }

  /**
   * The token itself, or undefined when the id is unknown or its secret is gone; a gone secret drops
   * the entry from the index (and fires onDidChange), so the tree never lists a token it cannot use.
   */
  async getSecret(id: string): Promise<string | undefined> {
    if (!this.get(id)) return undefined;
    const value = await this.readSecret(id);
    if (value === undefined) await this.serial(() => this.reconcile(id));
    return value;
  }

  /**
   * Stores a token. Accepts what people paste (quotes, whitespace, `Bearer `, `KEY=value`) and refuses
   * anything that is not a Slack credential with a UserError saying why. A token already in the vault
   * (same fingerprint) is not stored twice: the existing entry comes back with duplicate = true.
   * A failing SecretStorage throws a UserError and leaves nothing half-written.
   */
  add(input: AddTokenInput): Promise<AddedToken> {
    return this.serial(async () => {
      const normalized = normalizePastedToken(input.token);
      if (!normalized.ok) throw new UserError(normalized.reason, [], 'warning');
      const token = normalized.token;
      const endpoint = checkedEndpoint(input.endpoint ?? DEFAULT_ENDPOINT);
      const fp = fingerprint(token);
      const existing = this.findByFingerprint(fp);
      if (existing) {
        // Heal an entry whose secret was lost: the user just gave it back to us.
        if ((await this.readSecret(existing.id)) === undefined) await this.writeSecret(existing.id, token);
        return { ...existing, duplicate: true };
      }
      const entry: StoredToken = {
        id: randomUUID(),
        label: checkedLabel(input.label ?? '', token) || mask(token),
        kind: normalized.kind,
        fingerprint: fp,
        masked: mask(token),
        endpoint,
        envVar: input.envVar ? checkedEnvVar(input.envVar) : undefined,
        status: 'unchecked',
        addedAt: new Date().toISOString(),
      };
      assertNoSecretIn(entry);
      await this.writeSecret(entry.id, token);
      try {
        await this.writeIndex([...this.readIndex().tokens, entry]);
      } catch (e) {
        await this.secrets.delete(secretKey(entry.id)).then(undefined, () => undefined);
        throw this.stateError(e);
      }
      this.logger?.info(`vault: stored ${entry.masked} (${entry.kind})`);
      this.emitter.fire();
      return { ...entry, duplicate: false };
    });
  }

  /** Deletes the secret first, then the index entry: a failure leaves the token listed and usable. */
  remove(id: string): Promise<boolean> {
    return this.serial(async () => {
      const entry = this.get(id);
      if (!entry) return false;
      try {
        await this.secrets.delete(secretKey(id));
      } catch (e) {
        throw this.secretError(e, vscode.l10n.t('Nothing was removed.'));
      }
      await this.writeIndex(this.readIndex().tokens.filter((t) => t.id !== id)).catch((e) => {
        throw this.stateError(e);
      });
      this.logger?.info(`vault: removed ${entry.masked}`);
      this.emitter.fire();
      return true;
    });
  }

  rename(id: string, label: string): Promise<StoredToken> {
    return this.update(id, { label });
  }

  update(id: string, patch: TokenPatch): Promise<StoredToken> {
    return this.serial(async () => {
      const index = this.readIndex();
      const at = index.tokens.findIndex((t) => t.id === id);
      if (at < 0) throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
      const current = index.tokens[at];
      // An explicit undefined clears an optional fact (e.g. scopes after a token died).
      const next: StoredToken = { ...current, ...patch };
      next.label = patch.label !== undefined ? checkedLabel(patch.label, undefined) : current.label;
      next.status = patch.status ?? current.status;
      if (!next.label) throw new UserError(vscode.l10n.t('A label cannot be empty.'), [], 'warning');
      next.endpoint = patch.endpoint !== undefined ? checkedEndpoint(patch.endpoint) : current.endpoint;
      if (patch.envVar !== undefined) next.envVar = patch.envVar ? checkedEnvVar(patch.envVar) : undefined;
      assertNoSecretIn(next);
      const tokens = [...index.tokens];
      tokens[at] = next;
      await this.writeIndex(tokens).catch((e) => {
        throw this.stateError(e);
      });
      this.emitter.fire();
      return { ...next };
    });
  }

  /** Checks every indexed secret and drops entries whose secret is gone. Returns how many were dropped. */
  repair(): Promise<number> {
    return this.serial(async () => {
      let dropped = 0;
      for (const t of this.readIndex().tokens) {
        if (await this.reconcile(t.id)) dropped++;
      }
      return dropped;
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Runs mutations one after another so concurrent add/remove/rename see each other's results. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * Brings one id in line with SecretStorage (another window may have removed or added it).
   * Returns true when an index entry was dropped.
   */
  private async reconcile(id: string): Promise<boolean> {
    const entry = this.get(id);
    let value: string | undefined;
    try {
      value = await this.secrets.get(secretKey(id));
    } catch (e) {
      this.logger?.warn('vault: Secret Storage could not be read', e);
      return false;
    }
    if (entry && value === undefined) {
      await this.writeIndex(this.readIndex().tokens.filter((t) => t.id !== id));
      this.logger?.info(`vault: ${entry.masked} disappeared from Secret Storage; dropped it from the list`);
      this.emitter.fire();
      return true;
    }
    // Added in another window: the shared globalState already carries its facts; just refresh views.
    this.emitter.fire();
    return false;
  }

  private readIndex(): IndexV1 {
    const raw = this.state.get<unknown>(INDEX_KEY);
    if (raw && typeof raw === 'object' && Array.isArray((raw as IndexV1).tokens)) {
      return { version: 1, tokens: (raw as IndexV1).tokens.filter(isStoredToken) };
    }
    return { version: 1, tokens: [] };
  }

  private async writeIndex(tokens: StoredToken[]): Promise<void> {
    const index: IndexV1 = { version: 1, tokens };
    await this.state.update(INDEX_KEY, index);
  }

  private async readSecret(id: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(secretKey(id));
    } catch (e) {
      throw this.secretError(e, '');
    }
  }

  private async writeSecret(id: string, token: string): Promise<void> {
    try {
      await this.secrets.store(secretKey(id), token);
    } catch (e) {
      // A store that failed half-way may have left something behind; try to clear it.
      await this.secrets.delete(secretKey(id)).then(undefined, () => undefined);
      throw this.secretError(e, vscode.l10n.t('Nothing was saved.'));
    }
  }

  private secretError(e: unknown, tail: string): UserError {
    this.logger?.error('vault: Secret Storage failed', e);
    const message = vscode.l10n.t(
      "VS Code's Secret Storage is not available ({0}). On Linux this usually means no keyring (such as GNOME Keyring or KWallet) is running or unlocked.",
      redact(e instanceof Error ? e.message : String(e)).slice(0, 200),
    );
    return new UserError(tail ? `${message} ${tail}` : message);
  }

  private stateError(e: unknown): UserError {
    this.logger?.error('vault: could not save the token list', e);
    return new UserError(vscode.l10n.t('Could not save the list of stored tokens. See the log for details.'));
  }
}

function isStoredToken(x: unknown): x is StoredToken {
  const t = x as StoredToken;
  return !!t && typeof t.id === 'string' && typeof t.fingerprint === 'string' && typeof t.label === 'string';
}

function checkedEndpoint(endpoint: string): string {
  const r = normalizeEndpoint(endpoint);
  if (!r.ok) throw new UserError(r.reason, [], 'warning');
  return r.endpoint;
}

/** Labels are shown in the tree: a pasted token must never become one. */
function checkedLabel(label: string, token: string | undefined): string {
  // Judge the whole label before shortening it: a cut could leave a nearly whole token that
  // redact() no longer recognises.
  const trimmed = label.trim();
  if ((token && trimmed.includes(token)) || redact(trimmed) !== trimmed) {
    throw new UserError(vscode.l10n.t('A label cannot contain a token. Choose a name such as "Deploy bot".'), [], 'warning');
  }
  return trimmed.slice(0, 200);
}

function checkedEnvVar(name: string): string {
  const n = name.trim();
  if (!isValidEnvVarName(n)) {
    throw new UserError(vscode.l10n.t('"{0}" is not a valid environment variable name.', redact(n).slice(0, 80)), [], 'warning');
  }
  return n;
}

/** A last guard: no fact persisted in globalState may contain anything token-shaped. */
function assertNoSecretIn(entry: StoredToken): void {
  const text = JSON.stringify({ ...entry, masked: '' });
  if (redact(text) !== text) throw new UserError(vscode.l10n.t('Refused to save: a token-like value was about to be stored outside Secret Storage.'));
}
