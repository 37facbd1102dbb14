// The vault feature: the Tokens view and the commands that store, test, revoke and migrate tokens.
import * as vscode from 'vscode';
import { resultForCaller } from '../caller';
import { Commands, Views } from '../ids';
import { registerCommand } from '../run-command';
import { ClipboardGuard } from './clipboard';
import { addToken } from './commands/add-token';
import { copyToken, removeToken, renameToken } from './commands/manage-token';
import { GuideDocuments, openMigrationGuide } from './commands/migration-guide';
import { revokeToken } from './commands/revoke-token';
import { optionsArg, type TokenArg, type VaultDeps } from './commands/target';
import { testAllTokens, testToken, type TestDeps } from './commands/test-token';
import { TokensTreeProvider } from './tree';

// What the rest of the extension and the tests use from the vault.
export { TokenStore, type StoredToken, type TokenStatus } from './token-store';
export { testTokenValue, revokeTokenValue, untrustedConfirmationText, type TrustOptions } from './slack-service';
export { readApiSettings, allowedEndpoints } from './settings';
export { revokeButtons, revokeConfirmationText, revokeElsewhereText } from './commands/revoke-token';
export { removeButtons } from './commands/manage-token';
export { TokensTreeProvider } from './tree';
export type { AddTokenResult } from './commands/add-token';
export type { RevokeOptions, RevokeTokenResult } from './commands/revoke-token';
export type { TestTokenResult, TestAllResult } from './commands/test-token';
export type { CopyTokenResult } from './commands/manage-token';
export { CLIPBOARD_CLEAR_SECONDS } from './clipboard';

/** Context key the palette's when-clauses use (package.json). */
export const HAS_TOKENS_CONTEXT = 'slackTokenGuard.hasTokens';

export interface VaultRegistration extends vscode.Disposable {
  /** The Tokens view's provider: tests read getChildren()/getTreeItem() to see what the view shows. */
  readonly tree: TokensTreeProvider;
  /**
   * Sends webhook probes to a loopback origin (the fake Slack) instead of the webhook's host, or
   * back with undefined. Honoured only in an extension host running tests (ExtensionMode.Test);
   * reachable only through the test API, which a production build does not export.
   */
  readonly redirectWebhookProbes: (origin: string | undefined) => void;
}

export function registerVault(context: vscode.ExtensionContext, deps: VaultDeps): VaultRegistration {
  const { store, logger } = deps;
  let probeOrigin: string | undefined;
  // Webhook probes leave for the webhook's own host, except in a test extension host: there they go
  // to the fake Slack a test named, or nowhere.
  const testDeps: TestDeps = { ...deps, probeOrigin: () => (context.extensionMode === vscode.ExtensionMode.Test ? (probeOrigin ?? null) : undefined) };
  const tree = new TokensTreeProvider(store);
  const view = vscode.window.createTreeView(Views.tokens, { treeDataProvider: tree });
  const guides = new GuideDocuments();
  const clipboard = new ClipboardGuard();
  const updateBadge = () => {
    const attention = store.list().filter((t) => t.legacy || t.status === 'invalid').length;
    view.badge = attention
      ? { value: attention, tooltip: vscode.l10n.t('{0} stored tokens are legacy or invalid', attention) }
      : undefined;
  };
  const onChange = () => {
    updateBadge();
    void vscode.commands.executeCommand('setContext', HAS_TOKENS_CONTEXT, store.list().length > 0);
  };
  onChange();
  // What a command did (ids, identities, scopes) goes back to the caller only if it is this
  // extension or the test host: another extension learns nothing it could aim a command at.
  const cmd = (id: string, fn: (arg: TokenArg, options: unknown) => unknown) =>
    registerCommand(id, async (arg?: TokenArg, options?: unknown) => resultForCaller(await fn(arg, optionsArg(options, context.extensionMode)), [arg, options], context.extensionMode), logger);
  const optionsOnly = (id: string, fn: (options: unknown, raw: unknown) => unknown) =>
    registerCommand(id, async (options?: unknown) => resultForCaller(await fn(optionsArg(options, context.extensionMode), options), [options], context.extensionMode), logger);

  const disposables: vscode.Disposable[] = [
    tree,
    view,
    guides,
    clipboard,
    store.onDidChange(onChange),
    // Add Token and Test All take their options first (no token argument).
    // Add Token also gets its options as they came: a token another caller handed over asks first.
    optionsOnly(Commands.addToken, (o, raw) => addToken(deps, o as object, raw)),
    // Test All also gets its argument as it came: options another caller handed over ask first.
    registerCommand(Commands.testAllTokens, async (options?: unknown) => resultForCaller(await testAllTokens(testDeps, optionsArg(options, context.extensionMode), options), [options], context.extensionMode), logger),
    cmd(Commands.testToken, (arg, o) => testToken(testDeps, arg, o as object)),
    cmd(Commands.revokeToken, (arg, o) => revokeToken(deps, arg, o as object)),
    cmd(Commands.removeToken, (arg, o) => removeToken(deps, arg, o as object)),
    cmd(Commands.renameToken, (arg, o) => renameToken(deps, arg, o as object)),
    cmd(Commands.copyToken, (arg, o) => copyToken({ ...deps, clipboard }, arg, o as object)),
    cmd(Commands.openMigrationGuide, (arg, o) => openMigrationGuide({ ...deps, guides }, arg, o as object)),
  ];
  // The vault reads no secret at activation (that could prompt a locked keyring at startup):
  // entries whose secret vanished are dropped when first used (getSecret) or when another window
  // removes them. Only tokens the user exposed to terminals are read then (terminal-env).
  const redirectWebhookProbes = (origin: string | undefined) => {
    probeOrigin = origin;
  };
  return Object.assign(vscode.Disposable.from(...disposables), { tree, redirectWebhookProbes });
}
