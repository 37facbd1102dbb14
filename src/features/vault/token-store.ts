// The vault: each token in SecretStorage under its own key, the non-secret facts about it in
// globalState under a key of its own too (`slackTokenGuard.vault.entry.<id>`). VS Code 1.100's
// SecretStorage cannot list its keys, so the facts double as the index: the index is the set of
// entry keys. globalState is shared by every window of the profile, each through its own copy that
// the others' writes reach later; one key per entry means a window only ever writes the entries it
// changes, so two windows writing at once (one adds, the other runs Test All) merge instead of one
// overwriting the other's list. The old single-array index (INDEX_KEY) is migrated on start (read,
// written as entry keys) and then kept written in step, so a window on an old build or a downgrade
// sees the same vault; removed ids are remembered (REMOVED_KEY) so that neither an old window's
// stale array nor an update racing the removal brings an entry back (vault-index.ts). An entry is
// dropped only when its secret is really gone.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { fingerprint, normalizePastedToken } from '../../core/detect';
import type { KindId } from '../../core/detect/types';
import { mask, redact } from '../../core/redact';
import { isValidEnvVarName } from '../../core/references';
import { DEFAULT_ENDPOINT, normalizeEndpoint, type AuthIdentity } from '../../core/slack';
import type { Logger } from '../logger';
import { UserError } from '../run-command';
import { isStoredToken, legacyEntries, legacyIndexOf, publicFacts, removedIds, sameLegacyIndex, visibleEntries, withRemoved, type EntryRecord } from './vault-index';

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

/** The globalState key of the old single-array index: migrated on start, then kept in step for old builds. */
export const INDEX_KEY = 'slackTokenGuard.vault.index';
/** Prefix of the globalState key of each entry's facts (with INDEX_KEY and REMOVED_KEY, the vault's only globalState keys). */
export const ENTRY_PREFIX = 'slackTokenGuard.vault.entry.';
/** The globalState key of the ids removed from the vault (ids only, never reused). */
export const REMOVED_KEY = 'slackTokenGuard.vault.removedIds';
const SECRET_PREFIX = 'slackTokenGuard.token.';

export function secretKey(id: string): string {
  return SECRET_PREFIX + id;
}

export function entryKey(id: string): string {
  return ENTRY_PREFIX + id;
}

