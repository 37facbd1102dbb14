// Which tokens reach this window's integrated terminals. Exposure is a fact about a workspace, not
// about a token: it is recorded in workspaceState (per workspace, never shared with other windows;
// only entry ids, nothing token-shaped), so exposing a token in one folder does not put it into the
// terminals of every other window, as it did when it was a fact in the vault's globalState. And it
// applies only while the workspace is trusted: Restricted Mode gets no token at all, and the
// recorded ones are applied when the user grants trust.
import * as vscode from 'vscode';
import { kindInfo } from '../../core/detect';
import { isValidEnvVarName } from '../../core/references';
import type { Logger } from '../logger';
import type { StoredToken, TokenStore } from '../vault/token-store';

/** The workspaceState key: the ids of the vault entries exposed in this workspace. */
export const EXPOSED_KEY = 'slackTokenGuard.terminal.exposedIds';

/** The part of an EnvironmentVariableCollection the exposure uses (a test can give its own). */
export interface EnvTarget {
  replace(variable: string, value: string, options?: vscode.EnvironmentVariableMutatorOptions): void;
  clear(): void;
  description: string | vscode.MarkdownString | undefined;
}

export interface TerminalExposureOptions {
  store: TokenStore;
  /** This workspace's state (context.workspaceState). */
  workspaceState: vscode.Memento;
  collection: EnvTarget;
  isTrusted: () => boolean;
  onDidGrantTrust: vscode.Event<void>;
  logger?: Logger;
}

export function envVarOf(t: StoredToken): string {
  return t.envVar && isValidEnvVarName(t.envVar) ? t.envVar : kindInfo(t.kind).envVar;
}

export class TerminalExposure implements vscode.Disposable {
  private syncing: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly o: TerminalExposureOptions) {
    this.disposables = [o.store.onDidChange(() => void this.resync()), o.onDidGrantTrust(() => void this.resync())];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.o.collection.clear();
    this.o.collection.description = undefined;
  }

  /** The vault entries exposed in this workspace, in the vault's order. */
  exposed(): StoredToken[] {
    const ids = new Set(this.recorded());
    return this.o.store.list().filter((t) => ids.has(t.id));
  }

  isExposed(id: string): boolean {
    return this.recorded().includes(id);
  }

  /** Records (or forgets) the exposure in this workspace, then updates the terminals. */
  async setExposed(id: string, expose: boolean): Promise<void> {
    const known = new Set(this.o.store.list().map((t) => t.id));
    // Forget ids whose entries left the vault; keep the order of the rest.
    const ids = this.recorded().filter((x) => x !== id && known.has(x));
    if (expose) ids.push(id);
    await this.o.workspaceState.update(EXPOSED_KEY, ids);
    await this.resync();
  }

  resync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.sync()).catch((e) => this.o.logger?.error('terminal environment: update failed', e));
    return this.syncing;
  }

  private recorded(): string[] {
    const raw = this.o.workspaceState.get<unknown>(EXPOSED_KEY);
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  }

  private async sync(): Promise<void> {
    const { collection, store, logger } = this.o;
    const values = new Map<string, string>();
    const names: string[] = [];
    if (this.o.isTrusted()) {
      for (const t of this.exposed()) {
        const secret = await store.getSecret(t.id);
        if (secret === undefined) continue;
        const name = envVarOf(t);
        values.set(name, secret);
        names.push(`${name} (${t.masked})`);
      }
    }
    collection.clear();
    for (const [name, value] of values) collection.replace(name, value, { applyAtProcessCreation: true });
    collection.description = names.length
      ? vscode.l10n.t('Slack Token Guard sets {0} from Secret Storage (never written to disk).', names.join(', '))
      : undefined;
    if (names.length) logger?.info(`terminal environment: ${names.join(', ')}`);
    else if (!this.o.isTrusted() && this.recorded().length) logger?.info('terminal environment: nothing set until the workspace is trusted');
  }
}
