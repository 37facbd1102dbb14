import * as vscode from 'vscode';
import { createLogger } from './features/logger';
import { Commands, EXTENSION_NAME } from './features/ids';
import { registerCommand } from './features/run-command';
import { registerVault, TokenStore, type TokensTreeProvider } from './features/vault';

/**
 * What activate() returns, in test mode only: every other extension can read an extension's
 * exports, so a production build exposes nothing. Integration tests use it to reach SecretStorage.
 */
export interface ExtensionTestApi {
  secrets: vscode.SecretStorage;
  /** The vault's index lives here; tests assert no token ever reaches it. */
  globalState: vscode.Memento;
  tokenStore: TokenStore;
  tokensTree: TokensTreeProvider;
  /** Where the extension's log file lives (tests assert no token reaches it). */
  logUri: vscode.Uri;
}

// activate() only composes: each feature's register…() returns one Disposable that owns
// everything the feature created (listeners, emitters, providers).
export function activate(context: vscode.ExtensionContext): ExtensionTestApi | undefined {
  const channel = vscode.window.createOutputChannel(EXTENSION_NAME, { log: true });
  const logger = createLogger(channel);
  const store = TokenStore.fromContext(context, logger);
  const vault = registerVault(context, { store, logger });
  context.subscriptions.push(
    channel,
    registerCommand(Commands.showLog, () => logger.show(), logger),
    store,
    vault,
  );
  return context.extensionMode === vscode.ExtensionMode.Test ? { secrets: context.secrets, globalState: context.globalState, tokenStore: store, tokensTree: vault.tree, logUri: context.logUri } : undefined;
}

export function deactivate(): void {}