export class TokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after any change to the vault, in this window or another. */
  readonly onDidChange: vscode.Event<void> = this.emitter.event;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /**
   * What this window last told its listeners about each id (the facts, or null when the secret is
   * there but no facts are). A Secret Storage change event cannot say which window wrote, but when
   * nothing differs from what was already announced, the write was this window's own.
   */
  private readonly announced = new Map<string, string | null>();
  /** Resolves when the old single-array index has been migrated (at once when there is none). */
  readonly ready: Promise<void>;

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
    this.ready = this.serial(() => this.migrate()).catch((err) => this.logger?.warn('vault: could not migrate the old token list', err));
    for (const t of this.list()) this.announced.set(t.id, JSON.stringify(t));
  }

  static fromContext(context: vscode.ExtensionContext, logger?: Logger): TokenStore {
    return new TokenStore(context.secrets, context.globalState, logger);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Every stored token, in the order added. Synchronous: the index lives in globalState. */
  list(): StoredToken[] {
    return this.readEntries();
  }

  get(id: string): StoredToken | undefined {
    if (this.removed().has(id)) return undefined;
    return this.readEntry(id) ?? this.readLegacy().find((t) => t.id === id);
  }

  findByFingerprint(fp: string): StoredToken | undefined {
    return this.readEntries().find((x) => x.fingerprint === fp);
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
      // The secret first: another window that sees the facts can always find the token, so its
      // reconciliation never drops a half-added entry.
      this.announced.set(entry.id, JSON.stringify(entry));
      await this.writeSecret(entry.id, token).catch((e) => {
        this.announced.delete(entry.id);
        throw e;
      });
      try {
        await this.writeEntry(entry, this.nextSeq());
      } catch (e) {
        this.announced.delete(entry.id);
        await this.secrets.delete(secretKey(entry.id)).then(undefined, () => undefined);
        throw this.stateError(e);
      }
      await this.writeLegacyIndex();
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
      this.announced.delete(id);
      try {
        await this.secrets.delete(secretKey(id));
      } catch (e) {
        throw this.secretError(e, vscode.l10n.t('Nothing was removed.'));
      }
      await this.forget(id).catch((e) => {
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
      const current = this.get(id);
      if (!current) throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
      // An explicit undefined clears an optional fact (e.g. scopes after a token died).
      const next: StoredToken = { ...current, ...patch };
      next.label = patch.label !== undefined ? checkedLabel(patch.label, undefined) : current.label;
      next.status = patch.status ?? current.status;
      if (!next.label) throw new UserError(vscode.l10n.t('A label cannot be empty.'), [], 'warning');
      next.endpoint = patch.endpoint !== undefined ? checkedEndpoint(patch.endpoint) : current.endpoint;
      if (patch.envVar !== undefined) next.envVar = patch.envVar ? checkedEnvVar(patch.envVar) : undefined;
      assertNoSecretIn(next);
      // Only this entry's key is written: what other windows changed meanwhile stays theirs.
      await this.writeEntry(next, this.seqOf(id)).catch((e) => {
        throw this.stateError(e);
      });
      // Another window may have removed the token while this one still saw its facts: it deletes
      // the secret first, so a secret gone now means the write just made is a ghost. Take it back.
      if ((await this.secrets.get(secretKey(id)).then(undefined, () => '')) === undefined) {
        await this.forget(id);
        this.announced.delete(id);
        this.emitter.fire();
        throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
      }
      await this.writeLegacyIndex();
      this.announced.set(id, JSON.stringify(next));
      this.emitter.fire();
      return { ...next };
    });
  }

  /** Checks every indexed secret and drops entries whose secret is gone. Returns how many were dropped. */
  repair(): Promise<number> {
    return this.serial(async () => {
      let dropped = 0;
      for (const t of this.readEntries()) {
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
   * Drops the entry only when its secret is gone (never one whose secret exists), and tells the
   * listeners only when something differs from what this window already announced, so the echo of
   * this window's own write fires nothing. Returns true when an index entry was dropped.
   */
  private async reconcile(id: string): Promise<boolean> {
    let value: string | undefined;
    try {
      value = await this.secrets.get(secretKey(id));
    } catch (e) {
      this.logger?.warn('vault: Secret Storage could not be read', e);
      return false;
    }
    const entry = this.get(id);
    if (entry && value === undefined) {
      await this.forget(id);
      this.announced.delete(id);
      this.logger?.info(`vault: ${entry.masked} disappeared from Secret Storage; dropped it from the list`);
      this.emitter.fire();
      return true;
    }
    const now = value === undefined ? undefined : entry ? JSON.stringify(entry) : null;
    const before = this.announced.get(id);
    if (now === before) return false; // this window's own write, already announced
    if (now === undefined) this.announced.delete(id);
    else this.announced.set(id, now);
    // Added or changed in another window: the shared globalState carries its facts; refresh views.
    this.emitter.fire();
    return false;
  }

  /**
   * Writes the old single-array index's entries as one key each (an entry another window already
   * migrated, or changed since, is kept as it is), clears entry keys of removed ids that a racing
   * write left behind, and brings the old array in step (a build before this one deleted it).
   * An old-array entry whose secret is gone is not written: the build before this one removes a
   * token by deleting its secret and entry key only, leaving it in the array this build keeps; it is
   * remembered as removed instead, so it never comes back as an entry with no token behind it.
   */
  private async migrate(): Promise<void> {
    const removed = this.removed();
    for (const key of this.state.keys()) {
      if (key.startsWith(ENTRY_PREFIX) && removed.has(key.slice(ENTRY_PREFIX.length))) await this.state.update(key, undefined);
    }
    const legacy = this.readLegacy().filter((t) => !removed.has(t.id));
    let seq = this.nextSeq();
    let moved = 0;
    let dropped = 0;
    for (const t of legacy) {
      if (this.readRecord(t.id) !== undefined) continue;
      // Unreadable Secret Storage is not a gone secret: the entry is kept (dropped only when really gone).
      const secret = await this.secrets.get(secretKey(t.id)).then(undefined, () => '');
      if (secret === undefined) {
        await this.state.update(REMOVED_KEY, withRemoved(this.state.get<unknown>(REMOVED_KEY), t.id));
        dropped++;
        continue;
      }
      await this.writeEntry(t, seq++);
      moved++;
    }
    await this.writeLegacyIndex();
    if (moved) this.logger?.info(`vault: moved ${moved} entries to one key each`);
    if (dropped) this.logger?.info(`vault: ${dropped} entries of the old list had no secret any more (removed in a window on an older build); not listed`);
  }

  private readLegacy(): StoredToken[] {
    return legacyEntries(this.state.get<unknown>(INDEX_KEY));
  }

  private removed(): Set<string> {
    return removedIds(this.state.get<unknown>(REMOVED_KEY));
  }

  /**
   * The old array as this window sees the vault, for builds that read only it (written when it
   * differs). A failure only leaves old builds behind, so it is logged, and the change stands.
   */
  private async writeLegacyIndex(): Promise<void> {
    const list = this.readEntries();
    const raw = this.state.get<unknown>(INDEX_KEY);
    if (sameLegacyIndex(raw, list) || (raw === undefined && list.length === 0)) return;
    await this.state.update(INDEX_KEY, legacyIndexOf(list)).then(undefined, (e: unknown) => this.logger?.warn('vault: could not update the list older versions read', e));
  }

  /** Takes an id out of the vault's index for good: remembered as removed, its key and old-array entry gone. */
  private async forget(id: string): Promise<void> {
    await this.state.update(REMOVED_KEY, withRemoved(this.state.get<unknown>(REMOVED_KEY), id));
    await this.deleteEntry(id);
    await this.writeLegacyIndex();
  }

  private readRecord(id: string): EntryRecord | undefined {
    const raw = this.state.get<unknown>(entryKey(id));
    return isStoredToken(raw) && raw.id === id ? (raw as EntryRecord) : undefined;
  }

  private readEntry(id: string): StoredToken | undefined {
    const r = this.readRecord(id);
    return r && publicFacts(r);
  }

  /** The entry keys, plus any old-index entries not migrated yet, in the order added. */
  private readEntries(): StoredToken[] {
    const records: EntryRecord[] = [];
    for (const key of this.state.keys()) {
      if (!key.startsWith(ENTRY_PREFIX)) continue;
      const r = this.readRecord(key.slice(ENTRY_PREFIX.length));
      if (r) records.push(r);
    }
    return visibleEntries(records, this.readLegacy(), this.removed());
  }

  private seqOf(id: string): number {
    return this.readRecord(id)?.seq ?? this.nextSeq();
  }

  /** After every entry this window can see; windows adding at once may tie, and the id breaks it. */
  private nextSeq(): number {
    let max = -1;
    for (const key of this.state.keys()) {
      if (key.startsWith(ENTRY_PREFIX)) max = Math.max(max, this.readRecord(key.slice(ENTRY_PREFIX.length))?.seq ?? 0);
    }
    return max + 1;
  }

  private async writeEntry(entry: StoredToken, seq: number): Promise<void> {
    const record: EntryRecord = { ...publicFacts(entry), seq };
    await this.state.update(entryKey(entry.id), record);
  }

  private async deleteEntry(id: string): Promise<void> {
    await this.state.update(entryKey(id), undefined);
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

function checkedEndpoint(endpoint: string): string {
  const r = normalizeEndpoint(endpoint);
  if (!r.ok) throw new UserError(r.reason, [], 'warning');
  return r.endpoint;
}

/** Labels are shown in the tree: a pasted token must never become one. */
export function checkedLabel(label: string, token: string | undefined): string {
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
