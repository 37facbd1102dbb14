// So that a token moved out of the code still reaches the user's program: a stored token can be
// exposed to VS Code's integrated terminals as its environment variable. Opt-in per token (the
// vault's `exposeToTerminal` fact), through the extension's environment variable collection with
// `persistent = false`, so VS Code never writes the value to disk; the collection's description
// makes it visible in the terminal's "environment contributions" hover.
import * as vscode from 'vscode';
import { kindInfo } from '../../core/detect';
import { isValidEnvVarName } from '../../core/references';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { Cancelled, registerCommand, UserError } from '../run-command';
import { optionsArg, tokenIdOf, type TokenArg } from '../vault/commands/target';
import type { StoredToken, TokenStore } from '../vault/token-store';

export interface TerminalEnvDeps {
  store: TokenStore;
  logger: Logger;
}

/** What the command accepts: a tree node ({ token }), a StoredToken ({ id }), an id, or nothing (quick pick). */

export interface ToggleOptions {
  /** Test seam: the state to set instead of toggling. */
  expose?: boolean;
  /** Do not show the notice (tests). */
  quiet?: boolean;
}

export interface ToggleResult {
  id: string;
  envVar: string;
  exposed: boolean;
}

export function envVarOf(t: StoredToken): string {
  return t.envVar && isValidEnvVarName(t.envVar) ? t.envVar : kindInfo(t.kind).envVar;
}

export function registerTerminalEnvironment(context: vscode.ExtensionContext, deps: TerminalEnvDeps): vscode.Disposable {
  const { store, logger } = deps;
  const collection = context.environmentVariableCollection;
  collection.persistent = false;
  let syncing = Promise.resolve();

  const sync = async () => {
    const exposed = store.list().filter((t) => t.exposeToTerminal);
    const values = new Map<string, string>();
    const names: string[] = [];
    for (const t of exposed) {
      const secret = await store.getSecret(t.id);
      if (secret === undefined) continue;
      const name = envVarOf(t);
      values.set(name, secret);
      names.push(`${name} (${t.masked})`);
    }
    collection.clear();
    for (const [name, value] of values) collection.replace(name, value, { applyAtProcessCreation: true });
    collection.description = names.length
      ? vscode.l10n.t('Slack Token Guard sets {0} from Secret Storage (never written to disk).', names.join(', '))
      : undefined;
    if (names.length) logger.info(`terminal environment: ${names.join(', ')}`);
  };
  const resync = () => {
    syncing = syncing.then(sync).catch((e) => logger.error('terminal environment: update failed', e));
    return syncing;
  };

  const toggle = async (ref?: TokenArg, options: ToggleOptions = {}): Promise<ToggleResult> => {
    let id = tokenIdOf(ref);
    if (!id) {
      const tokens = store.list();
      if (tokens.length === 0) throw new UserError(vscode.l10n.t('The vault is empty: add or move a token first.'), [], 'info');
      const picked = await vscode.window.showQuickPick(
        tokens.map((t) => ({
          label: t.label,
          description: `${envVarOf(t)} · ${t.masked}`,
          detail: t.exposeToTerminal ? vscode.l10n.t('Exposed to terminals: pick to stop') : vscode.l10n.t('Not exposed: pick to expose'),
          id: t.id,
        })),
        { title: vscode.l10n.t('Expose which token to integrated terminals?'), ignoreFocusOut: true },
      );
      if (!picked) throw new Cancelled();
      id = picked.id;
    }
    const t = store.get(id);
    if (!t) throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
    const expose = options.expose ?? !t.exposeToTerminal;
    const envVar = envVarOf(t);
    const clash = expose && store.list().find((o) => o.id !== t.id && o.exposeToTerminal && envVarOf(o) === envVar);
    if (clash) {
      throw new UserError(vscode.l10n.t('“{0}” is already exposed as {1}. Stop exposing it first, or give this token another variable name.', clash.label, envVar), [], 'warning');
    }
    await store.update(t.id, { exposeToTerminal: expose, envVar });
    await resync();
    if (!options.quiet) {
      void vscode.window.showInformationMessage(
        expose
          ? vscode.l10n.t('New integrated terminals get {0} (“{1}”). Terminals already open keep their environment until relaunched.', envVar, t.label)
          : vscode.l10n.t('New integrated terminals no longer get {0}.', envVar),
      );
    }
    return { id: t.id, envVar, exposed: expose };
  };

  void resync();
  return vscode.Disposable.from(
    store.onDidChange(() => void resync()),
    registerCommand(Commands.toggleTerminalEnv, (ref?: TokenArg, options?: unknown) => toggle(ref, optionsArg<ToggleOptions>(options, context.extensionMode)), logger),
    { dispose: () => collection.clear() },
  );
}
