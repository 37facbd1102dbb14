// So that a token moved out of the code still reaches the user's program: a stored token can be
// exposed to VS Code's integrated terminals as its environment variable. Opt-in per token and per
// workspace (recorded in workspaceState by TerminalExposure, applied only in a trusted workspace),
// through the extension's environment variable collection with `persistent = false`, so VS Code
// never writes the value to disk; the collection's description makes it visible in the terminal's
// "environment contributions" hover.
import * as vscode from 'vscode';
import { callerConfirmationText, confirmCaller, resultForCaller, workspaceLabel } from '../caller';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { Cancelled, registerCommand, UserError } from '../run-command';
import { optionsArg, tokenIdOf, type TokenArg } from '../vault/commands/target';
import type { TokenStore } from '../vault/token-store';
import { envVarOf, TerminalExposure } from './exposure';

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
  /** The answer to "expose, asked from outside?" (an id the caller named); without it the modal asks. */
  confirm?: boolean;
}

export interface ToggleResult {
  id: string;
  envVar: string;
  exposed: boolean;
}

export { envVarOf };

export function registerTerminalEnvironment(context: vscode.ExtensionContext, deps: TerminalEnvDeps): vscode.Disposable {
  const { store, logger } = deps;
  const collection = context.environmentVariableCollection;
  collection.persistent = false;
  const exposure = new TerminalExposure({
    store,
    workspaceState: context.workspaceState,
    collection,
    isTrusted: () => vscode.workspace.isTrusted,
    onDidGrantTrust: vscode.workspace.onDidGrantWorkspaceTrust,
    logger,
  });

  const toggle = async (ref?: TokenArg, options: ToggleOptions = {}): Promise<ToggleResult> => {
    let id = tokenIdOf(ref);
    if (!id) {
      const tokens = store.list();
      if (tokens.length === 0) throw new UserError(vscode.l10n.t('The vault is empty: add or move a token first.'), [], 'info');
      const picked = await vscode.window.showQuickPick(
        tokens.map((t) => ({
          label: t.label,
          description: `${envVarOf(t)} · ${t.masked}`,
          detail: exposure.isExposed(t.id) ? vscode.l10n.t('Exposed to terminals: pick to stop') : vscode.l10n.t('Not exposed: pick to expose'),
          id: t.id,
        })),
        { title: vscode.l10n.t('Expose which token to integrated terminals?'), ignoreFocusOut: true },
      );
      if (!picked) throw new Cancelled();
      id = picked.id;
    }
    const t = store.get(id);
    if (!t) throw new UserError(vscode.l10n.t('That token is no longer in the vault.'), [], 'warning');
    const expose = options.expose ?? !exposure.isExposed(t.id);
    if (expose && !vscode.workspace.isTrusted) {
      throw new UserError(vscode.l10n.t('Tokens are not exposed to terminals in Restricted Mode. Trust this workspace first.'), [], 'info');
    }
    const envVar = envVarOf(t);
    const clash = expose && exposure.exposed().find((o) => o.id !== t.id && envVarOf(o) === envVar);
    if (clash) {
      throw new UserError(vscode.l10n.t('“{0}” is already exposed as {1}. Stop exposing it first, or give this token another variable name.', clash.label, envVar), [], 'warning');
    }
    // Any extension can open a terminal and read its environment: only the user exposes a token.
    // Stopping needs no question: it only takes a token away.
    if (expose && !exposure.isExposed(t.id)) await confirmCaller(ref, () => callerConfirmationText('expose', t, workspaceLabel()), options.confirm);
    if (t.envVar !== envVar) await store.update(t.id, { envVar });
    await exposure.setExposed(t.id, expose);
    if (!options.quiet) {
      void vscode.window.showInformationMessage(
        expose
          ? vscode.l10n.t('New integrated terminals get {0} (“{1}”). Terminals already open keep their environment until relaunched.', envVar, t.label)
          : vscode.l10n.t('New integrated terminals no longer get {0}.', envVar),
      );
    }
    return { id: t.id, envVar, exposed: expose };
  };

  void exposure.resync();
  return vscode.Disposable.from(
    exposure,
    registerCommand(
      Commands.toggleTerminalEnv,
      async (ref?: TokenArg, options?: unknown) => resultForCaller(await toggle(ref, optionsArg<ToggleOptions>(options, context.extensionMode)), [ref, options], context.extensionMode),
      logger,
    ),
  );
}
